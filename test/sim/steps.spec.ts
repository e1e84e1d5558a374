// A run and a shrink as steps: driven at once or a slice at a time with
// event-loop turns between, the trace is the same bytes; `shouldStop` ends a
// long run or a shrink early, and says so.
import { describe, expect, it } from 'vitest';
import { runScenario, runScenarioSteps } from '../../sim/run.ts';

// Small slices, so that the run below has many (the default, SLICE_EVENTS, is some 20 ms of work).
const SLICE_EVENTS = 1024;
import { shrinkScenario, shrinkSteps, failsSameWay } from '../../sim/shrink.ts';
import { driveToEnd, driveYielding } from '../../sim/steps.ts';
import type { TraceSink } from '../../sim/trace-sink.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario, lossyNetwork } from '../fixtures/scenario.ts';

class LinesSink implements TraceSink {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  flush(): void {}
  close(): void {}
}

// Long enough for several slices.
// A fixed delay: nothing reorders, so the flood protocol passes and only a stop can end the run early.
const busy = baseScenario({
  processes: 4,
  network: { delay: { minUs: 1000, meanUs: 1000, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 },
  workload: { multicastsPerSecond: 500, orders: { fifo: 1, causal: 0, total: 0 } },
  durationUs: 1_000_000,
});
const protocol = floodProtocol();

describe('runScenarioSteps', () => {
  it('yields the simulated time between slices, and the trace does not depend on how it is driven', async () => {
    const direct = new LinesSink();
    const whole = runScenario(busy, { seed: '5', protocol, traceSink: direct });
    expect(whole.simEvents).toBeGreaterThan(2 * SLICE_EVENTS);
    const sliced = new LinesSink();
    const times: number[] = [];
    const stepped = await driveYielding(runScenarioSteps(busy, { seed: '5', protocol, traceSink: sliced, sliceEvents: SLICE_EVENTS }), (t) => times.push(t));
    expect(sliced.lines).toEqual(direct.lines);
    expect(stepped).toEqual(whole);
    expect(times.length).toBe(Math.floor(whole.simEvents / SLICE_EVENTS));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times.at(-1)!).toBeLessThanOrEqual(whole.simTimeUs);
  });

  it('shouldStop ends the run at a slice boundary: interrupted, not passed, no liveness verdict', () => {
    let polls = 0;
    const sink = new LinesSink();
    const r = runScenario(busy, { seed: '5', protocol, traceSink: sink, sliceEvents: SLICE_EVENTS, shouldStop: () => ++polls >= 2 });
    expect(polls).toBe(2);
    expect(r.interrupted).toBe(true);
    expect(r.passed).toBe(false);
    expect(r.failure).toBe('interrupted');
    expect(r.quiescent).toBe(false);
    expect(r.simEvents).toBe(2 * SLICE_EVENTS);
    expect(sink.lines.at(-1)).toContain('"quiescent":false');
    const never = runScenario(busy, { seed: '5', protocol, shouldStop: () => false });
    expect(never.interrupted).toBeUndefined();
    expect(never.passed).toBe(true);
  });
});

describe('shrinkSteps', () => {
  const failing = baseScenario({
    processes: 5,
    network: lossyNetwork(),
    workload: { multicastsPerSecond: 300, orders: { fifo: 1, causal: 1, total: 1 } },
    faults: { random: { meanIntervalUs: 60_000, kinds: { crash: 1, partition: 1, heal: 1, slowLink: 1 } } },
    durationUs: 600_000,
  });

  it('driven a step at a time, finds the same scenario', async () => {
    const atOnce = shrinkScenario(failing, { seed: '3', protocol, maxAttempts: 12 });
    const stepped = await driveYielding(shrinkSteps(failing, { seed: '3', protocol, maxAttempts: 12 }));
    expect(stepped.shrunk).toEqual(atOnce.shrunk);
    expect(stepped.attempts).toBe(atOnce.attempts);
    expect(atOnce.interrupted).toBe(false);
  });

  it('shouldStop ends the search with a smaller scenario that still fails the same way', () => {
    let attempts = 0;
    const outcome = driveToEnd(
      shrinkSteps(failing, { seed: '3', protocol, maxAttempts: 200, onAttempt: () => attempts++, shouldStop: () => attempts >= 4 }),
    );
    expect(outcome.interrupted).toBe(true);
    expect(outcome.attempts).toBe(4);
    expect(outcome.boundHit).toBe(false);
    expect(failsSameWay(outcome.result, outcome.target)).toBe(true);
    expect(failsSameWay(runScenario(outcome.shrunk, { seed: '3', protocol }), outcome.target)).toBe(true);
  });
});
