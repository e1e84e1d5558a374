// Quoting for the commands vsynclab prints, so a path with spaces or shell
// characters still runs when pasted into a POSIX shell.

const SAFE = /^[A-Za-z0-9_\/.,:=@%+-]+$/;

/** One word as a POSIX shell reads it back: bare when safe, else single-quoted. */
export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line from words, each quoted as needed. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
