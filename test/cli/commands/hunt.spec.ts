// `vsynclab hunt` in-process: bounds are required and checked, a planted bug
// is reported with its files and replay commands, the corpus is written.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess, type CliOutcome } from '../cli-harness.ts';
import { interruption } from '../../../cli/interrupt.ts';

/** A short copy of a suite scenario: a hunt test makes many runs. */
function shortScenario(dir: string, from: string): string {
  const scenario = JSON.parse(readFileSync(from, 'utf8')) as Record<string, unknown>;
  const path = join(dir, 'short.json');
  writeFileSync(path, JSON.stringify({ ...scenario, durationUs: 400_000, settleUs: 1_500_000, seeds: [1] }));
  return path;
}

describe('vsynclab hunt', () => {
  it('asks for a bound, and checks the numbers', async () => {
    const none = await cliInProcess('hunt', 'scenarios/isis-steady-load.json');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--minutes N or --runs N');
    const zero = await cliInProcess('hunt', '--runs', '0');
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain('--runs: expected a whole number');
    const seed = await cliInProcess('hunt', '--runs', '3', '--seed', 'x');
    expect(seed.status).toBe(2);
    expect(seed.stderr).toContain('--seed: expected');
    const mutant = await cliInProcess('hunt', '--runs', '3', '--mutant', 'no-such-mutant');
    expect(mutant.status).toBe(2);
    expect(mutant.stderr).toContain('unknown mutant');
  });

  it('finds a planted mutant: shrunk, with files and replay commands', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-hunt-'));
    const out = join(dir, 'out');
    const r = await cliInProcess('hunt', 'scenarios/isis-steady-load.json', '--runs', '4', '--mutant', 'fifo-gap', '--out', out, '--shrink-attempts', '10');
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/FAIL isis-steady-load seed \d+ \(hunt run \d+\): fifo-order/);
    expect(r.stdout).toContain('--mutant fifo-gap');
    expect(r.stdout).toMatch(/replay: +npx vsynclab replay .*\.shrunk\.jsonl/);
    const hunt = JSON.parse(readFileSync(join(out, 'hunt.json'), 'utf8')) as { runs: number; findings: { scenarioFile: string; shrunkTrace: string }[] };
    expect(hunt.runs).toBe(4);
    expect(hunt.findings.length).toBeGreaterThanOrEqual(1);
    for (const f of hunt.findings) {
      expect(existsSync(f.scenarioFile)).toBe(true);
      expect(existsSync(f.shrunkTrace)).toBe(true);
    }
    expect(readdirSync(join(out, 'corpus')).length).toBeGreaterThan(0);
    expect(existsSync(join(out, 'coverage.html'))).toBe(true);
    // The shrunk trace replays to the same bytes.
    const replay = await cliInProcess('replay', hunt.findings[0]!.shrunkTrace);
    expect(replay.status, replay.stdout + replay.stderr).toBe(0);
  });

  it('the corpus it writes runs again as a suite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-hunt-'));
    const scenario = shortScenario(dir, 'scenarios/isis-member-crash.json');
    const out = join(dir, 'out');
    const r = await cliInProcess('hunt', scenario, '--runs', '4', '--seed', '2', '--out', out);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/hunt: 4 runs, \d+ kept/);
    // The strike variants its candidates carried (a fresh hunt starts most candidates with an untried one).
    const hunt = JSON.parse(readFileSync(join(out, 'hunt.json'), 'utf8')) as { strikes: { kind: string; variant: string; tries: number }[] };
    expect(hunt.strikes.length).toBeGreaterThan(0);
    for (const t of hunt.strikes) expect(t.tries).toBeGreaterThan(0);
    const again = await cliInProcess('run', join(out, 'corpus'), '--workers', '1');
    expect(again.status).toBe(0);
  });

  it('Ctrl-C stops it cleanly: corpus, coverage and hunt.json written, exit 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-hunt-'));
    const scenario = shortScenario(dir, 'scenarios/isis-member-crash.json');
    const out = join(dir, 'out');
    // The hunt gives the event loop a turn between and inside runs: the timer fires mid-hunt.
    const started = Date.now();
    const watch = setInterval(() => {
      if (Date.now() - started > 2_000) interruption.request('SIGINT');
    }, 5);
    let r: CliOutcome;
    try {
      r = await cliInProcess('hunt', scenario, '--minutes', '5', '--out', out);
    } finally {
      clearInterval(watch);
    }
    expect(r.status, r.stdout + r.stderr).toBe(130);
    const said = /interrupted by SIGINT: (\d+) runs made, corpus of (\d+) and 0 findings written/.exec(r.stderr);
    expect(said, r.stderr).not.toBeNull();
    const hunt = JSON.parse(readFileSync(join(out, 'hunt.json'), 'utf8')) as { stoppedBy: string; runs: number; corpus: number };
    expect(hunt.stoppedBy).toBe('interrupted');
    expect(hunt.runs).toBe(Number(said![1]));
    expect(readdirSync(join(out, 'corpus')).length).toBe(Number(said![2]));
    expect(existsSync(join(out, 'coverage.json'))).toBe(true);
  });
});
