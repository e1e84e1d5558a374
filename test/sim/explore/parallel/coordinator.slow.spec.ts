// The worker-parallel search: the longer comparisons with the sequential
// search (npm run test:slow; each starts worker threads that load the
// sources through tsx, a second or more each). coordinator.spec.ts keeps
// the core ones in npm test.
import { describe, expect, it } from 'vitest';
import { explore } from '../../../../sim/explore/index.ts';
import { fixture, shipped } from '../helpers.ts';
import { bothWays, deterministicPart, handOutAtOnce } from './helpers.ts';

describe('parallel explore (slow): reductions, hand-outs and time bounds', () => {
  it('CBCAST 3x2 with two senders, --por: the reduction (its cycle proviso reads depths) gives the same states', () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const small = { ...config, senders: ['p1', 'p2'] };
    const { one, two } = bothWays(scenario, small, { por: true });
    expect(one.result).toBe('ok');
    expect(one.states).toBeGreaterThan(1000);
    expect(deterministicPart(two)).toEqual(deterministicPart(one));
  });

  it('handing out single states from the first level on (tiny levels, many transfers) changes nothing', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    for (const [por, workers] of [[false, 2], [true, 3]] as const) {
      const one = explore(scenario, config, { por });
      const r = handOutAtOnce(scenario, config, por, workers);
      expect(r.result).toBe('ok');
      expect([r.states, r.transitions, r.depth, r.terminalStates]).toEqual([one.states, one.transitions, one.depth, one.terminalStates]);
    }
  }, 120_000);

  it('a violation found by a worker after the hand-out comes back with its path, stepped again in the calling thread', () => {
    const { scenario, config } = fixture('broken-cbcast-3x2');
    const found = handOutAtOnce(scenario, config, false);
    expect(found.result).toBe('violated');
    expect(found.violationTrail).not.toBeNull();
    expect(found.violationTrail?.depth).toBe(found.violation?.step);
  });
  it('--max-seconds stops every worker and reports the states so far', () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const r = explore(scenario, config, { maxSeconds: 4, workers: 2 });
    expect(r.result).toBe('unknown');
    expect(r.bound).toBe('maxSeconds');
    expect(r.states).toBeGreaterThan(0);
    // Exhausting it takes minutes. (Workers that load the sources through tsx may take seconds to start: the bound is loose.)
    expect(r.states).toBeLessThan(318_062);
    expect(r.seconds).toBeLessThan(30);
  });

});
