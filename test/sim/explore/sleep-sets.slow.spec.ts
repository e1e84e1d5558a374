// Sleep sets on the shipped full-stack configurations, exhausted (too long
// for `npm test`, which runs them to a depth bound: sleep-sets.spec.ts):
// the same states, verdict and depth as without them, fewer transitions,
// and the stale-state-transfer mutant still found.
import { describe, expect, it } from 'vitest';
import { staleStateTransfer } from '../../../protocol/mutants/stale-state-transfer.ts';
import { explore, type ExploreOptions } from '../../../sim/explore/index.ts';
import { shipped } from './helpers.ts';

function bothWays(name: string, options: ExploreOptions): void {
  const { scenario, config } = shipped(name);
  const full = explore(scenario, config, options);
  const sleeping = explore(scenario, config, { ...options, sleepSets: true });
  expect(sleeping.result).toBe(full.result);
  expect(sleeping.bound).toBeNull();
  expect(sleeping.states).toBe(full.states);
  expect(sleeping.depth).toBe(full.depth);
  expect(sleeping.terminalStates).toBe(full.terminalStates);
  expect(sleeping.transitions).toBeLessThan(full.transitions);
}

describe('explore --sleep-sets on the shipped full-stack configurations', () => {
  it('isis-crash-3x1, breadth first', { timeout: 600_000 }, () => bothWays('isis-crash-3x1', { strategy: 'bfs' }));
  it('isis-crash-3x1, depth first', { timeout: 600_000 }, () => bothWays('isis-crash-3x1', { strategy: 'dfs' }));
  it('isis-restart-3x1, breadth first', { timeout: 600_000 }, () => bothWays('isis-restart-3x1', { strategy: 'bfs' }));
  it('isis-join-crash-2p1, breadth first', { timeout: 600_000 }, () => bothWays('isis-join-crash-2p1', { strategy: 'bfs' }));

  it('the stale-state-transfer mutant is still found on isis-join-crash-2p1, with the same counterexample', { timeout: 600_000 }, () => {
    const { scenario, config } = shipped('isis-join-crash-2p1');
    const protocol = staleStateTransfer.factory(scenario.protocol.options ?? {});
    const full = explore(scenario, config, { protocol });
    const sleeping = explore(scenario, config, { protocol, sleepSets: true });
    expect(sleeping.result).toBe('violated');
    expect(sleeping.violation?.property).toBe('replicas');
    expect(sleeping.counterexample?.lines).toEqual(full.counterexample?.lines);
  });
});
