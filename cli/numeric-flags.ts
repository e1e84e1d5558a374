// yargs reads a `type: 'number'` flag with Number(), which takes "0x10" as 16
// and "" as 0, and it reads "-1" after a flag as another flag. A numeric flag
// must be written in decimal; anything else is bad input named here, before
// yargs sees it. Ranges (>= 1, finite...) stay with each command.
import { availableParallelism } from 'node:os';
import { InputError } from './errors.ts';
import { escapeControl } from '../traces/input-error.ts';

/** Every `type: 'number'` option of the commands, by its kebab-case name. */
export const NUMERIC_FLAGS: ReadonlySet<string> = new Set([
  'max-states', 'max-depth', 'max-memory-mb', 'max-seconds', 'workers', 'crashes', 'partitions', 'drops',
  'suspicions', 'duplicates', 'leaves', 'joins', 'minutes', 'runs', 'shrink-attempts', 'max-attempts',
  'from', 'to', 'max-violations', 'handler-timeout-s',
]);

/** Flags whose value may start with '-' and must still be read as that flag's value (validated by the command). */
const NEGATIVE_VALUE_FLAGS: ReadonlySet<string> = new Set([...NUMERIC_FLAGS, 'shard']);

/**
 * The most worker threads a command starts: each loads the whole CLI (some
 * 100 MB), so `--workers 10000` would exhaust memory before the first run;
 * far past the cores, more threads only queue for them.
 */
export function maxWorkers(): number {
  return Math.max(64, 4 * availableParallelism());
}

/** `--workers N` checked: a whole number from 1 to maxWorkers(), or bad input. */
export function checkWorkers(workers: unknown): number {
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1 || workers > maxWorkers()) {
    throw new InputError(`--workers: expected a whole number from 1 to ${maxWorkers()} (4 per core, at least 64), got ${JSON.stringify(workers)}`);
  }
  return workers;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * The command line with each `--flag -value` of a numeric flag or --shard
 * joined as `--flag=-value`; throws InputError for a numeric flag whose value
 * is not a decimal number.
 */
export function checkNumericFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k] as string;
    if (arg === '--') {
      out.push(...argv.slice(k));
      break;
    }
    const match = /^--([A-Za-z][A-Za-z0-9-]*)(=(.*))?$/s.exec(arg);
    const name = match === null ? undefined : kebab(match[1] as string);
    if (name === undefined || !NEGATIVE_VALUE_FLAGS.has(name)) {
      out.push(arg);
      continue;
    }
    let value = match![3];
    if (value === undefined) {
      const next = argv[k + 1];
      // A following word is this flag's value unless it is another flag; "-1" and "-1/2" are values.
      if (next !== undefined && (!next.startsWith('-') || /^-[0-9.]/.test(next))) {
        value = next;
        k++;
      }
    }
    if (value === undefined) {
      out.push(arg);
      continue;
    }
    if (NUMERIC_FLAGS.has(name) && !DECIMAL.test(value)) {
      throw new InputError(`--${name}: expected a decimal number, got ${escapeControl(JSON.stringify(value))}`);
    }
    // "1e999" is decimal but reads as Infinity, which a range check would print as `null` or `Infinity`.
    if (NUMERIC_FLAGS.has(name) && !Number.isFinite(Number(value))) {
      throw new InputError(`--${name}: expected a finite number, got ${escapeControl(JSON.stringify(value))}`);
    }
    out.push(`--${name}=${value}`);
  }
  return out;
}
