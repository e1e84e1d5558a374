import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario } from '../fixtures/scenario.ts';
import type { ScheduledFault } from '../../scenarios/types.ts';

const randomCrashes = baseScenario({
  processes: 5,
  faults: { random: { meanIntervalUs: 20_000, kinds: { crash: 1, restart: 1 }, maxDown: 1 } },
  durationUs: 2_000_000,
});

function crashesOf(protocol: ReturnType<typeof floodProtocol>): number {
  const sink = new MemoryTraceSink();
  runScenario(randomCrashes, { seed: '4', traceSink: sink, protocol, checker: null });
  return sink.lines.filter((l) => l.includes('"type":"crash"')).length;
}

describe('random fault generator', () => {
  it('keeps at most maxDown hosts down, counting a restarted host down until its process installs a view', () => {
    const flood = floodProtocol();
    // Joiners of this variant never get a view: a restarted host stays "down".
    const neverAdmitted = {
      ...flood,
      init: (ctx: Parameters<typeof flood.init>[0], start: Parameters<typeof flood.init>[1]) => {
        const step = flood.init(ctx, start);
        return start.mode === 'join' ? { state: step.state, effects: [] } : step;
      },
    };
    // With admission, hosts crash and come back over and over.
    expect(crashesOf(flood)).toBeGreaterThan(10);
    // Without it, after the first crash and restart nothing else may crash.
    expect(crashesOf(neverAdmitted)).toBe(1);
  });

  it('records the faults it injected as schedule entries', () => {
    const result = runScenario(randomCrashes, { seed: '4', protocol: floodProtocol(), checker: null });
    expect(result.randomFaults.length).toBeGreaterThan(10);
    for (const f of result.randomFaults) {
      expect(['crash', 'restart']).toContain(f.type);
      expect(f.atUs).toBeLessThan(2_000_000);
    }
  });
});

describe('random faults count every way a host is lost', () => {
  const randomCrashes = (schedule: ScheduledFault[]): ScheduledFault[] =>
    runScenario(
      baseScenario({ processes: 5, faults: { schedule, random: { meanIntervalUs: 5_000, kinds: { crash: 1 } } }, durationUs: 400_000 }),
      { seed: '2', protocol: floodProtocol(), checker: null },
    ).randomFaults.filter((f) => f.type === 'crash');
  const crashesUnder = (schedule: ScheduledFault[]): number => randomCrashes(schedule).length;

  it('hosts cut off by a partition count as down: no random crash while two of five are cut off', () => {
    expect(crashesUnder([])).toBe(2);
    expect(crashesUnder([{ type: 'partition', groups: [['p1', 'p2', 'p3'], ['p4', 'p5']], atUs: 1 }])).toBe(0);
    expect(crashesUnder([{ type: 'isolate', host: 'p2', atUs: 1 }])).toBe(1);
    // The far end of a link slow enough to be suspected counts too.
    expect(crashesUnder([{ type: 'link', from: 'p1', to: 'p3', delay: { minUs: 90_000, meanUs: 90_000, jitterUs: 0 }, atUs: 1 }])).toBe(1);
  });

  it('the newest view keeps a live majority: a live host it left out holds no seat', () => {
    // p1 reports view 2 without p5 (excluded while cut off, not told yet):
    // five hosts may lose two, but the view of four may lose only one.
    const flood = floodProtocol();
    const excludesP5: typeof flood = {
      ...flood,
      init: (ctx, start) => {
        const step = flood.init(ctx, start);
        if (ctx.self !== 'p1') return step;
        return { ...step, effects: [...step.effects, { kind: 'observe', observation: { type: 'view', view: { id: 2, members: ['p1', 'p2', 'p3', 'p4'] } } }] };
      },
    };
    const scenario = baseScenario({ processes: 5, faults: { random: { meanIntervalUs: 5_000, kinds: { crash: 1 } } }, durationUs: 400_000 });
    for (const seed of ['1', '2', '3']) {
      const crashed = runScenario(scenario, { seed, protocol: excludesP5, checker: null }).randomFaults.filter((f) => f.type === 'crash');
      expect(crashed.filter((f) => f.host !== 'p5'), `seed ${seed}`).toHaveLength(1);
    }
  });

  it('scheduled faults still to come keep their room: random crashes leave it to them', () => {
    expect(crashesUnder([{ type: 'crash', host: 'p5', atUs: 300_000 }])).toBe(1);
    // A note-triggered fault reserves its room until it fires (here never); a timed one until its time.
    const later = randomCrashes([{ type: 'crash', host: 'coordinator', at: { note: 'never-emitted', node: 'any' } }, { type: 'restart', host: 'p4', atUs: 350_000 }]);
    expect(later.length).toBeGreaterThan(0);
    for (const f of later) expect(f.atUs).toBeGreaterThan(350_000);
  });

  it('isolate cuts one host off and keeps the rest of a partition in force', () => {
    const sink = new MemoryTraceSink();
    runScenario(
      baseScenario({
        processes: 5,
        faults: { schedule: [{ type: 'partition', groups: [['p1', 'p2', 'p3'], ['p4', 'p5']], atUs: 10 }, { type: 'isolate', host: 'p2', atUs: 20 }] },
      }),
      { seed: '1', traceSink: sink, protocol: floodProtocol(), checker: null },
    );
    const cuts = sink.lines.map((l) => JSON.parse(l)).filter((e) => e.type === 'partition');
    expect(cuts.map((c) => c.groups)).toEqual([[['p1', 'p2', 'p3'], ['p4', 'p5']], [['p1', 'p3'], ['p4', 'p5'], ['p2']]]);
  });
});

