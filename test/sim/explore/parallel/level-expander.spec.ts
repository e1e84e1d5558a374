import { describe, expect, it } from 'vitest';
import { explore } from '../../../../sim/explore/index.ts';
import { ExploreModel } from '../../../../sim/explore/model.ts';
import { Frontier, LevelExpander } from '../../../../sim/explore/parallel/level-expander.ts';
import { createSharedVisited, grownTable, SharedVisitedSet } from '../../../../sim/explore/parallel/shared-visited.ts';
import { replayPath } from '../../../../sim/explore/parallel/transfer.ts';
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

const keyOf = (model: ExploreModel, actions: Parameters<typeof replayPath>[1]): string => {
  const out = new Int32Array(2);
  model.key(replayPath(model, actions), out);
  return `${out[0]},${out[1]}`;
};

describe('LevelExpander: levels kept as paths, not states', () => {
  it('each level is the records of new states, every record a path of its level\'s length to a distinct state; the levels add up to the sequential states and transitions', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const expander = expanderFor(model);
    let level = expander.admitRoot();
    let states = 1;
    const keys = new Set<string>();
    for (; level.size > 0; ) {
      const next = new Frontier(level.depth + 1);
      expander.expandLevel(level, next);
      for (let k = 0; k < next.size; k++) {
        const path = expander.lineage.path(next.depth, next.record(k));
        expect(path.length).toBe(next.depth);
        keys.add(keyOf(model, path));
      }
      states += next.size;
      level = next;
    }
    // Every record names a state of its own: stepping the paths again gives as many distinct keys.
    expect(keys.size).toBe(states - 1);
    const sequential = explore(scenario, config, {});
    expect(states).toBe(sequential.states);
    expect(expander.counters.transitions).toBe(sequential.transitions);
  });

  it('refuses to expand a level into one that is not the next', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const expander = expanderFor(model);
    expect(() => expander.expandLevel(expander.admitRoot(), new Frontier(2))).toThrow(/level 0 into level 2/);
  });
});
