// Detail levels of a timed run: each level is deterministic, and recording
// more never changes the run (the app events of a full trace are the app
// trace's events, renumbered).
import { describe, expect, it } from 'vitest';
import { runScenario, type RunOptions } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario } from '../fixtures/scenario.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { isNetworkEvent, TRACE_DETAILS } from '../../traces/schema.ts';

type Line = Record<string, unknown> & { type: string; i: number; t: number };

const faulty = baseScenario({
  network: { delay: { minUs: 100, meanUs: 1000, jitterUs: 500 }, lossProbability: 0.1, duplicateProbability: 0.1 },
  faults: { schedule: [{ type: 'crash', host: 'p3', atUs: 600_000 }, { type: 'link', from: 'p1', to: 'p2', atUs: 200_000, lossProbability: 0.5 }] },
});

function record(scenario: Scenario, options: Partial<RunOptions> = {}): { text: string; lines: Line[]; header: Record<string, unknown> } {
  const sink = new MemoryTraceSink();
  runScenario(scenario, { seed: '3', traceSink: sink, protocol: floodProtocol({ tickUs: 50_000 }), ...options });
  return { text: sink.text(), lines: sink.lines.slice(1).map((l) => JSON.parse(l) as Line), header: JSON.parse(sink.lines[0]!) as Record<string, unknown> };
}

/** The trace's application events, renumbered from 0, as text. */
function appEventsOf(lines: readonly Line[]): string {
  return lines.filter((l) => !isNetworkEvent(l)).map((l, k) => JSON.stringify({ ...l, i: k })).join('\n');
}

describe('trace detail levels', () => {
  for (const detail of TRACE_DETAILS) {
    it(`${detail}: the same scenario and seed give byte-identical traces; the header names the level`, () => {
      const a = record(faulty, { detail });
      expect(a.text).toBe(record(faulty, { detail }).text);
      expect(a.header.detail).toBe(detail);
      a.lines.forEach((line, k) => expect(line.i).toBe(k));
    });
  }

  it('app writes no network event; net writes frames but no timers; full writes timers too', () => {
    const types = (detail: 'app' | 'net' | 'full'): Set<string> => new Set(record(faulty, { detail }).lines.map((l) => l.type));
    const app = types('app');
    const net = types('net');
    const full = types('full');
    for (const t of ['send', 'recv', 'drop', 'dup', 'link', 'timer']) expect(app.has(t)).toBe(false);
    for (const t of ['send', 'recv', 'drop', 'dup', 'link']) expect(net.has(t)).toBe(true);
    expect(net.has('timer')).toBe(false);
    expect(full.has('timer')).toBe(true);
  });

  it('recording more changes nothing the run does: the app events of net and full traces are the app trace', () => {
    const app = record(faulty, { detail: 'app' });
    expect(appEventsOf(record(faulty, { detail: 'net' }).lines)).toBe(appEventsOf(app.lines));
    expect(appEventsOf(record(faulty, { detail: 'full' }).lines)).toBe(appEventsOf(app.lines));
  });

  it("a scenario's detail field is the default; the run option overrides it", () => {
    expect(record({ ...faulty, detail: 'net' }).header.detail).toBe('net');
    expect(record({ ...faulty, detail: 'net' }, { detail: 'app' }).header.detail).toBe('app');
    expect(record(faulty).header.detail).toBe('app');
  });

  it('a copied header field named detail never overrides the run\'s own', () => {
    const { header } = record(faulty, { detail: 'full', headerExtra: { detail: 'app', mutant: 'x' } });
    expect(header.detail).toBe('full');
    expect(header.mutant).toBe('x');
  });

  it('limits.maxTraceEvents counts application events: a full run hits it exactly where the app run does', () => {
    const bounded = { ...faulty, limits: { maxTraceEvents: 40 } };
    const app = runScenario(bounded, { seed: '3', protocol: floodProtocol({ tickUs: 50_000 }), detail: 'app' });
    const full = runScenario(bounded, { seed: '3', protocol: floodProtocol({ tickUs: 50_000 }), detail: 'full' });
    expect(app.boundHit).toBe('maxTraceEvents');
    expect(full.boundHit).toBe('maxTraceEvents');
    expect(full.simTimeUs).toBe(app.simTimeUs);
    expect(full.traceEvents).toBeGreaterThan(app.traceEvents);
  });
});
