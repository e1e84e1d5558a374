import { describe, expect, it } from 'vitest';
import { explore } from '../../../../sim/explore/index.ts';
import { ExploreModel } from '../../../../sim/explore/model.ts';
import { Frontier, KEEP_NONE, LevelExpander, type KeepOptions } from '../../../../sim/explore/parallel/level-expander.ts';
import { createSharedVisited, grownTable, SharedVisitedSet } from '../../../../sim/explore/parallel/shared-visited.ts';
import { replayPath } from '../../../../sim/explore/parallel/transfer.ts';
import { resolveProtocol } from '../../../../sim/resolve-protocol.ts';
import { fixture } from '../helpers.ts';

/** A level expander over a table that grows in place (as the coordinator's, alone). */
function expanderFor(model: ExploreModel, keep: KeepOptions = KEEP_NONE): LevelExpander {
  let buffers = createSharedVisited(1_000_000, 1 << 30);
  const visited: SharedVisitedSet = new SharedVisitedSet(buffers, () => {
    buffers = grownTable(buffers);
    visited.attach(buffers);
  });
  return new LevelExpander(model, { maxDepth: 1000, por: false }, visited, () => {}, keep);
}

/** Every level of a search, one after the other; the states and, per level, the entries' keys. */
function allLevels(expander: LevelExpander, model: ExploreModel): { states: number; keysByLevel: string[][] } {
  let level = expander.admitRoot();
  let states = 1;
  const keysByLevel: string[][] = [];
  while (level.size > 0) {
    const next = new Frontier(level.depth + 1);
    expander.expandLevel(level, next);
    keysByLevel.push(Array.from({ length: next.size }, (_, k) => keyOf(model, expander.lineage.path(next.depth, next.record(k)))).sort());
    states += next.size;
    level = next;
  }
  return { states, keysByLevel };
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

describe('LevelExpander: the deep levels kept as states (kept-states.ts)', () => {
  const { scenario, config } = fixture('cbcast-3x1');
  const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
  const paths = expanderFor(model);
  const asPaths = allLevels(paths, model);

  it('every level kept (no cap, no threshold): the same levels, states and transitions; entries after the first levels expanded from kept states, fewer steps taken again', () => {
    const expander = expanderFor(model, { statesCap: 1_000_000, aboveStepsPerEntry: 0 });
    const kept = allLevels(expander, model);
    expect(kept).toEqual(asPaths);
    expect(expander.counters.transitions).toBe(paths.counters.transitions);
    expect(expander.counters.terminalStates).toBe(paths.counters.terminalStates);
    // Only the root's level is stepped: everything below it was kept when it was claimed.
    expect(expander.counters.keptEntries).toBe(kept.states - 1);
    expect(expander.counters.pathSteps).toBe(0);
    expect(paths.counters.keptEntries).toBe(0);
    expect(paths.counters.pathSteps).toBeGreaterThan(0);
    // Nothing is left kept once the search is over.
    expect(expander.keptStates).toBe(0);
  });

  it('past a small cap the children fall back to paths: both ways taken in one search, the same levels', () => {
    const expander = expanderFor(model, { statesCap: 5, aboveStepsPerEntry: 0 });
    const mixed = allLevels(expander, model);
    expect(mixed).toEqual(asPaths);
    expect(expander.counters.transitions).toBe(paths.counters.transitions);
    expect(expander.counters.keptEntries).toBeGreaterThan(0);
    expect(expander.counters.keptEntries).toBeLessThan(mixed.states - 1);
    expect(expander.counters.pathSteps).toBeGreaterThan(0);
    expect(expander.keptStates).toBeLessThanOrEqual(5);
  });

  it('below the threshold of steps per entry nothing is kept (the default policy on a small search)', () => {
    const expander = expanderFor(model, { statesCap: 1_000_000, aboveStepsPerEntry: 1_000 });
    expect(allLevels(expander, model)).toEqual(asPaths);
    expect(expander.counters.keptEntries).toBe(0);
    expect(expander.counters.pathSteps).toBe(paths.counters.pathSteps);
  });

  it('entries given away are released: their kept states are dropped, and the rest are still expanded from kept states', () => {
    const expander = expanderFor(model, { statesCap: 1_000_000, aboveStepsPerEntry: 0 });
    let level = expander.admitRoot();
    for (let d = 0; d < 3; d++) {
      const next = new Frontier(level.depth + 1);
      expander.expandLevel(level, next);
      level = next;
    }
    const held = expander.keptStates;
    expect(held).toBe(level.size);
    const given = level.takeLast(Math.floor(level.size / 2));
    expander.release(given);
    expect(expander.keptStates).toBe(held - given.size);
    const before = expander.counters.keptEntries;
    expander.expandLevel(level, new Frontier(level.depth + 1));
    expect(expander.counters.keptEntries - before).toBe(level.size);
  });
});

describe('LevelExpander: a level in slices', () => {
  it('expandEntries paused after every entry makes the same levels as expandLevel (the workers expand in slices)', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const whole = allLevels(expanderFor(model), model);
    const sliced = expanderFor(model);
    let level = sliced.admitRoot();
    let states = 1;
    let slices = 0;
    const keysByLevel: string[][] = [];
    while (level.size > 0) {
      const next = new Frontier(level.depth + 1);
      sliced.beginLevel(level, next);
      for (let done = false; !done; slices++) done = sliced.expandEntries(level, next, () => true);
      keysByLevel.push(Array.from({ length: next.size }, (_, k) => keyOf(model, sliced.lineage.path(next.depth, next.record(k)))).sort());
      states += next.size;
      level = next;
    }
    expect({ states, keysByLevel }).toEqual(whole);
    // One slice an entry: as many slices as states expanded.
    expect(slices).toBe(states);
  });
});
