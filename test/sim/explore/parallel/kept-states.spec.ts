import { describe, expect, it } from 'vitest';
import { KeepPolicy, KeptStates } from '../../../../sim/explore/parallel/kept-states.ts';
import type { GlobalState } from '../../../../sim/explore/state.ts';

/** Stand-ins: KeptStates never looks into a state. */
const state = (n: number): GlobalState => ({ n }) as unknown as GlobalState;

describe('KeptStates: the states kept for the next levels, capped', () => {
  it('keeps up to the cap and refuses past it; taking a state out makes room again', () => {
    const kept = new KeptStates(2);
    expect(kept.keep(3, 0, state(0))).toBe(true);
    expect(kept.keep(3, 1, state(1))).toBe(true);
    expect(kept.full).toBe(true);
    expect(kept.keep(3, 2, state(2))).toBe(false);
    expect(kept.peek(3, 2)).toBeUndefined();
    expect(kept.take(3, 0)).toEqual(state(0));
    expect(kept.size).toBe(1);
    expect(kept.take(3, 0)).toBeUndefined();
    expect(kept.keep(4, 0, state(9))).toBe(true);
    expect(kept.size).toBe(2);
  });

  it('a record of one level is not a record of another', () => {
    const kept = new KeptStates(10);
    kept.keep(3, 5, state(35));
    expect(kept.peek(4, 5)).toBeUndefined();
    expect(kept.take(2, 5)).toBeUndefined();
    expect(kept.peek(3, 5)).toEqual(state(35));
    expect(kept.size).toBe(1);
  });

  it('dropAbove frees the levels above a depth and keeps that depth and below', () => {
    const kept = new KeptStates(10);
    kept.keep(2, 0, state(20));
    kept.keep(3, 0, state(30));
    kept.keep(3, 1, state(31));
    kept.keep(4, 0, state(40));
    kept.dropAbove(3);
    expect(kept.size).toBe(3);
    expect(kept.peek(2, 0)).toBeUndefined();
    expect(kept.peek(3, 1)).toEqual(state(31));
    expect(kept.peek(4, 0)).toEqual(state(40));
  });

  it('a cap of 0 keeps nothing', () => {
    const kept = new KeptStates(0);
    expect(kept.keep(1, 0, state(0))).toBe(false);
    expect(kept.size).toBe(0);
  });
});

describe('KeepPolicy: keep once a level takes many steps per entry', () => {
  it('off at first; on after a level stepped at or above the threshold; off again after one below', () => {
    const policy = new KeepPolicy(4);
    expect(policy.keeping).toBe(false);
    policy.levelDone(1000, 2500);
    expect(policy.keeping).toBe(false);
    policy.levelDone(1000, 4000);
    expect(policy.keeping).toBe(true);
    policy.levelDone(1000, 3000);
    expect(policy.keeping).toBe(false);
  });

  it('a level with too few entries stepped (all kept, say) leaves the last choice standing', () => {
    const policy = new KeepPolicy(4);
    policy.levelDone(500, 5000);
    expect(policy.keeping).toBe(true);
    policy.levelDone(0, 0);
    policy.levelDone(10, 10);
    expect(policy.keeping).toBe(true);
  });
});
