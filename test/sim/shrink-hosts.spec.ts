// Dropping any host, not only the last: the hosts after it are renumbered
// and every reference to a host is rewritten the same way.
import { describe, expect, it } from 'vitest';
import { renumberedHost, withoutHost, withoutJoiner } from '../../sim/shrink-hosts.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const five = baseScenario({
  processes: 5,
  network: {
    delay: { minUs: 100, meanUs: 1000, jitterUs: 200 }, lossProbability: 0, duplicateProbability: 0,
    links: [{ from: 'p2', to: 'p5', lossProbability: 0.5 }, { from: 'p4', to: 'p1', lossProbability: 0.1 }],
  },
  workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 0, total: 0 }, joins: [{ atUs: 10_000 }], leaves: [{ atUs: 20_000, host: 'p6' }, { atUs: 30_000, host: 'p2' }] },
  faults: {
    schedule: [
      { type: 'crash', host: 'p2', atUs: 1_001 },
      { type: 'crash', host: 'p5', atUs: 2_003 },
      { type: 'restart', host: 'p4', atUs: 3_007 },
      { type: 'partition', groups: [['p1', 'p2'], ['p3', 'p4', 'p5', 'p6']], atUs: 4_011 },
      { type: 'link', from: 'p6', to: 'p3', lossProbability: 1, atUs: 5_013 },
      { type: 'heal', atUs: 6_017 },
      { type: 'crash', host: 'p3', onNote: { host: 'p2', text: 'flush-ok' } },
      { type: 'crash', host: 'p1', onNote: { host: 'p4', text: 'flush-ok' } },
    ],
  },
  clockDriftPpm: { p2: 100, p5: 200, p6: 300 },
});

describe('withoutHost', () => {
  it('renumbers the hosts after the dropped one, and only those', () => {
    expect(renumberedHost('p1', 2)).toBe('p1');
    expect(renumberedHost('p2', 2)).toBeNull();
    expect(renumberedHost('p3', 2)).toBe('p2');
    expect(renumberedHost('p12', 2)).toBe('p11');
  });

  it('drops what names the host and rewrites every other reference', () => {
    const s = withoutHost(five, 2);
    expect(s.processes).toBe(4);
    expect(s.network.links).toEqual([{ from: 'p3', to: 'p1', lossProbability: 0.1 }]);
    expect(s.workload.leaves).toEqual([{ atUs: 20_000, host: 'p5' }]); // the joiner p6 is now p5
    expect(s.workload.joins).toEqual([{ atUs: 10_000 }]);
    expect(s.faults?.schedule).toEqual([
      { type: 'crash', host: 'p4', atUs: 2_003 },
      { type: 'restart', host: 'p3', atUs: 3_007 },
      { type: 'partition', groups: [['p1'], ['p2', 'p3', 'p4', 'p5']], atUs: 4_011 },
      { type: 'link', from: 'p5', to: 'p2', lossProbability: 1, atUs: 5_013 },
      { type: 'heal', atUs: 6_017 },
      { type: 'crash', host: 'p1', onNote: { host: 'p3', text: 'flush-ok' } },
    ]);
    expect(s.clockDriftPpm).toEqual({ p4: 200, p5: 300 });
    // Times are kept to the microsecond, and the result is a valid scenario.
    expect(() => validateScenario(JSON.parse(JSON.stringify(s)), 'shrunk')).not.toThrow();
  });

  it('dropping the first host makes the second one p1', () => {
    const s = withoutHost(five, 1);
    expect(s.processes).toBe(4);
    expect(s.faults?.schedule?.[0]).toEqual({ type: 'crash', host: 'p1', atUs: 1_001 });
    expect(s.network.links).toEqual([{ from: 'p1', to: 'p4', lossProbability: 0.5 }]);
    expect(() => validateScenario(JSON.parse(JSON.stringify(s)), 'shrunk')).not.toThrow();
  });
});

describe('withoutJoiner', () => {
  // Two hosts; joins listed out of time order: p3 and p4 join at 10 ms (the second entry), p5 at 20 ms.
  const joining = baseScenario({
    processes: 2,
    workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 0, total: 0 }, joins: [{ atUs: 20_000 }, { atUs: 10_000, count: 2 }], leaves: [{ atUs: 30_000, host: 'p5' }] },
    faults: {
      schedule: [
        { type: 'partition', groups: [['p1', 'p4'], ['p2', 'p3', 'p5']], atUs: 15_000 },
        { type: 'crash', host: 'p3', atUs: 25_000 },
      ],
    },
  });

  it('takes one joiner off its join, renumbers the later joiners and drops what named it', () => {
    const s = withoutJoiner(joining, 3);
    expect(s?.processes).toBe(2);
    expect(s?.workload.joins).toEqual([{ atUs: 20_000 }, { atUs: 10_000, count: 1 }]);
    expect(s?.workload.leaves).toEqual([{ atUs: 30_000, host: 'p4' }]); // p5 is now p4
    expect(s?.faults?.schedule).toEqual([{ type: 'partition', groups: [['p1', 'p3'], ['p2', 'p4']], atUs: 15_000 }]);
    expect(() => validateScenario(JSON.parse(JSON.stringify(s)), 'shrunk')).not.toThrow();
  });

  it('drops a join whose last joiner goes, and names joiners in time order, not file order', () => {
    const s = withoutJoiner(joining, 5); // the joiner of the first entry, which joins last
    expect(s?.workload.joins).toEqual([{ atUs: 10_000, count: 2 }]);
    expect(s?.workload.leaves).toEqual([]);
    expect(() => validateScenario(JSON.parse(JSON.stringify(s)), 'shrunk')).not.toThrow();
  });

  it('is null for a host from the start or a process that never exists', () => {
    expect(withoutJoiner(joining, 2)).toBeNull();
    expect(withoutJoiner(joining, 6)).toBeNull();
  });
});
