// The explorer as a generator (exploreSteps / searchSteps): the same search
// as explore(), whether driven to the end or with event-loop turns; it
// yields on the clock, and a stop request also ends the second,
// shortest-counterexample search, keeping the violation already found.
import { describe, expect, it } from 'vitest';
import { explore, exploreSteps } from '../../../sim/explore/index.ts';
import { driveYielding } from '../../../sim/steps.ts';
import { fixture, shipped } from './helpers.ts';

describe('exploreSteps', () => {
  it('driven with event-loop turns, finds what explore() finds: the same counts, the same counterexample', async () => {
    for (const name of ['cbcast-3x1', 'broken-cbcast-3x2']) {
      const { scenario, config } = fixture(name);
      const whole = explore(scenario, config, { por: true });
      const yielding = await driveYielding(exploreSteps(scenario, config, { por: true }));
      expect(yielding.result).toBe(whole.result);
      expect(yielding.states).toBe(whole.states);
      expect(yielding.transitions).toBe(whole.transitions);
      expect(yielding.pathsChecked).toBe(whole.pathsChecked);
      expect(yielding.counterexample?.lines).toEqual(whole.counterexample?.lines);
    }
  });

  it('yields every few tens of milliseconds of search, not once per state', { timeout: 60_000 }, () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const steps = exploreSteps(scenario, config, { por: true, maxSeconds: 1 });
    let yields = 0;
    let longestGapMs = 0;
    let last = performance.now();
    for (let step = steps.next(); step.done !== true; step = steps.next()) {
      yields++;
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }
    // 25 ms apart: about 40 in a second of search (fewer on a loaded machine), far fewer than states.
    expect(yields).toBeGreaterThanOrEqual(5);
    expect(yields).toBeLessThan(200);
    expect(longestGapMs).toBeLessThan(500);
  });

  it('a stop request during the shortest-counterexample search ends it; the violation found first stands', () => {
    const { scenario, config } = fixture('broken-cbcast-3x2');
    // The first search reports progress (on every look at the clock here); the second never does.
    let polls = 0;
    let pollsInFirst = 0;
    const full = explore(scenario, config, { shouldStop: () => (++polls, false), progressEverySeconds: 1e-9, onProgress: () => (pollsInFirst = polls) });
    expect(full.result).toBe('violated');
    expect(polls).toBeGreaterThan(pollsInFirst + 1); // the second search looked at the clock twice or more
    polls = 0;
    const stopped = explore(scenario, config, { shouldStop: () => ++polls > pollsInFirst + 1 });
    // Stopped at the second search's second look: nothing polled after, and the violation is kept.
    expect(polls).toBe(pollsInFirst + 2);
    expect(stopped.result).toBe('violated');
    expect(stopped.bound).toBeNull();
    expect(stopped.states).toBe(full.states);
    expect(stopped.counterexample!.choices.length).toBeGreaterThanOrEqual(full.counterexample!.choices.length);
    expect(stopped.violation!.property).toBe(full.violation!.property);
  });
});
