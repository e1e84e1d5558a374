// Each worker's cap on kept states (sim/explore/parallel/keep-budget.ts): a
// quarter of the memory bound at 4 KiB a state, shared among the workers, at
// most 250,000 a worker.
import { describe, expect, it } from 'vitest';
import { KEEP_ABOVE_STEPS_PER_ENTRY } from '../../../../sim/explore/parallel/kept-states.ts';
import { defaultKeep } from '../../../../sim/explore/parallel/keep-budget.ts';

const GIB = 1024 ** 3;

describe('defaultKeep', () => {
  it('shares a quarter of the memory bound among the workers, at 4 KiB a state', () => {
    expect(defaultKeep(GIB, 2)).toEqual({ statesCap: GIB / 4 / 2 / 4096, aboveStepsPerEntry: KEEP_ABOVE_STEPS_PER_ENTRY });
    expect(defaultKeep(GIB, 4).statesCap).toBe(16_384);
  });

  it('at most 250,000 a worker, and none when the bound leaves no room', () => {
    expect(defaultKeep(6 * GIB, 2).statesCap).toBe(196_608);
    expect(defaultKeep(64 * GIB, 2).statesCap).toBe(250_000);
    expect(defaultKeep(1000, 2).statesCap).toBe(0);
  });
});
