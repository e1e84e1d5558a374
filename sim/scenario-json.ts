// Reading a scenario file's text and JSON: the file named in every message,
// the line of a JSON mistake, and a nesting bound (traces/json-depth.ts) so
// deeply nested input is a clear error rather than a stack overflow later.
import { readFileSync } from 'node:fs';
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
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text around the mistake: escape what it quotes.
    const reason = quote((error as Error).message, 200).slice(1, -1);
    throw new InputError(`${file}:${jsonErrorLine(text, error)}: not valid JSON (${reason})`);
  }
}

/** The 1-based line of a JSON.parse error's "position N", or 1. */
function jsonErrorLine(text: string, error: unknown): number {
  const m = /position (\d+)/.exec(String((error as Error).message));
  return m === null ? 1 : lineAt(text, Number(m[1]));
}
