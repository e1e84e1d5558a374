// Quoting for the commands vsynclab prints, so a path with spaces or shell
// characters still runs when pasted into a POSIX shell.

const SAFE = /^[A-Za-z0-9_\/.,:=@%+-]+$/;

// The characters escapeControl (core/input-error.ts) would not print raw.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * One word as a POSIX shell reads it back: bare when safe, else
 * single-quoted. A word with control characters (a file named with an
 * escape sequence) must neither reach the terminal raw nor change when
 * pasted, so it is printed as `"$(printf '...')"`, its control characters
 * as printf's octal escapes of their UTF-8 bytes (printf and command
 * substitution are POSIX). One limit: command substitution drops trailing
 * newlines, so a word ending in a newline does not survive it.
 */
export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  if (CONTROL.test(word)) return `"$(printf '${printfFormat(word)}')"`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The word as a printf format inside single quotes: `%` and `\` doubled, `'` closed and reopened, controls as octal bytes. */
function printfFormat(word: string): string {
  let out = '';
  for (const c of word) {
    if (c === '%') out += '%%';
    else if (c === '\\') out += '\\\\';
    else if (c === "'") out += `'\\''`;
    else if (CONTROL.test(c)) out += [...Buffer.from(c, 'utf8')].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
    else out += c;
  }
  return out;
}

/** A command line from words, each quoted as needed. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
