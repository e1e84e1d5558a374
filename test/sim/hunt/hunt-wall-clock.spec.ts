// A run that the wall-clock bound ends is a hunt finding only if it ends so
// again: on a loaded machine a slow slice can pass the bound once, and the
// shrinker's rerun of such a run passes (it used to end the hunt with
// "shrinkScenario: the run passes").
import { describe, expect, it } from 'vitest';
import { hunt } from '../../../sim/hunt/hunt.ts';
import { protocolScope } from '../../../sim/coverage/scope.ts';
import { WALL_CLOCK_FAILURE } from '../../../sim/run.ts';
import { loadScenarios } from '../../../sim/scenario-files.ts';
import { makeIsisProtocol } from '../../../protocol/isis/stack.ts';
import { registerProtocol } from '../../../protocol/registry.ts';

const BOUND_MS = 200;
let hangsLeft = 0;

function loopForever(): never {
  for (;;) {
    // Never returns: the wall-clock bound ends it.
  }
}

// The ISIS stack, but p2's first message handler call loops forever while `hangsLeft` lasts.
registerProtocol('test-isis-hangs-while-told', (options) => {
  const real = makeIsisProtocol(options);
  return {
    ...real,
    name: 'test-isis-hangs-while-told',
    onMessage: (state, from, frame, node) => {
      if (node.self === 'p2' && hangsLeft > 0) {
        hangsLeft -= 1;
        loopForever();
      }
      return real.onMessage(state, from, frame, node);
    },
  };
});

const suite = loadScenarios(['scenarios/isis-member-crash.json']).map((loaded) => ({
  ...loaded,
  forSeed: (seed: number) => ({ ...loaded.forSeed(seed), protocol: { name: 'test-isis-hangs-while-told' }, durationUs: 150_000, settleUs: 1_500_000 }),
}));

describe('hunt: runs ended by the wall-clock bound', () => {
  it('a run that hangs once and passes when run again is no finding', async () => {
    hangsLeft = 1;
    const result = await hunt(suite, protocolScope(), { seed: 1, maxRuns: 1, shrink: false, handlerTimeoutMs: BOUND_MS });
    expect(hangsLeft).toBe(0);
    expect(result.runs).toBe(1);
    expect(result.findings).toEqual([]);
  });

  it('a run that hangs again is a finding, with the wall-clock failure as its target', async () => {
    hangsLeft = 2;
    const result = await hunt(suite, protocolScope(), { seed: 1, maxRuns: 1, shrink: false, handlerTimeoutMs: BOUND_MS });
    expect(hangsLeft).toBe(0);
    expect(result.findings.map((f) => f.target)).toEqual([{ kind: 'failure', failure: WALL_CLOCK_FAILURE }]);
  });
});
