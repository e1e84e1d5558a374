// Bad input from the user (a scenario file, a trace, an option). Every layer
// may throw it; the CLI prints its message without a stack trace and exits 2.
// The message names the file, the line or field, and what was expected.
const INPUT_ERROR = Symbol.for('vsynclab.input-error');

export class InputError extends Error {
  /** Marks the error for `instanceof` across copies of this module (see below). */
  readonly [INPUT_ERROR] = true;

  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }

  /**
   * The CLI runs as one bundled file while a plugin imports dist/'s ES
   * modules: an InputError a plugin throws comes from the other copy of
   * this class, and must still be reported as bad input (exit 2).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    if (this === InputError) return (value as { [INPUT_ERROR]?: unknown })[INPUT_ERROR] === true;
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/** Formats `file:line: what` (a line number) or `file: field: what` (a field path). */
export function locate(file: string, where: string | number | undefined, what: string): string {
  if (where === undefined || where === '') return `${file}: ${what}`;
  return typeof where === 'number' ? `${file}:${where}: ${what}` : `${file}: ${where}: ${what}`;
}

// C0 controls (except newline, which separates the lines of a message), DEL,
// C1 controls (U+009B is a one-byte CSI), and the bidirectional overrides and
// isolates (they reorder what a reader sees). Any of these from a trace or a
// scenario could retitle the window, clear the screen or disguise a message.
const UNSAFE_FOR_TERMINAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text safe to print to a terminal: every control character becomes a
 * visible `\u001b`-style escape. Newlines stay (messages may list problems).
 */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A string quoted for a message: JSON quoting (which escapes newlines and
 * C0 controls) plus the characters JSON leaves raw, cut to `maxChars`.
 */
export function quote(text: string, maxChars = 60): string {
  const cut = text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
  return escapeControl(JSON.stringify(cut));
}
