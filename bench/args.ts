// Command-line reading shared by the benchmarks: `--flag value` options,
// the positional arguments left, and the LABEL=WORKERS variants that the
// flag benchmarks (suite-worker-flags.ts, explore/parallel-flags.ts) compare.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface BenchArgs {
  /** The value after `flag`, if given. */
  valueOf(flag: string): string | undefined;
  has(flag: string): boolean;
  /** Arguments that are neither flags nor the value of one of `valued`. */
  positionals: string[];
}

export function benchArgs(args: readonly string[], valued: readonly string[]): BenchArgs {
  return {
    valueOf: (flag) => {
      const at = args.indexOf(flag);
      return at >= 0 ? args[at + 1] : undefined;
    },
    has: (flag) => args.includes(flag),
    positionals: args.filter((a, k) => !a.startsWith('--') && !valued.includes(args[k - 1] ?? '')),
  };
}

/** A whole number flag within [1, max], or its fallback. */
export function boundedCount(text: string | undefined, fallback: number, max: number): number {
  return Math.min(max, Math.max(1, Number(text ?? fallback) || fallback));
}

export interface FlagVariant {
  label: string;
  workers: number;
  nodeFlags: string[];
  /** The built checkout whose bin/vsynclab.js runs (default: this one). */
  dir: string;
}

/**
 * LABEL=WORKERS, optionally with :NODE-FLAGS (separated by spaces) and
 * @DIR (a built checkout, e.g. a baseline tree of main), in either order.
 * `builtFile` is a file of dist/ the variant needs, relative to the checkout.
 */
export function parseFlagVariant(text: string, builtFile: string): FlagVariant {
  const m = /^([^=]+)=(\d+)(?:@([^:]+))?(?::([^@]*))?(?:@(.+))?$/.exec(text);
  if (m === null || (m[3] !== undefined && m[5] !== undefined)) {
    throw new Error(`variant ${JSON.stringify(text)}: expected LABEL=WORKERS[:NODE-FLAGS][@DIR] (or @DIR before :NODE-FLAGS)`);
  }
  const dir = resolve(m[3] ?? m[5] ?? '.');
  if (!existsSync(join(dir, builtFile))) throw new Error(`variant ${m[1]}: ${join(dir, builtFile)} is missing: npm run build there first`);
  return { label: m[1] as string, workers: Number(m[2]), nodeFlags: (m[4] ?? '').split(' ').filter((f) => f !== ''), dir };
}
