// The states of a trace's processes just before and just after one event:
// what `vsynclab inspect TRACE --at N` prints. The trace's run is replayed
// (replay-states.ts) and the states are kept at events N-1 and N; states are
// immutable plain data, so keeping them is keeping references.
import type { ProcessId } from '../../core/ids.ts';
import { InputError } from '../../core/input-error.ts';
import type { ReplayDifference } from '../replay.ts';
import { replayStates } from './replay-states.ts';
import { traceTextLines } from '../../traces/read-lines.ts';

export type ProcessStatus = 'live' | 'crashed' | 'exited';

export interface ProcessAt {
  node: ProcessId;
  /** From the trace's `start`, `crash` and `exit` events up to event N. */
  status: ProcessStatus;
  /** The state after event N; undefined while its start handler has not run. */
  state: unknown;
  /** The state after event N-1 (undefined: none yet). */
  before: unknown;
}

export interface InspectedEvent {
  /** The event index N. */
  at: number;
  /** Event N as the replay wrote it. */
  event: Record<string, unknown>;
  /** The processes started by event N, in start order. */
  processes: ProcessAt[];
  timeUnit: 'us' | 'step';
  /** The first line where the replay differs from the recorded trace, or null. */
  difference: ReplayDifference | null;
  /** The index of the first event that differs (-1: the header), when the replay diverged. */
  divergedAt: number | null;
}

/** The lines of a trace's text, as the reader reads them (no BOM, CRLF as LF, no blank lines at the end). */
export function traceLines(text: string): string[] {
  return traceTextLines(text);
}

/** Every process a trace starts, in start order (from its recorded `start` events). */
export function startedProcesses(lines: readonly string[]): ProcessId[] {
  const out: ProcessId[] = [];
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k] as string;
    if (!line.includes('"start"')) continue;
    const event = parseEvent(line);
    if (event?.type === 'start' && typeof event.node === 'string' && !out.includes(event.node)) out.push(event.node);
  }
  return out;
}

function parseEvent(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Checks that event `at` exists in the trace `lines`; the message names `path`. */
export function checkEventIndex(lines: readonly string[], path: string, at: number): void {
  const events = Math.max(0, lines.length - 1);
  if (!Number.isSafeInteger(at) || at < 0 || at >= events) {
    const range = events === 0 ? 'no events' : `${events} events (0..${events - 1})`;
    throw new InputError(`${path}: --at ${at}: the trace has ${range}`);
  }
}

/**
 * Replays the trace `lines` to just after event `at` and returns every
 * process's state there. `onEvent` hears each replayed event's index (the
 * replay goes on to the end, to compare every line): a long trace's progress.
 */
export function inspectAt(lines: readonly string[], path: string, at: number, onEvent?: (index: number) => void): InspectedEvent {
  checkEventIndex(lines, path, at);
  let before: ReadonlyMap<ProcessId, unknown> = new Map();
  let after: ReadonlyMap<ProcessId, unknown> = new Map();
  let event: Record<string, unknown> = {};
  const status = new Map<ProcessId, ProcessStatus>();
  const replay = replayStates(lines, path, ({ index, line, states }) => {
    onEvent?.(index);
    if (index > at) return;
    const e = parseEvent(line) ?? {};
    const node = e.node;
    if (typeof node === 'string') {
      if (e.type === 'start') status.set(node, 'live');
      else if (e.type === 'crash') status.set(node, 'crashed');
      else if (e.type === 'exit') status.set(node, 'exited');
    }
    if (index === at - 1) before = new Map(states);
    if (index === at) {
      after = new Map(states);
      event = e;
    }
  });
  const processes: ProcessAt[] = [...status].map(([node, s]) => ({ node, status: s, state: after.get(node), before: before.get(node) }));
  const divergedAt = replay.difference === null ? null : replay.difference.line - 2;
  return { at, event, processes, timeUnit: replay.timeUnit, difference: replay.difference, divergedAt };
}
