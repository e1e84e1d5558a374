// What the fuzz-cli sections share: the temporary folder every case works
// in, the shape of a case, and the fixture writers (scripts/fuzz-cli.ts).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const ALL_SECTIONS = ['suites', 'plugins', 'flags', 'explore'] as const;
export type Section = (typeof ALL_SECTIONS)[number];
export const dir = mkdtempSync(join(tmpdir(), 'vsynclab-fuzz-cli-'));
// Relative output paths (`--trace-out abc`) land in the temporary folder, not in the checkout.
process.chdir(dir);
// The TypeScript plugins below are ES modules (outside a package, tsx would read them as CommonJS).
writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');

/** What a case must do: be refused (exit 2), be taken (exit 0 or 1), or either; `mentions` must be in an exit-2 message. */
export type Expect = 'refuse' | 'accept' | 'either';

export interface Case {
  section: Section;
  what: string;
  argv: string[];
  expect: Expect;
  mentions?: string[];
  /** Instead of a refusal, a run that says this on standard error is enough (a note of what was ignored). */
  orNote?: string;
  /** Spawn the compiled CLI with this time limit (ms): the case may hang a process. */
  spawnMs?: number;
  /** Instead of argv: a bash command line (spawned, with spawnMs). */
  bash?: string;
}

export interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

// ---------------------------------------------------------------- fixtures

let fileCount = 0;
/** A new path in the temporary folder, numbered so that no two cases share one. */
export function freshPath(name: string): string {
  return join(dir, `${++fileCount}-${name}`);
}
export function write(name: string, content: string | Buffer): string {
  const path = freshPath(name);
  writeFileSync(path, content);
  return path;
}
export function folder(name: string, files: Record<string, string | Buffer> = {}): string {
  const path = freshPath(name);
  mkdirSync(path, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(path, file, '..'), { recursive: true });
    writeFileSync(join(path, file), content);
  }
  return path;
}

/** A small scenario on the full stack that runs in a few milliseconds. */
export function scenario(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name, description: 'a fuzz scenario', processes: 3, protocol: { name: 'isis' },
    network: { delay: { minUs: 100, meanUs: 1000, jitterUs: 200 }, lossProbability: 0, duplicateProbability: 0 },
    workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 1, total: 1 }, maxMulticasts: 2 },
    durationUs: 20_000, settleUs: 200_000, seeds: [1], ...overrides,
  };
}
export const text = (name: string, overrides: Record<string, unknown> = {}): string => JSON.stringify(scenario(name, overrides), null, 2);

export const ESC = '\u001b[2J\u001b]0;pwned\u0007';
/** Control characters of an input that must never reach the terminal raw (a newline and a tab may be output's own). */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u009b]/;
export const STACK_FRAME = /\n\s+at .*[(\s][^\s()]*\.[cm]?[jt]s:\d+|internal error|escaped runCli/;

export const EXPLORE_FIXTURES = join(ROOT, 'test/sim/explore/fixtures');
export const EXPLORE_PLUGIN = join(EXPLORE_FIXTURES, 'plugin.ts');
/** A counterexample `explore` writes (a failing run, as `shrink` needs). */
export const cex = join(dir, 'cex.jsonl');
