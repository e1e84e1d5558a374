// The symmetric key's caches (sim/explore/symmetry-key.ts): the renamed
// lanes a slot or message carries, and the tables of renamed protocol states
// and messages by their own hash, must give the keys that computing every
// renaming from scratch gives.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../../sim/explore/actions.ts';
import { ExploreModel } from '../../../sim/explore/model.ts';
import type { GlobalState } from '../../../sim/explore/state.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import { shipped } from './helpers.ts';

/** The states of the first `levels` breadth-first levels of cbcast-3x2 (every action, no reduction), in order. */
function levelsOf(model: ExploreModel, levels: number): GlobalState[] {
  const out: GlobalState[] = [];
  let level = [model.initial()];
  for (let d = 0; d < levels; d++) {
    const next: GlobalState[] = [];
    for (const s of level) {
      out.push(s);
      for (const a of model.enabled(s) as Action[]) next.push(model.step(s, a));
    }
    level = next;
  }
  return out;
}

/** Forgets every lane a slot or message carries (what the model's key cached on them). */
function forgetCarriedLanes(states: readonly GlobalState[]): void {
  for (const s of states) {
    for (const slot of s.procs) slot.renamed = null;
    for (const m of s.bag) m.renamed = null;
  }
}

describe('the symmetric key with its caches', () => {
  it('gives every state the key a fresh key gives (no carried lanes, empty tables), and merges more states than the unreduced key', () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, true);
    const states = levelsOf(model, 6);
    expect(states.length).toBeGreaterThan(500);
    const out = new Int32Array(2);
    // Keyed twice with one model: the second time from the lanes the objects carry and the tables.
    const first = states.map((s) => (model.key(s, out), `${out[0]}:${out[1]}`));
    const again = states.map((s) => (model.key(s, out), `${out[0]}:${out[1]}`));
    expect(again).toEqual(first);
    // A fresh model (empty tables), with every carried lane forgotten: every renaming computed anew.
    forgetCarriedLanes(states);
    const fresh = new ExploreModel(resolveProtocol(scenario), scenario, config, true);
    const anew = states.map((s) => (fresh.key(s, out), `${out[0]}:${out[1]}`));
    expect(anew).toEqual(first);
    // And it merges renamings: fewer distinct keys than the unreduced key gives the same states (made again by a model without symmetry).
    const plain = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const plainKeys = levelsOf(plain, 6).map((s) => (plain.key(s, out), `${out[0]}:${out[1]}`));
    expect(plainKeys.length).toBe(states.length);
    expect(new Set(first).size).toBeLessThan(new Set(plainKeys).size);
  });
});
