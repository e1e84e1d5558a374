// The workload's start (`workload.startUs`): multicasts are issued only from
// then on, and those are the very multicasts the run without a start issues
// then (same times, processes and orders), since the arrivals before it are
// drawn and dropped. The shrinker's later-start pass relies on this.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { baseScenario } from '../fixtures/scenario.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';

const protocol = floodProtocol();

interface Line { type: string; t: number; node?: string; order?: string }

function events(s: Scenario, seed = '4'): Line[] {
  const sink = new MemoryTraceSink();
  runScenario(s, { seed, protocol, traceSink: sink });
  return sink.lines.slice(1).map((l) => JSON.parse(l) as Line);
}

const bcasts = (lines: Line[]): [number, string | undefined, string | undefined][] =>
  lines.filter((l) => l.type === 'bcast').map((l) => [l.t, l.node, l.order]);

const s = baseScenario({ workload: { multicastsPerSecond: 200, orders: { fifo: 1, causal: 1, total: 0 } }, durationUs: 500_000 });
const withStart = (startUs: number, more: Partial<Scenario['workload']> = {}): Scenario => ({ ...s, workload: { ...s.workload, startUs, ...more } });

describe('workload.startUs', () => {
  it('at 0 changes no event of the run', () => {
    expect(events(withStart(0))).toEqual(events(s));
  });

  it('later, issues exactly the multicasts the run without it issues from then on', () => {
    const all = bcasts(events(s));
    const late = bcasts(events(withStart(300_000)));
    expect(all.length).toBeGreaterThan(60);
    expect(late.length).toBeGreaterThan(10);
    expect(late).toEqual(all.filter(([t]) => t >= 300_000));
  });

  it('counts only issued multicasts against maxMulticasts', () => {
    const all = bcasts(events(s));
    const capped = bcasts(events(withStart(300_000, { maxMulticasts: 5 })));
    expect(capped).toEqual(all.filter(([t]) => t >= 300_000).slice(0, 5));
  });

  it('at the end of the fault phase issues none', () => {
    expect(bcasts(events(withStart(s.durationUs)))).toEqual([]);
  });
});
