// `--handler-timeout-s` on run and replay: bad values are bad input (exit 2,
// one line), and a run whose handler never returns fails (exit 1) with the
// failure line, the replay command and its trace so far, which `check` reads.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess as cli } from './cli-harness.ts';
import { parseHandlerTimeoutOption } from '../../cli/handler-timeout-option.ts';

const PLUGIN = 'test/sim/fixtures/hanging-plugin.ts';
const SCENARIO = 'test/sim/fixtures/hanging.json';
const dir = mkdtempSync(join(tmpdir(), 'vsynclab-handler-timeout-cli-'));

describe('--handler-timeout-s', () => {
  it('reads seconds as milliseconds; absent is the default', () => {
    expect(parseHandlerTimeoutOption(undefined)).toBeUndefined();
    expect(parseHandlerTimeoutOption(0.2)).toBe(200);
    expect(parseHandlerTimeoutOption(30)).toBe(30_000);
  });

  it('a value that is not a bound: exit 2, one line naming the flag and the range', async () => {
    for (const value of ['0', '0.0001', '-1', '5000000']) {
      const r = await cli('run', SCENARIO, '--plugin', PLUGIN, '--handler-timeout-s', value);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^vsynclab: --handler-timeout-s: expected a number of seconds from 0\.001 to 4294967, got -?[\d.e+]+\n$/);
    }
    const hex = await cli('replay', '--scenario', SCENARIO, '--seed', '1', '--plugin', PLUGIN, '--handler-timeout-s', '0x10');
    expect(hex.status).toBe(2);
    expect(hex.stderr).toBe('vsynclab: --handler-timeout-s: expected a decimal number, got "0x10"\n');
    const twice = await cli('run', SCENARIO, '--handler-timeout-s', '1', '--handler-timeout-s', '2');
    expect(twice.status).toBe(2);
  });

  it('run: the hung run fails (exit 1) with the failure line and the replay command; its trace replays and checks', async () => {
    const out = join(dir, 'out');
    const r = await cli('run', SCENARIO, '--plugin', PLUGIN, '--workers', '1', '--handler-timeout-s', '0.2', '--out', out);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('error: did not return within the wall-clock bound');
    expect(r.stdout).toMatch(/p2's message handler did not return within 0\.2 s \(a wall-clock bound: --handler-timeout-s\) at trace event \d+ \(t=\d+us\)/);
    const trace = join(out, 'hanging-protocol-seed1.jsonl');
    expect(r.stdout).toContain(`npx vsynclab replay --plugin ${PLUGIN} ${trace}`);
    expect(r.stdout).toContain('FAIL hanging-protocol seed 1: error: did not return within the wall-clock bound');
    expect(r.stdout).toContain('2 runs of 1 scenarios: 0 passed, 2 failed');
    const check = await cli('check', trace);
    expect(check.status).toBe(0);
    expect(check.stdout + check.stderr).toContain('no end event');
    const replay = await cli('replay', '--plugin', PLUGIN, '--handler-timeout-s', '0.2', trace);
    // Replaying compares: the same bytes up to the hang is a replay that holds (exit 0), whatever the run's verdict.
    expect(replay.status).toBe(0);
    expect(replay.stdout).toMatch(/^byte-identical: \d+ lines; the run fails: error: did not return within the wall-clock bound/);
  }, 60_000);
});
