// The independence relation and the action names the sleep sets rely on
// (sim/explore/independence.ts), checked on real states: every pair of
// actions called independent commutes (either order gives the same key)
// and neither disables the other, and an action keeps its name across the
// other's step. On the full ISIS stack with timers and receipts that send,
// and with crashes, restarts and suspicions.
import { describe, expect, it } from 'vitest';
import { withBudgets, type ExploreConfig } from '../../../sim/explore/index.ts';
import { ExploreModel } from '../../../sim/explore/model.ts';
import { actionName, GLOBAL_ACTION, independent, ownerOf } from '../../../sim/explore/independence.ts';
import type { Action } from '../../../sim/explore/actions.ts';
import type { GlobalState } from '../../../sim/explore/state.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import type { Scenario } from '../../../scenarios/types.ts';
import { fixture, shipped } from './helpers.ts';
import { withTimers } from './sleep-sets-configs.ts';

/** The first `limit` states breadth first (distinct keys). */
function firstStates(model: ExploreModel, limit: number): GlobalState[] {
  const key = new Int32Array(2);
  const seen = new Set<string>();
  const out: GlobalState[] = [];
  const queue = [model.initial()];
  while (queue.length > 0 && out.length < limit) {
    const s = queue.shift() as GlobalState;
    model.key(s, key);
    const k = `${key[0]},${key[1]}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(s);
    for (const a of model.enabled(s)) queue.push(model.step(s, a));
  }
  return out;
}

function keyOf(model: ExploreModel, s: GlobalState): string {
  const key = new Int32Array(2);
  model.key(s, key);
  return `${key[0]},${key[1]}`;
}

/** Checks every independent pair of enabled actions in the first `limit` states; returns how many pairs it checked. */
function checkCommuting(scenario: Scenario, config: ExploreConfig, limit: number): number {
  const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
  let pairs = 0;
  for (const s of firstStates(model, limit)) {
    const enabled = model.enabled(s);
    const names = enabled.map((a) => actionName(s, a));
    for (let i = 0; i < enabled.length; i++) {
      for (let j = i + 1; j < enabled.length; j++) {
        if (!independent(names[i] as number, names[j] as number)) continue;
        pairs++;
        const a = enabled[i] as Action;
        const b = enabled[j] as Action;
        const sa = model.step(s, a);
        const sb = model.step(s, b);
        // Neither disables the other, and each keeps its name.
        const bAfterA = model.enabled(sa).find((x) => actionName(sa, x) === names[j]);
        const aAfterB = model.enabled(sb).find((x) => actionName(sb, x) === names[i]);
        expect(bAfterA, `${model.label(s, b)} after ${model.label(s, a)}`).toBeDefined();
        expect(aAfterB, `${model.label(s, a)} after ${model.label(s, b)}`).toBeDefined();
        // Either order: the same state.
        expect(keyOf(model, model.step(sa, bAfterA as Action)), `${model.label(s, a)} and ${model.label(s, b)} commute`).toBe(keyOf(model, model.step(sb, aAfterB as Action)));
      }
    }
  }
  return pairs;
}

describe('independence: local actions of different processes commute on real states', () => {
  it('the full ISIS stack with timers (acknowledgements, retransmission, stability) and a crash', () => {
    const { scenario, config } = shipped('isis-crash-3x1');
    expect(checkCommuting(withTimers(scenario), config, 250)).toBeGreaterThan(500);
  });

  it('the full ISIS stack with a crash and a restart (perfect suspicions after the crash)', () => {
    const { scenario, config } = shipped('isis-crash-3x0');
    expect(checkCommuting(scenario, withBudgets(config, { crash: 1, restart: 1 }), 400)).toBeGreaterThan(100);
  });

  it('static CBCAST, 3 x 1', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    expect(checkCommuting(scenario, config, 509)).toBeGreaterThan(500);
  });
});

describe('independence: names', () => {
  it('a budgeted fault, a cut, a heal and a false suspicion are global; local actions carry their owner', () => {
    const { scenario, config } = fixture('keyed-flood-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, withBudgets(config, { drop: 1, crash: 1, partition: 1 }), false);
    const s = model.step(model.initial(), { kind: 'request', owner: 1 });
    const actions = model.enabled(s);
    const kinds = new Set(actions.map((a) => a.kind));
    expect(kinds).toEqual(new Set(['request', 'deliver', 'crash', 'drop', 'partition']));
    for (const a of actions) {
      const name = actionName(s, a);
      if (a.kind === 'request' || a.kind === 'deliver') expect(ownerOf(name)).toBe(a.owner);
      else expect(name).toBe(GLOBAL_ACTION);
    }
    expect(actionName(s, { kind: 'suspect', owner: 0, suspect: 1, budgeted: true })).toBe(GLOBAL_ACTION);
    expect(actionName(s, { kind: 'heal' })).toBe(GLOBAL_ACTION);
    expect(independent(GLOBAL_ACTION, actionName(s, { kind: 'request', owner: 0 }))).toBe(false);
    expect(independent(actionName(s, { kind: 'request', owner: 0 }), actionName(s, { kind: 'request', owner: 2 }))).toBe(true);
    expect(independent(actionName(s, { kind: 'request', owner: 0 }), actionName(s, { kind: 'timer', owner: 0, tag: 't' }))).toBe(false);
  });

  it('two deliveries of different messages to one process have different names', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    let s = model.step(model.initial(), { kind: 'request', owner: 0 });
    s = model.step(s, { kind: 'request', owner: 1 });
    const toP3 = model.enabled(s).filter((a) => a.kind === 'deliver' && a.owner === 2);
    expect(toP3).toHaveLength(2);
    expect(actionName(s, toP3[0]!)).not.toBe(actionName(s, toP3[1]!));
  });
});
