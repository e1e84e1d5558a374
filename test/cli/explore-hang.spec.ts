// `vsynclab explore --handler-timeout-s S` with a plugin whose handler never
// returns (test/sim/explore/fixtures/hanging-flood.ts): the exploration ends
// at the bound with one line naming the process, the handler, the path and
// what was explored, exit 1 as for a handler that throws, no stack trace;
// with --json, one object too. A bound that is not a number of seconds is bad input.
import { describe, expect, it } from 'vitest';
import { cliInProcess as cli } from './cli-harness.ts';

const FIXTURES = 'test/sim/explore/fixtures';
const HANGING = [`${FIXTURES}/scenarios/hanging-flood-3x1.json`, '--plugin', `${FIXTURES}/hanging-flood.ts`];
const LINE =
  'vsynclab: p2\'s message handler did not return within 0.3 s (a wall-clock bound: --handler-timeout-s) at step 2 of path ["request p3","deliver p3>p2 @1"]; ' +
  '11 states explored to depth 1 (11 transitions) before it, no violation found in them\n';

describe('vsynclab explore --handler-timeout-s', () => {
  it('a handler that never returns: one line on stderr, exit 1, nothing on stdout', async () => {
    const r = await cli('explore', ...HANGING, '--handler-timeout-s', '0.3');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(LINE);
    expect(r.stdout).toBe('');
  });

  it('--json: one object with the hang and the counts as well', async () => {
    const r = await cli('explore', ...HANGING, '--handler-timeout-s', '0.3', '--json');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(LINE);
    expect(JSON.parse(r.stdout)).toEqual({
      result: 'error',
      error: LINE.slice('vsynclab: '.length, -1),
      hang: { process: 'p2', handler: 'message', timeoutS: 0.3, step: 2, path: ['request p3', 'deliver p3>p2 @1'] },
      states: 11,
      transitions: 11,
      depth: 1,
      scenario: 'hanging-flood-3x1',
    });
  });

  it('refuses a bound that is not a number of seconds (exit 2, one line)', async () => {
    const r = await cli('explore', ...HANGING, '--handler-timeout-s', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('vsynclab: --handler-timeout-s: expected a number of seconds from 0.001 to 4294967, got 0\n');
  });
});
