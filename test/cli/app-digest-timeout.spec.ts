// `vsynclab run` with a plugin whose appDigest never returns: the run fails
// (exit 1) with the failure line naming the process, instead of hanging.
import { describe, expect, it } from 'vitest';
import { cliInProcess as cli } from './cli-harness.ts';

const PLUGIN = 'test/sim/fixtures/hanging-digest-plugin.ts';
const SCENARIO = 'test/sim/fixtures/hanging-digest.json';

describe('run with an appDigest that never returns', () => {
  it('fails each run with the did-not-return line (exit 1), within the bound', async () => {
    const r = await cli('run', SCENARIO, '--plugin', PLUGIN, '--workers', '1', '--handler-timeout-s', '0.2');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAIL hanging-digest seed 1: error: did not return within the wall-clock bound');
    expect(r.stdout).toMatch(/p2's appDigest did not return within 0\.2 s \(a wall-clock bound: --handler-timeout-s\) at the end of the run \(trace event \d+, t=\d+us\)/);
    expect(r.stdout).toContain('2 runs of 1 scenarios: 0 passed, 2 failed');
  }, 60_000);
});
