// Parses --seed / --seeds options.
import { parseSeedRange } from '../scenarios/validate.ts';
import { InputError } from './errors.ts';

/** `--seed N` or `--seeds A..B` / `--seeds 1,4,9`; undefined when neither is given. */
export function seedsFromOptions(seed: unknown, seeds: unknown): number[] | undefined {
  if (seed !== undefined && seeds !== undefined) throw new InputError('--seed and --seeds: give one or the other');
  if (seed !== undefined) {
    const n = Number(seed);
    if (!Number.isInteger(n) || n < 0) throw new InputError(`--seed: expected a non-negative integer, got ${JSON.stringify(seed)}`);
    return [n];
  }
  if (seeds === undefined) return undefined;
  const text = String(seeds);
  const range = parseSeedRange(text);
  if (range !== null) return range;
  const list = text.split(',').map((s) => Number(s.trim()));
  if (list.length > 0 && list.every((n) => Number.isInteger(n) && n >= 0) && text.trim() !== '') return list;
  throw new InputError(`--seeds: expected a range A..B (A <= B) or a list like 1,4,9, got ${JSON.stringify(text)}`);
}
