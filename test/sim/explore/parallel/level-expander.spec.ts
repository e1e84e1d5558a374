import { describe, expect, it } from 'vitest';
import { explore } from '../../../../sim/explore/index.ts';
import { ExploreModel } from '../../../../sim/explore/model.ts';
import { Frontier, LevelExpander } from '../../../../sim/explore/parallel/level-expander.ts';
import { createSharedVisited, grownTable, SharedVisitedSet } from '../../../../sim/explore/parallel/shared-visited.ts';
import type { GlobalState } from '../../../../sim/explore/state.ts';
import { resolveProtocol } from '../../../../sim/resolve-protocol.ts';
import { fixture } from '../helpers.ts';

/** A level expander over a table that grows in place (as the coordinator's, alone). */
function expanderFor(model: ExploreModel): LevelExpander {
  let buffers = createSharedVisited(1_000_000, 1 << 30);
  const visited: SharedVisitedSet = new SharedVisitedSet(buffers, () => {
    buffers = grownTable(buffers);
    visited.attach(buffers);
  });
  return new LevelExpander(model, { maxDepth: 1000, por: false }, visited, () => {});
}

describe('LevelExpander: the next level named from a base two steps up', () => {
  it('lineages alternate: entries with a via step name a base two levels up, and their children name the re-stepped state; the levels add up to the sequential states', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const expander = expanderFor(model);
    let level = new Frontier();
    level.push(expander.admitRoot(), null, null);
    let states = 1;
    let viaEntries = 0;
    let plainEntries = 0;
    for (let depth = 0; level.size > 0; depth++) {
      for (let k = 0; k < level.size; k++) {
        const base = level.bases[k] as GlobalState;
        if (level.vias[k] !== null) {
          // A via entry: its base is two steps above the entry's state.
          expect(base.trail.depth).toBe(depth - 2);
          viaEntries++;
        } else if (level.actions[k] !== null) {
          expect(base.trail.depth).toBe(depth - 1);
          plainEntries++;
        }
      }
      const next = new Frontier();
      expander.expandLevel(level, next);
      // The level is used up: its bases are dropped as it goes.
      expect(level.bases.every((b) => b === null)).toBe(true);
      states += next.size;
      level = next;
    }
    expect(viaEntries).toBeGreaterThan(0);
    expect(plainEntries).toBeGreaterThan(0);
    const sequential = explore(scenario, config, {});
    expect(states).toBe(sequential.states);
    expect(expander.counters.transitions).toBe(sequential.transitions);
  });
});
