// What yargs takes silently and this command line must not (issue 10): a
// boolean flag given a value (`--shrink=abc` ran as --shrink), a flag that
// takes a value given none (`--workers` alone ran with 2 workers,
// `--report-file` alone was an internal error), a flag given twice (the last
// won, or an array reached a command: `shrink --out a --out b` was an
// internal error), and control characters in an argument (they reached the
// terminal raw in what the commands print, a newline split a message).
// Checked on the whole command line before yargs reads it.
import { InputError } from './errors.ts';
import { quote } from '../traces/input-error.ts';

/** Every `type: 'boolean'` option of the commands (and --help). */
export const BOOLEAN_FLAGS: ReadonlySet<string> = new Set([
  'any-failure', 'check', 'compare', 'coverage', 'diff', 'json', 'keep-seed', 'mutants', 'other-events', 'por',
  'progress', 'protocols', 'shrink', 'sleep-sets', 'states', 'stop-on-violation', 'symmetry', 'help',
]);

/** Every option that takes a value (string, number or a choice). */
export const VALUE_FLAGS: ReadonlySet<string> = new Set([
  'at', 'budget', 'coverage-out', 'crashes', 'detail', 'drops', 'duplicates', 'from', 'handler-timeout-s', 'html', 'joins', 'leaves',
  'max-attempts', 'max-depth', 'max-memory-mb', 'max-seconds', 'max-states', 'max-violations', 'minutes', 'msg',
  'mutant', 'node', 'only', 'out', 'partitions', 'plugin', 'properties', 'report-file', 'reporter', 'runs',
  'scenario', 'seed', 'seeds', 'shard', 'shiviz', 'shrink-attempts', 'strategy', 'suspicions', 'to', 'trace-out',
  'violation', 'workers',
]);

/** The flags the commands read as lists (`--plugin a --plugin b`): any other given twice is bad input. */
export const REPEATABLE_FLAGS: ReadonlySet<string> = new Set(['plugin', 'node', 'msg', 'violation', 'budget']);

// C0 controls (a tab too), DEL and C1 controls: never in a path, a name or a number.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Throws InputError for the first argument of a shape yargs would take silently; returns argv unchanged. */
export function checkFlagShapes(argv: readonly string[]): readonly string[] {
  const seen = new Set<string>();
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k] as string;
    if (CONTROL.test(arg)) {
      throw new InputError(`argument ${k + 1} (${quote(arg)}): expected no control characters (a newline, an escape) in an argument`);
    }
    // yargs keeps what follows a lone -- apart, where no command reads it: it would be ignored.
    if (arg === '--') throw new InputError(`--: no command reads the arguments after a lone --; to name a file that starts with "-", write ./-name`);
    const match = /^--(no-)?([A-Za-z][A-Za-z0-9-]*)(=(.*))?$/s.exec(arg);
    if (match === null) continue;
    const negated = match[1] !== undefined;
    const name = kebab(match[2] as string);
    const inline = match[4];
    if (BOOLEAN_FLAGS.has(name)) {
      if (inline !== undefined && !(inline === 'true' || inline === 'false') || negated && inline !== undefined) {
        throw new InputError(`--${negated ? 'no-' : ''}${name}: expected no value (or =true, =false), got ${quote(inline ?? '')}`);
      }
    } else if (VALUE_FLAGS.has(name)) {
      if (negated) throw new InputError(`--no-${name}: --${name} takes a value; there is no --no-${name}`);
      const next = argv[k + 1];
      // A following word is the value unless it is another flag; "-1" and a lone "-" (standard output) are values.
      const value = inline ?? (next !== undefined && (!next.startsWith('-') || next === '-' || /^-[0-9.]/.test(next)) ? next : undefined);
      if (value === undefined) throw new InputError(`--${name}: expected a value after it`);
      if (inline === undefined) k++;
      if (CONTROL.test(value)) throw new InputError(`--${name}: expected no control characters (a newline, an escape), got ${quote(value)}`);
    } else {
      continue; // unknown: yargs' strict mode names it
    }
    if (!REPEATABLE_FLAGS.has(name)) {
      if (seen.has(name)) throw new InputError(`--${name}: given more than once; expected it once (only one of the values would count)`);
      seen.add(name);
    }
  }
  return argv;
}
