// Parses --seed / --seeds options. Seeds are read as text and must be exact:
// digits only, at most 2^53 - 1, so that the run a message names is the run
// that ran (as a number, 9007199254740993 would silently become ...992).
import { MAX_SEEDS, parseSeed, readSeedRange, SEED_RULE } from '../scenarios/validate.ts';
import { InputError, quote } from '../traces/input-error.ts';

/** `--seed N` or `--seeds A..B` / `--seeds 1,4,9`; undefined when neither is given. */
export function seedsFromOptions(seed: unknown, seeds: unknown): number[] | undefined {
  if (seed !== undefined && seeds !== undefined) throw new InputError('--seed and --seeds: give one or the other');
  if (seed !== undefined) return [oneSeed(seed, '--seed')];
  if (seeds === undefined) return undefined;
  const text = optionText(seeds, '--seeds').trim();
  if (text.includes('..')) {
    const range = readSeedRange(text);
    if (typeof range === 'string') throw new InputError(`--seeds: expected a range A..B of seeds, got ${quote(text)}: ${range}`);
    return range;
  }
  const list = text.split(',').map((s) => s.trim());
  if (list.length > MAX_SEEDS) throw new InputError(`--seeds: at most ${MAX_SEEDS} seeds in one run, got ${list.length}`);
  const parsed = list.map((s) => {
    const n = parseSeed(s);
    if (n === null) {
      throw new InputError(`--seeds: expected a range A..B (A <= B) or a list like 1,4,9 of seeds (${SEED_RULE}), got ${quote(text)}`);
    }
    return n;
  });
  // A seed twice is the same run twice (one trace file, one replay command): a slip, not a wish.
  const seen = new Set<number>();
  const twice = parsed.find((n) => seen.has(n) || !seen.add(n));
  if (twice !== undefined) throw new InputError(`--seeds: expected each seed once, got ${twice} twice in ${quote(text)}`);
  return parsed;
}

function oneSeed(value: unknown, option: string): number {
  const text = optionText(value, option);
  const n = parseSeed(text.trim());
  if (n === null) throw new InputError(`${option}: expected a seed, ${SEED_RULE} written in digits, got ${quote(text)}`);
  return n;
}

/** yargs gives a string, an array when the option is repeated, or true when it has no value. */
function optionText(value: unknown, option: string): string {
  if (Array.isArray(value)) throw new InputError(`${option}: give it once`);
  if (typeof value !== 'string' && typeof value !== 'number') throw new InputError(`${option}: expected a value`);
  return String(value);
}

/**
 * `--seeds -5..2` reaches yargs as the option `--seeds` and the flags `-5..2`
 * ("Unknown argument: 5"). A value after --seed/--seeds that starts with a
 * minus and a digit is joined to its option, so the seed parser can say what
 * is wrong with it.
 */
export function joinNegativeSeedValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k] as string;
    const next = argv[k + 1];
    if ((arg === '--seed' || arg === '--seeds') && next !== undefined && /^-[0-9]/.test(next)) {
      out.push(`${arg}=${next}`);
      k++;
    } else {
      out.push(arg);
    }
  }
  return out;
}
