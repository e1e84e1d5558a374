// Progress while a command reads or replays a long trace (issue 10,
// "progress everywhere a user waits"): `view` and `inspect` show it the way
// `check --progress` does, on the same StatusLine (on a terminal, or with
// --progress; redrawn on a terminal, a plain line every 2 s otherwise).
import { InputError } from '../errors.ts';
import type { StatusLine } from '../progress.ts';
import { readTraceBatches } from '../../traces/reader.ts';
import { displayName } from '../../traces/read-lines.ts';
import type { TraceEvent, TraceHeader } from '../../traces/schema.ts';
import { escapeControl } from '../../traces/input-error.ts';

/** The command and the file, as a status line names them (control characters escaped). */
export function progressLabel(command: string, path: string): string {
  return `${command} ${escapeControl(displayName(path))}`;
}

/** Reads a whole trace (as readTraceFile does), showing the events read so far. */
export async function readTraceShowingProgress(path: string, progress: StatusLine, label: string): Promise<{ header: TraceHeader; events: TraceEvent[] }> {
  let header: TraceHeader | undefined;
  const events: TraceEvent[] = [];
  for await (const part of readTraceBatches(path)) {
    if ('header' in part) {
      header = part.header;
      continue;
    }
    for (const event of part.events) events.push(event);
    progress.update(() => `${label}: ${events.length} events read`);
  }
  if (header === undefined) throw new InputError(`${displayName(path)}: empty trace: expected the header on line 1`);
  return { header, events };
}

/** A replay's visitor that shows how far the replay of `events` events has come. */
export function replayProgress(progress: StatusLine, label: string, events: number): (index: number) => void {
  return (index) => {
    const text = (): string => `${label}: replaying the run, event ${index + 1} of ${events}`;
    if (index === 0) progress.step(text);
    else progress.update(text);
  };
}
