// The sequential search's two breadth-first frontiers (sim/explore/search-bfs.ts):
// whole child states and (parent, action) pairs stepped again reach the same
// states by the same transitions, judge the same paths and find the same
// violation at the same step.
import { describe, expect, it } from 'vitest';
import { explore, type ExploreResult } from '../../../sim/explore/index.ts';
import { fixture } from './helpers.ts';

/** What the frontier must not change. */
function counts(r: ExploreResult): Record<string, unknown> {
  return { result: r.result, bound: r.bound, states: r.states, transitions: r.transitions, depth: r.depth, terminal: r.terminalStates, paths: r.pathsChecked, property: r.violation?.property ?? null, choices: r.counterexample?.choices ?? null };
}

describe('search-bfs: the full-state frontier and the compact one', () => {
  it.each(['cbcast-3x1', 'keyed-flood-3x2', 'broken-cbcast-3x2'])('%s: the same counts and verdict', (name) => {
    const { scenario, config } = fixture(name);
    const compact = explore(scenario, config);
    const full = explore(scenario, config, { compactFrontier: false });
    expect(counts(full)).toEqual(counts(compact));
    expect(compact.states).toBeGreaterThan(1);
  });

  it('with sleep sets too: the same states and transitions', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const compact = explore(scenario, config, { sleepSets: true });
    const full = explore(scenario, config, { sleepSets: true, compactFrontier: false });
    expect(counts(full)).toEqual(counts(compact));
  });
});
