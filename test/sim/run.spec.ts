import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario } from '../fixtures/scenario.ts';
import type { Scenario } from '../../scenarios/types.ts';

type Line = Record<string, unknown> & { type: string; i: number; t: number; node?: string };

function run(scenario: Scenario, seed = '1', tickUs = 0): { lines: Line[]; text: string; result: ReturnType<typeof runScenario> } {
  const sink = new MemoryTraceSink();
  const result = runScenario(scenario, { seed, traceSink: sink, protocol: floodProtocol({ tickUs }), checker: null });
  return { lines: sink.lines.slice(1).map((l) => JSON.parse(l) as Line), text: sink.text(), result };
}

describe('runScenario', () => {
  it('writes a header, numbered events in time order, and an end event', () => {
    const { lines, text, result } = run(baseScenario());
    const header = JSON.parse(text.split('\n')[0]!);
    expect(header).toMatchObject({ type: 'header', format: 'vsynclab-trace', version: 1, protocol: 'test-flood', scenario: 'test', seed: '1' });
    lines.forEach((line, k) => {
      expect(line.i).toBe(k);
      if (k > 0) expect(line.t).toBeGreaterThanOrEqual(lines[k - 1]!.t);
    });
    expect(lines.at(-1)).toMatchObject({ type: 'end', quiescent: true });
    expect(result.quiescent).toBe(true);
    expect(result.multicasts).toBeGreaterThan(50);
    expect(lines.filter((l) => l.type === 'start').map((l) => l.node)).toEqual(['p1', 'p2', 'p3']);
  });

  it('gives byte-identical traces for the same seed and different ones for another', () => {
    const s = baseScenario({ network: { delay: { minUs: 100, meanUs: 1000, jitterUs: 500 }, lossProbability: 0.1, duplicateProbability: 0.1 } });
    expect(run(s, '5').text).toBe(run(s, '5').text);
    expect(run(s, '5').text).not.toBe(run(s, '6').text);
  });

  it('a crashed process never acts again, and a restart is a new process that joins', () => {
    const scenario = baseScenario({
      faults: { schedule: [{ type: 'crash', host: 'p2', atUs: 300_000 }, { type: 'restart', host: 'p2', atUs: 600_000 }] },
    });
    const { lines } = run(scenario, '3', 10_000);
    const crash = lines.find((l) => l.type === 'crash');
    expect(crash).toMatchObject({ node: 'p2', t: 300_000 });
    const after = lines.filter((l) => l.i > crash!.i && l.node === 'p2');
    expect(after).toEqual([]);
    const ticksBefore = lines.filter((l) => l.node === 'p2' && l.type === 'note').length;
    expect(ticksBefore).toBeGreaterThan(20);
    const restart = lines.find((l) => l.type === 'start' && l.node === 'p2#2');
    expect(restart?.t).toBe(600_000);
    expect(lines.some((l) => l.node === 'p2#2' && l.type === 'note')).toBe(true);
  });

  it('messages crossing a partition are lost, and the settle phase heals it', () => {
    const scenario = baseScenario({
      faults: { schedule: [{ type: 'partition', groups: [['p1', 'p2'], ['p3']], atUs: 0 }] },
    });
    const { lines } = run(scenario, '2');
    const byId = new Map<string, string>();
    for (const l of lines) if (l.type === 'bcast') byId.set(l.msg as string, l.node!);
    for (const l of lines) {
      if (l.type !== 'deliver') continue;
      const sender = byId.get(l.msg as string)!;
      const crosses = (sender === 'p3') !== (l.node === 'p3');
      expect(crosses, `${sender} -> ${l.node}`).toBe(false);
    }
    const heal = lines.find((l) => l.type === 'heal');
    expect(heal?.t).toBe(1_000_000);
    expect(lines.find((l) => l.type === 'partition')).toMatchObject({ groups: [['p1', 'p2'], ['p3']] });
  });

  it('clock drift scales a process\'s timers', () => {
    const scenario = baseScenario({ clockDriftPpm: { p1: 100_000 }, workload: { multicastsPerSecond: 0, orders: { fifo: 1, causal: 0, total: 0 } } });
    const { lines } = run(scenario, '1', 10_000);
    const ticks = (node: string): number => lines.filter((l) => l.node === node && l.type === 'note' && l.t <= 1_000_000).length;
    expect(ticks('p2')).toBe(100);
    expect(ticks('p1')).toBe(90);
  });

  it('fires a fault when a host emits a note', () => {
    const scenario = baseScenario({
      faults: { schedule: [{ type: 'crash', host: 'p3', onNote: { host: 'p1', text: 'tick', occurrence: 5, delayUs: 7 } }] },
    });
    const { lines } = run(scenario, '1', 10_000);
    expect(lines.find((l) => l.type === 'crash')).toMatchObject({ node: 'p3', t: 50_007 });
  });

  it('stops at a bound and says which, with quiescent false', () => {
    // 40 multicasts fit the bound (validation refuses a workload that cannot), their deliveries do not.
    const { workload } = baseScenario();
    const { lines, result } = run(baseScenario({ workload: { ...workload, maxMulticasts: 40 }, limits: { maxEvents: 50 } }));
    expect(result.boundHit).toBe('maxEvents');
    expect(result.passed).toBe(false);
    expect(result.failure).toContain('maxEvents');
    expect(lines.at(-1)).toMatchObject({ type: 'end', quiescent: false });
  });

  it('a protocol that throws leaves a readable trace without an end line and the error', () => {
    const protocol = floodProtocol();
    const broken = { ...protocol, onMessage: () => { throw new Error('boom'); } };
    const sink = new MemoryTraceSink();
    const result = runScenario(baseScenario(), { seed: '1', traceSink: sink, protocol: broken, checker: null });
    expect(result.error).toContain('boom');
    expect(result.passed).toBe(false);
    const last = JSON.parse(sink.lines.at(-1)!);
    expect(last.type).not.toBe('end');
    expect(sink.lines.length).toBeGreaterThan(3);
  });

  it('reports liveness violations, which the checkers judge only when the run ends', () => {
    const lossy = baseScenario({ network: { delay: { minUs: 100, meanUs: 500, jitterUs: 0 }, lossProbability: 0.3, duplicateProbability: 0 } });
    const result = runScenario(lossy, { seed: '1', protocol: floodProtocol() });
    expect(result.quiescent).toBe(true);
    expect(result.violations.some((v) => v.property === 'delivery-liveness')).toBe(true);
    expect(result.checked).toContain('delivery-liveness');
    expect(result.passed).toBe(false);
  });

  it('joins add new hosts and leaves go to the named host', () => {
    const scenario = baseScenario({
      workload: { multicastsPerSecond: 10, orders: { fifo: 0, causal: 1, total: 0 }, joins: [{ atUs: 100_000, count: 2 }] },
    });
    const { lines } = run(scenario);
    expect(lines.filter((l) => l.type === 'start').map((l) => [l.node, l.t])).toEqual([
      ['p1', 0], ['p2', 0], ['p3', 0], ['p4', 100_000], ['p5', 100_000],
    ]);
  });
});

describe('runScenario: a protocol refusing the scenario', () => {
  it('marks the run refused with the protocol\'s InputError message; a protocol bug is not marked', async () => {
    const { loadScenarios } = await import('../../sim/scenario-files.ts');
    const base = loadScenarios(['scenarios/isis-static-backpressure.json'])[0]!.forSeed(1);
    const withJoin: Scenario = { ...base, durationUs: 100_000, workload: { ...base.workload, joins: [{ atUs: 1_000, count: 1 }] } };
    const refused = runScenario(withJoin, { seed: '1' });
    expect(refused.passed).toBe(false);
    expect(refused.refused).toMatch(/a static group takes no joiners/);
    const plain = runScenario({ ...base, durationUs: 100_000 }, { seed: '1' });
    expect(plain.refused).toBeUndefined();
  });
});

describe('runScenario: a protocol that never goes quiet', () => {
  const scenario = baseScenario({
    durationUs: 200_000,
    settleUs: 300_000,
    network: { delay: { minUs: 1000, meanUs: 1000, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 },
  });

  it('passes when every live process is quiet before the settle phase runs out', () => {
    const r = runScenario(scenario, { seed: '1', protocol: { ...floodProtocol(), isQuiet: () => true } });
    expect(r.failure).toBeNull();
  });

  it('fails, naming the busy processes, when the settle phase runs out while the protocol calls some busy', () => {
    // Every process keeps "a frame to retransmit" forever: nothing is violated, but the run never settles.
    const r = runScenario(scenario, { seed: '1', protocol: { ...floodProtocol(), isQuiet: () => false } });
    expect(r.violations).toEqual([]);
    expect(r.quiescent).toBe(true);
    expect(r.passed).toBe(false);
    expect(r.failure).toBe("not quiet: p1, p2, p3 still busy (the protocol's isQuiet) when the settle phase ended (settleUs 300000)");
  });
});
