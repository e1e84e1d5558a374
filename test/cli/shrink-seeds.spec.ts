// `vsynclab shrink` across seeds, as a user meets it: for a few mutants'
// pinned failures, the printed `replay:` and `run:` commands, run as printed,
// reproduce the shrunk failure (on the seed the shrink moved to, which the
// scenario file and the trace carry); `--keep-seed` stays on the trace's seed.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTANT_CATCHES } from '../../protocol/mutants/catches.ts';
import { cliInProcess as cli } from './cli-harness.ts';
import { vsynclabArgs } from './shell-words.ts';

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-shrink-seeds-'));

/** The pinned failing run of `mutant`, written as a trace. */
async function failingTrace(mutant: string): Promise<string> {
  const pin = MUTANT_CATCHES[mutant];
  if (pin === undefined) throw new Error(`no pin for ${mutant}`);
  const trace = join(dir, `${mutant}.jsonl`);
  const run = await cli('run', `scenarios/${pin.file}`, '--seed', String(pin.seed), '--mutant', mutant, '--trace-out', trace);
  expect(run.status, run.stderr).toBe(1);
  return trace;
}

function printed(stdout: string, label: string): string {
  const line = new RegExp(`^ {2}${label}: +(.*)$`, 'm').exec(stdout)?.[1];
  expect(line, `${label}: in ${stdout}`).toBeDefined();
  return line ?? '';
}

describe('shrink across seeds: the printed commands reproduce the shrunk failure', () => {
  // fifo-gap's failure moves to another seed within 300 attempts (the first phase converges at 236; the default
  // bound's second phase only costs time here); the others are cut short by a small bound (still printed and written).
  const cases = [['fifo-gap', 'fifo-order', ['--max-attempts', '300']], ['cbcast-sender-leq', 'no-duplication', ['--max-attempts', '80']], ['no-majority', '', ['--max-attempts', '80']]] as const;
  for (const [mutant, property, bound] of cases) {
    it(mutant, async () => {
      const trace = await failingTrace(mutant);
      const shrink = await cli('shrink', trace, '--out', join(dir, `${mutant}-small.json`), ...bound);
      expect(shrink.status, shrink.stderr).toBe(0);
      const still = /\(still (\S+?)(?: on seed (\d+))?\) in \d+ attempts/.exec(shrink.stdout);
      expect(still, shrink.stdout).not.toBeNull();
      const target = still?.[1] ?? '';
      if (property !== '') expect(target).toBe(property);
      const pinnedSeed = MUTANT_CATCHES[mutant]?.seed;
      const seed = Number(still?.[2] ?? pinnedSeed);
      if (mutant === 'fifo-gap') expect(seed).not.toBe(pinnedSeed);
      // The scenario file runs on the seed it fails on.
      const scenario = JSON.parse(readFileSync(join(dir, `${mutant}-small.json`), 'utf8')) as { seeds: number[]; processes: number };
      expect(scenario.seeds).toEqual([seed]);
      const replay = await cli(...vsynclabArgs(printed(shrink.stdout, 'replay')));
      expect(replay.status, replay.stdout).toBe(0);
      expect(replay.stdout).toContain('byte-identical');
      expect(replay.stdout).toContain(target);
      const rerun = await cli(...vsynclabArgs(printed(shrink.stdout, 'run')), '--workers', '1');
      expect(rerun.status, rerun.stdout).toBe(1);
      expect(rerun.stdout).toContain(`seed ${seed}`);
      expect(rerun.stdout).toContain(target);
    });
  }

  it('--keep-seed stays on the trace\'s seed', async () => {
    const trace = await failingTrace('fifo-gap');
    const shrink = await cli('shrink', trace, '--keep-seed', '--out', join(dir, 'kept.json'));
    expect(shrink.status, shrink.stderr).toBe(0);
    expect(shrink.stdout).toMatch(/\(still fifo-order\) in \d+ attempts/);
    const scenario = JSON.parse(readFileSync(join(dir, 'kept.json'), 'utf8')) as { seeds: number[] };
    expect(scenario.seeds).toEqual([MUTANT_CATCHES['fifo-gap']?.seed]);
    const rerun = await cli(...vsynclabArgs(printed(shrink.stdout, 'run')), '--workers', '1');
    expect(rerun.status).toBe(1);
    expect(rerun.stdout).toContain('fifo-order');
  });
});
