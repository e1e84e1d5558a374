// Raw line access to a trace file: opens a path ('-' is standard input),
// gunzips `.gz` files (and gzip data on standard input, recognised by its
// magic bytes), and splits the text into lines in batches, so a reader of
// millions of lines pays one await per batch, not per line.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { InputError, locate } from './input-error.ts';

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
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let lineNumber = 1;
  try {
    for await (const chunk of decodedChunks(path)) {
      const text = carry + decoder.decode(chunk, { stream: true });
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      if (carry.length > MAX_LINE_CHARS) {
        throw new InputError(locate(file, lineNumber + lines.length, `line longer than ${MAX_LINE_CHARS} characters; expected one JSON event per line`));
      }
      if (lines.length === 0) continue;
      yield { firstLine: lineNumber, lines };
      lineNumber += lines.length;
    }
    carry += decoder.decode();
    if (carry.length > 0) yield { firstLine: lineNumber, lines: [carry] };
  } catch (error) {
    throw asInputError(error, file);
  }
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
