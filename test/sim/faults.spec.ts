import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario } from '../fixtures/scenario.ts';

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
