// The trace reader: streams a trace file (`.jsonl`, `.jsonl.gz` by name, or
// '-' for standard input) and validates every line against TRACE_FORMAT.md.
// Bad input throws InputError("FILE:LINE: what was expected") as soon as it is
// met; nothing is kept but the current batch of lines.
import type { TraceEvent, TraceHeader } from './schema.ts';
import { InputError, locate, quote } from './input-error.ts';
import { excessiveDepthAt, tooDeepMessage } from './json-depth.ts';
import { displayName, readLineBatches } from './read-lines.ts';
import type { ReadOptions } from './read-lines.ts';
import { EventSequence, validateEvent, validateHeader } from './validate.ts';

export type TracePart = { header: TraceHeader } | { events: TraceEvent[] };

/**
 * The header, then events in batches (one batch per chunk read): the fast
 * path for readers of millions of events.
 */
export async function* readTraceBatches(path: string, options: ReadOptions = {}): AsyncGenerator<TracePart> {
  const file = options.name ?? displayName(path);
  const sequence = new EventSequence(file);
  let sawHeader = false;
  let blankLine = 0;
  for await (const batch of readLineBatches(path, options)) {
    const events: TraceEvent[] = [];
    for (let k = 0; k < batch.lines.length; k++) {
      const line = batch.firstLine + k;
      const text = batch.lines[k] as string;
      if (isBlank(text)) {
        // Blank lines are tolerated only at the very end of the file.
        if (blankLine === 0) blankLine = line;
        continue;
      }
      if (blankLine !== 0) throw new InputError(locate(file, blankLine, 'blank line; expected one JSON object per line'));
      const value = parseLine(text, file, line);
      if (!sawHeader) {
        yield { header: validateHeader(value, file, line) };
        sawHeader = true;
        continue;
      }
      const event = validateEvent(value, file, line, text);
      sequence.accept(event, line, text);
      events.push(event);
    }
    if (events.length > 0) yield { events };
  }
  if (!sawHeader) throw new InputError(`${file}: empty trace: expected the header on line 1`);
}

/** Streams a trace, validating every line; throws InputError("FILE:LINE: what was expected") on bad input. */
export async function* readTrace(path: string): AsyncGenerator<{ header: TraceHeader } | { event: TraceEvent }> {
  for await (const part of readTraceBatches(path)) {
    if ('header' in part) yield part;
    else for (const event of part.events) yield { event };
  }
}

/** Reads a whole trace into memory (small traces, tests). */
export async function readTraceFile(path: string): Promise<{ header: TraceHeader; events: TraceEvent[] }> {
  let header: TraceHeader | undefined;
  const events: TraceEvent[] = [];
  for await (const part of readTraceBatches(path)) {
    if ('header' in part) header = part.header;
    else for (const event of part.events) events.push(event);
  }
  if (header === undefined) throw new InputError(`${displayName(path)}: empty trace: expected the header on line 1`);
  return { header, events };
}

function isBlank(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code !== 32 && code !== 9 && code !== 13) return false;
  }
  return true;
}

/** One line's JSON, or InputError "FILE:LINE: ..." (not valid JSON, or nested too deep). */
export function parseLine(text: string, file: string, line: number): unknown {
  if (excessiveDepthAt(text) >= 0) throw new InputError(locate(file, line, tooDeepMessage()));
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8 quotes the offending text in its message: escape it like the preview.
    const reason = quote(error instanceof Error ? error.message : String(error), 200).slice(1, -1);
    throw new InputError(locate(file, line, `not valid JSON (${reason}): ${quote(text)}; expected one JSON object per line`));
  }
}
