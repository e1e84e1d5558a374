// Small typed readers for validating JSON: each takes the value and its
// field path, records a problem ("workload.orders.fifo: expected a number
// >= 0, got "x"") and returns a usable default so validation can go on and
// report every problem at once. Values and field names from the file are
// quoted with control characters escaped: a message must not drive the terminal.
import { escapeControl } from '../traces/input-error.ts';

export class FieldProblems {
  readonly problems: string[] = [];
  /**
   * Paths that should have held an object and did not: the fields under them
   * are not reported as missing too (a file holding `null` is one problem,
   * not twenty). '' stands for the top level.
   */
  private readonly notObjects: string[] = [];

  /** Paths a problem was reported at. */
  private readonly reported: string[] = [];

  add(path: string, expected: string, got: unknown): void {
    if (this.underNotObject(path) || this.alreadyReportedWithin(path)) return;
    this.reported.push(path);
    this.problems.push(`${escapeControl(path)}: expected ${expected}, got ${describe(got)}`);
  }

  /**
   * A check across fields (meanUs >= minUs, some order weight above 0) would
   * only repeat a problem already reported at that field or inside it, now
   * about the default put in its place: the first problem is the one to fix.
   */
  private alreadyReportedWithin(path: string): boolean {
    return this.reported.some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`));
  }

  object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(path, 'an object', value);
      this.notObjects.push(path === TOP_LEVEL ? '' : path);
      return {};
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.problems.push(`${escapeControl(join(path, key))}: unknown field, expected one of ${allowed.join(', ')}`);
      }
    }
    return value as Record<string, unknown>;
  }

  private underNotObject(path: string): boolean {
    return this.notObjects.some((p) => p === '' || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  }

  string(value: unknown, path: string): string {
    if (typeof value === 'string' && value.length > 0) return value;
    this.add(path, 'a non-empty string', value);
    return '';
  }

  optionalString(value: unknown, path: string): string | undefined {
    return value === undefined ? undefined : this.string(value, path);
  }

  /** An integer in [min, max]. */
  int(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    this.add(path, `an integer ${range}`, value);
    return min;
  }

  optionalInt(value: unknown, path: string, min: number, max?: number): number | undefined {
    return value === undefined ? undefined : this.int(value, path, min, max);
  }

  /** A finite number in [min, max]. */
  number(value: unknown, path: string, min: number, max = Number.POSITIVE_INFINITY): number {
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
    const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `from ${min} to ${max}`;
    this.add(path, `a number ${range}`, value);
    return min;
  }

  optionalNumber(value: unknown, path: string, min: number, max?: number): number | undefined {
    return value === undefined ? undefined : this.number(value, path, min, max);
  }

  probability(value: unknown, path: string): number {
    return this.number(value, path, 0, 1);
  }

  optionalProbability(value: unknown, path: string): number | undefined {
    return value === undefined ? undefined : this.probability(value, path);
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value === 'boolean') return value;
    this.add(path, 'true or false', value);
    return false;
  }

  optionalBoolean(value: unknown, path: string): boolean | undefined {
    return value === undefined ? undefined : this.boolean(value, path);
  }

  array(value: unknown, path: string): unknown[] {
    if (Array.isArray(value)) return value;
    this.add(path, 'an array', value);
    return [];
  }

  optionalArray(value: unknown, path: string): unknown[] | undefined {
    return value === undefined ? undefined : this.array(value, path);
  }

  oneOf<T extends string>(value: unknown, path: string, choices: readonly T[]): T {
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    this.add(path, `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`, value);
    return choices[0] as T;
  }
}

/** The path name validators give the file's outermost value. */
export const TOP_LEVEL = '(top level)';

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // A value built in code may still nest deeper than the stack (files are depth-checked when read).
    return 'a value nested too deep to show';
  }
  return escapeControl(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
