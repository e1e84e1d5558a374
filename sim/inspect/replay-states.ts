// Replays a trace's run and tells a visitor, as each event line is written,
// every process's state at that moment: the state after event N is what the
// handlers had produced when event N was written. Timed runs are re-run from
// the header's scenario, seed and mutant (as sim/replay.ts does); explorer
// counterexamples re-execute the header's choices step by step. The replayed
// lines are compared with the recorded ones: a changed protocol diverges,
// and the first differing line is reported.
import type { ProcessId } from '../../core/ids.ts';
import { InputError } from '../../core/input-error.ts';
import type { RunOptions } from '../run.ts';
import { runScenario } from '../run.ts';
import { ComparingSink, mutantOfHeader, runOfHeader, type ReplayDifference } from '../replay.ts';
import { mutantRunOptions } from '../mutant-run.ts';
import { resolveProtocol } from '../resolve-protocol.ts';
import { isExplorationHeader } from '../explore/replay-exploration.ts';
import { captureStates } from './state-capture.ts';
import { replayExplorationStates } from './exploration-states.ts';

export interface StatesAtEvent {
  /** The event's index `i` (0-based; line `index + 2` of the trace). */
  readonly index: number;
  /** The replayed event line. */
  readonly line: string;
  /** Each process's state when the event was written; changes after the visit returns. */
  readonly states: ReadonlyMap<ProcessId, unknown>;
}

export type StateVisitor = (at: StatesAtEvent) => void;

export interface StatesReplay {
  /** The first line where the replay differs from the recorded trace, or null. */
  difference: ReplayDifference | null;
  /** Event lines the replay wrote. */
  events: number;
  /** `t` of the events: microseconds (a timed run) or explorer steps. */
  timeUnit: 'us' | 'step';
}

export const DETAIL_LEVELS = ['app', 'net', 'full'] as const;

/** Replays the run of the trace `lines` (`path` names it in messages), visiting every event. */
export function replayStates(lines: readonly string[], path: string, visit: StateVisitor): StatesReplay {
  if (isExplorationHeader(lines[0])) return replayExplorationStates(lines, path, visit);
  const { header, scenario, seed } = runOfHeader(lines[0], path);
  const mutant = mutantRunOptions(scenario, mutantOfHeader(header, path), `${path}:1: mutant`);
  const capture = captureStates(mutant.protocol ?? resolveProtocol(scenario));
  const sink = new VisitingSink(lines, capture.latest, visit);
  const options: RunOptions = {
    seed,
    traceSink: sink,
    protocol: capture.protocol,
    // The online checker reads events and changes nothing the run writes.
    checker: null,
    headerExtra: headerExtraOf(header),
    ...detailOf(header, path),
  };
  runScenario(scenario, options);
  return { difference: sink.finish(), events: Math.max(0, sink.count - 1), timeUnit: 'us' };
}

const STANDARD_HEADER_FIELDS = new Set(['type', 'format', 'version', 'protocol', 'scenario', 'seed', 'scenarioSpec', 'properties']);

/** Header fields the run does not write itself are written again as they were (a mutant's name, a detail level). */
function headerExtraOf(header: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(header).filter(([k]) => !STANDARD_HEADER_FIELDS.has(k)));
}

/**
 * The header's detail level as a run option, so the replay records the same
 * events (a run that does not know the option writes the field back through
 * `headerExtra`).
 */
function detailOf(header: Record<string, unknown>, path: string): Partial<RunOptions> {
  if (header.detail === undefined) return {};
  if (typeof header.detail !== 'string' || !(DETAIL_LEVELS as readonly string[]).includes(header.detail)) {
    throw new InputError(`${path}:1: detail: expected one of ${DETAIL_LEVELS.join(', ')}, got ${JSON.stringify(header.detail)}`);
  }
  return { detail: header.detail } as Partial<RunOptions>;
}

/** Visits each event as it is written and compares every line with the recorded one. */
class VisitingSink extends ComparingSink {
  constructor(
    expected: readonly string[],
    private readonly states: ReadonlyMap<ProcessId, unknown>,
    private readonly visit: StateVisitor,
  ) {
    super(expected);
  }

  override write(line: string): void {
    super.write(line);
    if (this.count > 1) this.visit({ index: this.count - 2, line, states: this.states });
  }
}
