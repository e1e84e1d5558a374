// The search loop's clock: the time bound, stop requests and progress
// reports, all looked at inside the loop (not once per BFS level).
import { describe, expect, it } from 'vitest';
import { explore, type SearchProgress } from '../../../sim/explore/index.ts';
import { shipped } from './helpers.ts';

describe('search: time bound, stop requests, progress', () => {
  it('--max-seconds stops within a second of its bound with unknown and the states so far', { timeout: 60_000 }, () => {
    // A simulated clock (0.2 ms a read, a read every 16 expansions), so that the bound is judged in the
    // search's own time and a loaded machine's scheduler cannot move it.
    let nowMs = 0;
    const clockMs = (): number => (nowMs += 0.2);
    const { scenario, config } = shipped('cbcast-3x2');
    const r = explore(scenario, config, { por: true, maxSeconds: 1, clockMs });
    expect(nowMs).toBeGreaterThan(1000); // the search read this clock
    expect(r.seconds).toBeCloseTo(nowMs / 1000, 2);
    expect(r.result).toBe('unknown');
    expect(r.bound).toBe('maxSeconds');
    expect(r.seconds).toBeGreaterThanOrEqual(1);
    expect(r.seconds).toBeLessThan(2);
    expect(r.states).toBeGreaterThan(1);
    expect(r.states).toBeLessThan(318_062);
  });

  it('--max-seconds on the real clock ends the search with unknown', { timeout: 60_000 }, () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const r = explore(scenario, config, { por: true, maxSeconds: 0.5 });
    expect(r.result).toBe('unknown');
    expect(r.bound).toBe('maxSeconds');
    expect(r.seconds).toBeGreaterThanOrEqual(0.5);
    expect(r.states).toBeLessThan(318_062);
  });

  it('a stop request ends the search with unknown, bound interrupted, and the states explored so far', { timeout: 60_000 }, () => {
    const { scenario, config } = shipped('cbcast-3x2');
    let polls = 0;
    const r = explore(scenario, config, { por: true, strategy: 'dfs', shouldStop: () => ++polls > 50 });
    expect(r.result).toBe('unknown');
    expect(r.bound).toBe('interrupted');
    expect(polls).toBe(51);
    expect(r.states).toBeGreaterThan(50);
    expect(r.states).toBeLessThan(318_062);
  });

  it('reports progress on the clock with states, transitions, depth, rate, memory and queue', { timeout: 60_000 }, () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const reports: SearchProgress[] = [];
    const r = explore(scenario, config, { por: true, maxSeconds: 1.5, progressEverySeconds: 0.2, onProgress: (p) => reports.push(p) });
    expect(reports.length).toBeGreaterThanOrEqual(3);
    for (let k = 1; k < reports.length; k++) {
      const [a, b] = [reports[k - 1]!, reports[k]!];
      expect(b.states).toBeGreaterThanOrEqual(a.states);
      expect(b.transitions).toBeGreaterThanOrEqual(b.states - 1);
      expect(b.seconds - a.seconds).toBeGreaterThanOrEqual(0.19);
    }
    const last = reports.at(-1)!;
    expect(last.states).toBeLessThanOrEqual(r.states);
    expect(last.depth).toBeGreaterThan(0);
    expect(last.memoryBytes).toBeGreaterThan(1024 * 1024);
    expect(last.queued).toBeGreaterThan(0);
    expect(reports.some((p) => p.statesPerSecond > 0)).toBe(true);
  });
});

describe('explore CLI progress line', () => {
  it('says what TLC says: states, transitions, depth, rate, memory, queue', async () => {
    const { progressLine } = await import('../../../cli/commands/explore.ts');
    const line = progressLine({ states: 1234567, transitions: 2345678, depth: 17, seconds: 12.4, statesPerSecond: 98765, memoryBytes: 512 * 1024 * 1024, queued: 4321 });
    expect(line).toBe('progress 12 s: 1,234,567 states, 2,345,678 transitions, depth 17, 98,765 states/s, 512 MB, 4,321 queued\n');
  });
});
