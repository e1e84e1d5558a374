// Bad input from the user (a scenario file, a trace, an option). Every layer
// may throw it; the CLI prints its message without a stack trace and exits 2.
// The message names the file, the line or field, and what was expected.
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Formats `file:line: what` (a line number) or `file: field: what` (a field path). */
export function locate(file: string, where: string | number | undefined, what: string): string {
  if (where === undefined || where === '') return `${file}: ${what}`;
  return typeof where === 'number' ? `${file}:${where}: ${what}` : `${file}: ${where}: ${what}`;
}
