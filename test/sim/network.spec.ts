import { describe, expect, it } from 'vitest';
import { Network } from '../../sim/network.ts';
import { Rng } from '../../sim/rng.ts';
import type { NetworkSpec } from '../../scenarios/types.ts';

const spec = (over: Partial<NetworkSpec> = {}): NetworkSpec => ({
  delay: { minUs: 100, meanUs: 500, jitterUs: 50 },
  lossProbability: 0,
  duplicateProbability: 0,
  ...over,
});

describe('Network', () => {
  it('loses and duplicates messages at the configured rates', () => {
    const net = new Network(spec({ lossProbability: 0.2, duplicateProbability: 0.1 }), new Rng('rates'));
    const n = 100_000;
    let arrived = 0;
    for (let k = 0; k < n; k++) arrived += net.transmit('p1', 'p2').length;
    const lossRate = net.stats.lost / n;
    const dupRate = net.stats.duplicated / (n - net.stats.lost);
    expect(lossRate).toBeGreaterThan(0.19);
    expect(lossRate).toBeLessThan(0.21);
    expect(dupRate).toBeGreaterThan(0.09);
    expect(dupRate).toBeLessThan(0.11);
    expect(arrived).toBe(n - net.stats.lost + net.stats.duplicated);
  });

  it('draws delays of at least minUs with the configured mean', () => {
    const net = new Network(spec(), new Rng('delay'));
    let sum = 0;
    const n = 50_000;
    for (let k = 0; k < n; k++) {
      const [d] = net.transmit('p1', 'p2');
      expect(d).toBeGreaterThanOrEqual(100);
      sum += d!;
    }
    // min + exponential(mean - min) + uniform jitter [0, 50): mean about 525.
    expect(sum / n).toBeGreaterThan(510);
    expect(sum / n).toBeLessThan(540);
  });

  it('reorders: later sends overtake earlier ones', () => {
    const net = new Network(spec(), new Rng('reorder'));
    let overtaken = 0;
    let previousArrival = -1;
    for (let k = 0; k < 1000; k++) {
      const arrival = k * 10 + net.transmit('p1', 'p2')[0]!;
      if (arrival < previousArrival) overtaken++;
      previousArrival = arrival;
    }
    expect(overtaken).toBeGreaterThan(100);
  });

  it('a partition cuts exactly the links between groups; a host in no group is alone', () => {
    const net = new Network(spec(), new Rng('cut'));
    net.partition([['p1', 'p2'], ['p3', 'p4']]);
    const hosts = ['p1', 'p2', 'p3', 'p4', 'p5'];
    const group = (h: string): number => (h === 'p1' || h === 'p2' ? 0 : h === 'p3' || h === 'p4' ? 1 : -1);
    for (const a of hosts) {
      for (const b of hosts) {
        const expected = a === b || (group(a) !== -1 && group(a) === group(b));
        expect(net.canTalk(a, b), `${a} -> ${b}`).toBe(expected);
        expect(net.transmit(a, b).length > 0, `${a} -> ${b} delivered`).toBe(expected);
      }
    }
    net.heal();
    for (const a of hosts) for (const b of hosts) expect(net.canTalk(a, b)).toBe(true);
  });

  it('per-link settings and link faults apply to their link only, and faults reset', () => {
    const net = new Network(
      spec({ links: [{ from: 'p1', to: 'p2', lossProbability: 1, bidirectional: false }] }),
      new Rng('links'),
    );
    expect(net.transmit('p1', 'p2')).toEqual([]);
    expect(net.transmit('p2', 'p1').length).toBe(1);
    net.setLinkFault('p2', 'p3', { delay: { minUs: 90_000, meanUs: 90_000, jitterUs: 0 } }, true);
    expect(net.transmit('p3', 'p2')[0]).toBe(90_000);
    expect(net.transmit('p1', 'p3')[0]).toBeLessThan(90_000);
    net.resetLinkFaults();
    expect(net.transmit('p3', 'p2')[0]).toBeLessThan(90_000);
    expect(net.transmit('p1', 'p2')).toEqual([]);
  });

  it('transmitCopies makes the same draws as transmit, leaving the delays in fields', () => {
    const lossyDup = spec({ lossProbability: 0.1, duplicateProbability: 0.3 });
    const a = new Network(lossyDup, new Rng('copies'));
    const b = new Network(lossyDup, new Rng('copies'));
    const seen = new Set<number>();
    for (let k = 0; k < 2000; k++) {
      const delays = a.transmit('p1', 'p2');
      const copies = b.transmitCopies('p1', 'p2');
      seen.add(copies);
      expect(copies).toBe(delays.length);
      if (copies >= 1) expect(b.firstDelayUs).toBe(delays[0]);
      if (copies === 2) expect(b.secondDelayUs).toBe(delays[1]);
    }
    expect([...seen].sort()).toEqual([0, 1, 2]);
    expect(b.stats).toEqual(a.stats);
  });
});
