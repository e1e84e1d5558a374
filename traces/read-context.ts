// Re-reads a handful of lines of a trace by number, to show the events a
// violation names. Streams the file again and keeps only the wanted lines, so
// a report about a huge trace does not need the trace in memory.
import { readLineBatches } from './read-lines.ts';
import type { ReadOptions } from './read-lines.ts';

/** Line number (1-based) of the event with index `i`: the header is line 1. */
export function lineOfEvent(i: number): number {
  return i + 2;
}

export async function readLinesAt(
  path: string,
  lineNumbers: Iterable<number>,
  options: ReadOptions = {},
): Promise<Map<number, string>> {
  const wanted = new Set(lineNumbers);
  const found = new Map<number, string>();
  if (wanted.size === 0) return found;
  const last = Math.max(...wanted);
  for await (const batch of readLineBatches(path, options)) {
    for (let k = 0; k < batch.lines.length; k++) {
      const line = batch.firstLine + k;
      if (wanted.has(line)) found.set(line, (batch.lines[k] as string).replace(/\r$/, ''));
    }
    if (batch.firstLine + batch.lines.length > last) break;
  }
  return found;
}
