import { describe, expect, it } from 'vitest';
import { ExploreModel } from '../../../../sim/explore/model.ts';
import { Frontier } from '../../../../sim/explore/parallel/level-expander.ts';
import { decodeFrontier, encodeFrontier, pathActions, replayPath } from '../../../../sim/explore/parallel/transfer.ts';
import type { GlobalState } from '../../../../sim/explore/state.ts';
import { resolveProtocol } from '../../../../sim/resolve-protocol.ts';
import { fixture } from '../helpers.ts';

const keyOf = (model: ExploreModel, s: GlobalState): string => {
  const out = new Int32Array(2);
  model.key(s, out);
  return `${out[0]},${out[1]}`;
};

describe('moving frontier entries between threads', () => {
  it('a batch is a tree of steps: shared prefixes travel once, and the receiver gets the same states', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    // Two levels down, every (parent, action) entry of level 3.
    let level: GlobalState[] = [model.initial()];
    for (let d = 0; d < 2; d++) level = level.flatMap((s) => model.enabled(s).map((a) => model.step(s, a)));
    const frontier = new Frontier();
    for (const s of level) for (const a of model.enabled(s)) frontier.push(s, null, a);
    const batch = encodeFrontier(frontier);
    expect(batch.entryNodes.length).toBe(frontier.size);
    // Each level-2 parent is two steps from the root; the level-1 steps are shared.
    expect(batch.nodeParents.length).toBeLessThan(2 * level.length);
    const received = new Frontier();
    decodeFrontier(JSON.parse(JSON.stringify(batch)) as typeof batch, model, received);
    expect(received.size).toBe(frontier.size);
    for (let k = 0; k < frontier.size; k++) {
      const sent = model.step(frontier.bases[k] as GlobalState, frontier.actions[k]!);
      const got = model.step(received.bases[k] as GlobalState, received.actions[k]!);
      expect(received.vias[k]).toBeNull();
      expect(keyOf(model, got)).toBe(keyOf(model, sent));
      expect(model.choicesTo(got.trail)).toEqual(model.choicesTo(sent.trail));
    }
  });

  it('entries named from a base two steps up (base, via, action) travel with the via step once for its siblings', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const root = model.initial();
    const frontier = new Frontier();
    const parents: GlobalState[] = [];
    for (const via of model.enabled(root)) {
      const parent = model.step(root, via);
      for (const a of model.enabled(parent)) {
        frontier.push(root, via, a);
        parents.push(parent);
      }
    }
    const batch = encodeFrontier(frontier);
    // One node per via step (siblings share it), none for the root.
    expect(batch.nodeParents.length).toBe(model.enabled(root).length);
    const received = new Frontier();
    decodeFrontier(JSON.parse(JSON.stringify(batch)) as typeof batch, model, received);
    expect(received.size).toBe(frontier.size);
    for (let k = 0; k < frontier.size; k++) {
      const sent = model.step(parents[k] as GlobalState, frontier.actions[k]!);
      const got = model.step(received.bases[k] as GlobalState, received.actions[k]!);
      expect(keyOf(model, got)).toBe(keyOf(model, sent));
      expect(model.choicesTo(got.trail)).toEqual(model.choicesTo(sent.trail));
    }
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
