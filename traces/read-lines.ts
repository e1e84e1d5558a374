// Raw line access to a trace file: opens a path ('-' is standard input),
// gunzips `.gz` files (and gzip data on standard input, recognised by its
// magic bytes), and splits the text into lines in batches, so a reader of
// millions of lines pays one await per batch, not per line.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { InputError, locate } from './input-error.ts';
import { excessiveDepthAt, MAX_JSON_DEPTH, tooDeepMessage } from './json-depth.ts';

/** A line longer than this is not a trace line; stop before it eats the memory. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;

export const STDIN_PATH = '-';

/** How a path is named in messages. */
export function displayName(path: string): string {
  return path === STDIN_PATH ? '<stdin>' : path;
}

export interface LineBatch {
  /** 1-based number of the first line in `lines`. */
  firstLine: number;
  lines: string[];
}

function openSource(path: string): Readable {
  if (path === STDIN_PATH) return process.stdin;
  return createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
}

/** Yields the bytes of `path`, decompressed when it is gzip. */
async function* decodedChunks(path: string): AsyncGenerator<Buffer> {
  const source = openSource(path);
  const byName = path !== STDIN_PATH && path.endsWith('.gz');
  if (byName) {
    const gunzip = createGunzip({ chunkSize: READ_CHUNK_BYTES });
    // pipe() does not forward a read error (a missing file) to the gunzip side.
    source.on('error', (error) => gunzip.destroy(error));
    yield* source.pipe(gunzip) as AsyncIterable<Buffer>;
    return;
  }
  if (path !== STDIN_PATH) {
    yield* source as AsyncIterable<Buffer>;
    return;
  }
  // Standard input has no name: look at the first bytes for gzip's magic number.
  const iterator = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return;
  const head = first.value;
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip({ chunkSize: READ_CHUNK_BYTES });
    const feed = (async () => {
      gunzip.write(head);
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
        if (!gunzip.write(next.value)) await new Promise((resolve) => gunzip.once('drain', resolve));
      }
      gunzip.end();
    })();
    feed.catch((error: unknown) => gunzip.destroy(error as Error));
    yield* gunzip as AsyncIterable<Buffer>;
    return;
  }
  yield head;
  for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
}

export interface ReadOptions {
  /** How to name the file in messages (default: the path, or <stdin> for '-'). */
  name?: string;
}

/** Yields the lines of a trace in batches. A final empty line (after the last newline) is dropped. */
export async function* readLineBatches(path: string, options: ReadOptions = {}): AsyncGenerator<LineBatch> {
  const file = options.name ?? displayName(path);
  // Fatal: a byte that is not UTF-8 is bad input, not a U+FFFD that checks.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carry = '';
  let lineNumber = 1;
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      const bad = chunk === undefined ? 0 : Math.max(0, firstInvalidUtf8(chunk));
      throw new InputError(locate(file, lineNumber + (chunk === undefined ? 0 : countNewlines(chunk, bad)), NOT_UTF8));
    }
  };
  try {
    for await (const chunk of decodedChunks(path)) {
      const text = carry + decode(chunk);
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      if (carry.length > MAX_LINE_CHARS) {
        throw new InputError(locate(file, lineNumber + lines.length, `line longer than ${MAX_LINE_CHARS} characters; expected one JSON event per line`));
      }
      if (lines.length === 0) continue;
      yield { firstLine: lineNumber, lines };
      lineNumber += lines.length;
    }
    carry += decode();
    if (carry.length > 0) yield { firstLine: lineNumber, lines: [carry] };
  } catch (error) {
    throw asInputError(error, file);
  }
}

const NOT_UTF8 = 'bytes that are not UTF-8; expected a trace of UTF-8 text';

/**
 * Decodes a whole trace held in memory (replay, shrink), refusing bytes
 * that are not UTF-8 and naming the line they are on.
 */
export function decodeTraceBytes(bytes: Uint8Array, file: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) throw new InputError(locate(file, 1 + countNewlines(bytes, bad), NOT_UTF8));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * A whole trace held in memory (replay, shrink) as text: UTF-8 only, and no
 * line nested deeper than the JSON bound, each refusal naming its line.
 */
export function checkedTraceText(bytes: Uint8Array, file: string): string {
  const text = decodeTraceBytes(bytes, file);
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (stop - start > MAX_JSON_DEPTH && excessiveDepthAt(text.slice(start, stop)) >= 0) throw new InputError(locate(file, line, tooDeepMessage()));
    start = stop + 1;
  }
  return text;
}

/**
 * A whole trace's text (checkedTraceText) as its lines, read as the streaming
 * reader reads the file (docs/trace-format.md, "How vsynclab reads what the
 * contract leaves open"): a byte-order mark before the header is skipped, CRLF
 * ends a line as LF does, and blank lines at the very end are no lines.
 * Replay, inspect and shrink parse and compare these, so one trace written
 * with other line ends is still the same trace. A blank line inside stays,
 * for the reader to refuse.
 */
export function traceTextLines(text: string): string[] {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    if (line.endsWith('\r')) lines[k] = line.slice(0, -1);
  }
  while (lines.length > 0 && /^[ \t\r]*$/.test(lines[lines.length - 1] as string)) lines.pop();
  return lines;
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let k = 0; k < end && k < bytes.length; k++) if (bytes[k] === 0x0a) count++;
  return count;
}

/**
 * The offset of the first byte that does not start a well-formed UTF-8
 * sequence (overlong forms and surrogates included), or -1. A sequence cut
 * off by the end of `bytes` counts as bad at its start.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let k = 0;
  while (k < n) {
    const b = bytes[k] as number;
    if (b < 0x80) {
      k++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f; // nothing above U+10FFFF
    } else {
      return k;
    }
    if (k + need >= n) return k;
    const second = bytes[k + 1] as number;
    if (second < min || second > max) return k;
    for (let j = 2; j <= need; j++) {
      const c = bytes[k + j] as number;
      if (c < 0x80 || c > 0xbf) return k;
    }
    k += need + 1;
  }
  return -1;
}

/** File-system and gzip failures are the user's input problems: say which file and why. */
function asInputError(error: unknown, file: string): unknown {
  if (error instanceof InputError) return error;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return new InputError(`${file}: cannot read: no such file`);
    case 'EISDIR':
      return new InputError(`${file}: cannot read: it is a directory, expected a trace file`);
    case 'EACCES':
    case 'EPERM':
      return new InputError(`${file}: cannot read: permission denied`);
    default:
      break;
  }
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new InputError(`${file}: not a valid gzip file (${(error as Error).message})`);
  }
  return error;
}
