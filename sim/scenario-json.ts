// Reading a scenario file's text and JSON: the file named in every message,
// the line of a JSON mistake, and a nesting bound (traces/json-depth.ts) so
// deeply nested input is a clear error rather than a stack overflow later.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { InputError, quote } from '../traces/input-error.ts';
import { excessiveDepthAt, lineAt, tooDeepMessage } from '../traces/json-depth.ts';
import { firstInvalidUtf8 } from '../traces/read-lines.ts';

/** The text of a scenario file, or an InputError that names it. */
export function readScenarioText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : 'does it exist?';
    throw new InputError(`${path}: cannot read the scenario file (${why})`);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) throw new InputError(`${path}:${lineAt(bytes.subarray(0, bad).toString('latin1'), bad)}: bytes that are not UTF-8; expected a JSON scenario file in UTF-8`);
  return bytes.toString('utf8');
}

/** JSON.parse, or an InputError with the file and the line of the mistake. */
export function parseScenarioJson(rawText: string, file: string): unknown {
  // A byte-order mark (Windows editors write one) is not part of the JSON; RFC 8259 lets a parser ignore it.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const deep = excessiveDepthAt(text);
  if (deep >= 0) throw new InputError(`${file}:${lineAt(text, deep)}: ${tooDeepMessage()}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text around the mistake: escape what it quotes.
    const reason = quote((error as Error).message, 200).slice(1, -1);
    throw new InputError(`${file}:${jsonErrorLine(text, error)}: not valid JSON (${reason})`);
  }
  // JSON.parse keeps the last of two equal keys and drops the first without a word.
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== null) {
    throw new InputError(`${file}:${lineAt(text, duplicate.offset)}: ${duplicate.path}: expected each field once in an object, but it is given twice (JSON would keep only the last)`);
  }
  return value;
}

interface DuplicateKey {
  /** The field's path, as the validator names fields (`faults.schedule[0].atUs`). */
  path: string;
  /** Where its second occurrence starts in the text. */
  offset: number;
}

interface Container {
  object: boolean;
  keys: Set<string>;
  /** The path of the container itself. */
  path: string;
  /** Object: the key whose value comes next. Array: the index of the next item. */
  key: string;
  index: number;
}

/**
 * The first key given twice in one object of a text that is valid JSON, or
 * null. One pass over the text, with a stack of the open containers.
 */
export function firstDuplicateKey(text: string): DuplicateKey | null {
  const stack: Container[] = [];
  const childPath = (c: Container | undefined): string => {
    if (c === undefined) return '';
    if (!c.object) return `${c.path}[${c.index}]`;
    return c.path === '' ? c.key : `${c.path}.${c.key}`;
  };
  let expectKey = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (ch === '"') {
      const start = k;
      let end = k + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      k = end;
      const top = stack[stack.length - 1];
      if (expectKey && top !== undefined && top.object) {
        const key = JSON.parse(text.slice(start, end + 1)) as string;
        top.key = key;
        if (top.keys.has(key)) return { path: childPath(top), offset: start };
        top.keys.add(key);
        expectKey = false;
      }
    } else if (ch === '{' || ch === '[') {
      stack.push({ object: ch === '{', keys: new Set(), path: childPath(stack[stack.length - 1]), key: '', index: 0 });
      expectKey = ch === '{';
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top !== undefined && top.object) expectKey = true;
      else if (top !== undefined) top.index++;
    }
  }
  return null;
}

/** The 1-based line of a JSON.parse error's "position N", or 1. */
function jsonErrorLine(text: string, error: unknown): number {
  const m = /position (\d+)/.exec(String((error as Error).message));
  return m === null ? 1 : lineAt(text, Number(m[1]));
}

/** Larger than any scenario (the largest shipped is some 10 kB); reading more would only exhaust memory. */
export const MAX_SCENARIO_FILE_BYTES = 64 * 1024 * 1024;

/**
 * A scenario path that reading would hang on or never finish: a device
 * (`/dev/zero` never ends), a socket, a file larger than any scenario, and,
 * inside a suite folder, a FIFO (nobody writes to it). A FIFO named on the
 * command line is read, as `run <(generate)` needs. A path that cannot be
 * read at all is left to the reader, which says why.
 */
export function checkScenarioFileKind(path: string, named: boolean): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return;
  }
  const kind = stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : stats.isSocket() ? 'a socket' : stats.isFIFO() && !named ? 'a FIFO (named pipe)' : undefined;
  if (kind !== undefined) throw new InputError(`${path}: expected a scenario file (JSON), but it is ${kind}`);
  if (stats.isFile() && stats.size > MAX_SCENARIO_FILE_BYTES) {
    throw new InputError(`${path}: expected a scenario file of at most ${MAX_SCENARIO_FILE_BYTES} bytes (${MAX_SCENARIO_FILE_BYTES / 1024 / 1024} MB), but it has ${stats.size} bytes`);
  }
}
