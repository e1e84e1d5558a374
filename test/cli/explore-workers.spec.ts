// `vsynclab explore --workers N` (in-process; the workers are threads): the
// same report as one thread, protocols from --plugin loaded in every worker,
// and the option's bad values refused in one line.
import { describe, expect, it } from 'vitest';
import { cliInProcess as cli } from './cli-harness.ts';

const FIXTURES = 'test/sim/explore/fixtures';
const PLUGIN = `${FIXTURES}/plugin.ts`;

const counts = (stdout: string): Record<string, unknown> => {
  const r = JSON.parse(stdout) as Record<string, unknown>;
  return { result: r.result, states: r.states, transitions: r.transitions, depth: r.depth, terminalStates: r.terminalStates };
};

describe('vsynclab explore --workers', () => {
  it('a plugin protocol, explored by two workers: the same counts as one thread', async () => {
    const scenario = `${FIXTURES}/scenarios/keyed-flood-3x1.json`;
    const one = await cli('explore', scenario, '--plugin', PLUGIN, '--json');
    const two = await cli('explore', scenario, '--plugin', PLUGIN, '--json', '--workers', '2');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(counts(two.stdout)).toEqual(counts(one.stdout));
    // 605 before settled messages left the history fingerprints (session 6).
    expect(counts(two.stdout)).toMatchObject({ result: 'ok', states: 305 });
  });

  it('refuses depth first, --coverage and a count below 1, in one line (exit 2)', async () => {
    const scenario = `${FIXTURES}/scenarios/cbcast-3x1.json`;
    for (const [extra, message] of [
      [['--strategy', 'dfs'], /--workers 2: the parallel search is breadth first/],
      [['--coverage'], /--coverage explores in one worker thread of its own/],
    ] as const) {
      const r = await cli('explore', scenario, '--workers', '2', ...extra);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const zero = await cli('explore', scenario, '--workers', '0');
    expect(zero.status).toBe(2);
    expect(zero.stderr).toMatch(/--workers: expected a whole number >= 1/);
  });
});
