import { describe, expect, it } from 'vitest';
import type { Action } from '../../../../sim/explore/actions.ts';
import { ExploreModel } from '../../../../sim/explore/model.ts';
import { Frontier, Lineage } from '../../../../sim/explore/parallel/frontier.ts';
import { decodeFrontier, encodeFrontier, pathActions, replayPath } from '../../../../sim/explore/parallel/transfer.ts';
import type { GlobalState } from '../../../../sim/explore/state.ts';
import { resolveProtocol } from '../../../../sim/resolve-protocol.ts';
import { fixture } from '../helpers.ts';

const keyOf = (model: ExploreModel, s: GlobalState): string => {
  const out = new Int32Array(2);
  model.key(s, out);
  return `${out[0]},${out[1]}`;
};

/** Every path of three steps from the initial state, as records of a lineage, and the level holding them. */
function threeLevels(model: ExploreModel): { lineage: Lineage; level: Frontier; paths: Action[][] } {
  const lineage = new Lineage();
  let level: { record: number; state: GlobalState }[] = [{ record: 0, state: model.initial() }];
  for (let depth = 1; depth <= 3; depth++) {
    level = level.flatMap(({ record, state }) => model.enabled(state).map((a) => ({ record: lineage.add(depth, record, a), state: model.step(state, a) })));
  }
  const frontier = new Frontier(3);
  for (const { record } of level) frontier.push(record);
  return { lineage, level: frontier, paths: level.map(({ state }) => pathActions(state.trail)) };
}

describe('moving frontier entries between threads', () => {
  it('a batch is a tree of steps: shared prefixes travel once, and the receiver gets the same paths', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const { lineage, level, paths } = threeLevels(model);
    const batch = encodeFrontier(lineage, level);
    expect(batch.entryNodes.length).toBe(level.size);
    // The level-1 and level-2 steps are shared: fewer nodes than three a path.
    expect(batch.nodeParents.length).toBeLessThan(2 * level.size);
    const receiver = new Lineage();
    const received = new Frontier(3);
    decodeFrontier(JSON.parse(JSON.stringify(batch)) as typeof batch, receiver, received);
    expect(received.size).toBe(level.size);
    for (let k = 0; k < level.size; k++) {
      expect(lineage.path(3, level.record(k))).toEqual(paths[k]);
      const got = replayPath(model, receiver.path(3, received.record(k)));
      const sent = replayPath(model, paths[k] as Action[]);
      expect(keyOf(model, got)).toBe(keyOf(model, sent));
      expect(model.choicesTo(got.trail)).toEqual(model.choicesTo(sent.trail));
    }
  });

  it('a slice of a level travels alone, and entries of another level are refused', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const { lineage, level } = threeLevels(model);
    const given = level.takeLast(3);
    expect(given.size).toBe(3);
    const batch = encodeFrontier(lineage, given);
    // At most three steps a path, and the first is shared by cousins.
    expect(batch.nodeParents.length).toBeLessThanOrEqual(9);
    expect(() => decodeFrontier(batch, new Lineage(), new Frontier(2))).toThrow(/an entry of level 3 for level 2/);
  });

  it('a path replays to the same state', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    let s = model.initial();
    for (let d = 0; d < 4; d++) s = model.step(s, model.enabled(s).at(-1)!);
    const again = replayPath(model, pathActions(s.trail));
    expect(keyOf(model, again)).toBe(keyOf(model, s));
    expect(again.trail.depth).toBe(4);
  });
});
