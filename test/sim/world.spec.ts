import { describe, expect, it } from 'vitest';
import type { AnyProtocol } from '../../protocol/types.ts';
import { Network } from '../../sim/network.ts';
import { Rng } from '../../sim/rng.ts';
import { runScenario, runScenarioSteps } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import { World } from '../../sim/world.ts';
import type { UnnumberedEvent } from '../../traces/schema.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const lossy = baseScenario({
  network: { delay: { minUs: 100, meanUs: 800, jitterUs: 500 }, lossProbability: 0.05, duplicateProbability: 0.2 },
  workload: { multicastsPerSecond: 2000, orders: { fifo: 1, causal: 0, total: 0 } },
  durationUs: 300_000,
});
const calm = baseScenario({ processes: 5, workload: { multicastsPerSecond: 800, orders: { fifo: 1, causal: 0, total: 0 } }, durationUs: 300_000 });

function trace(scenario: typeof lossy, seed: string): string {
  const sink = new MemoryTraceSink();
  runScenario(scenario, { seed, protocol: floodProtocol({ tickUs: 3_000 }), traceSink: sink, detail: 'full' });
  return sink.text();
}

describe('World: pooled message events', () => {
  it('a run reuses only its own delivered events: two runs interleaved slice by slice write what each writes alone', () => {
    const aloneA = trace(lossy, '3');
    const aloneB = trace(calm, '4');
    const sinkA = new MemoryTraceSink();
    const sinkB = new MemoryTraceSink();
    // Small slices (the default is some 20 ms of work), so that the two runs interleave many times.
    const a = runScenarioSteps(lossy, { seed: '3', protocol: floodProtocol({ tickUs: 3_000 }), traceSink: sinkA, detail: 'full', sliceEvents: 1024 });
    const b = runScenarioSteps(calm, { seed: '4', protocol: floodProtocol({ tickUs: 3_000 }), traceSink: sinkB, detail: 'full', sliceEvents: 1024 });
    let slices = 0;
    for (let doneA = false, doneB = false; !doneA || !doneB; slices++) {
      if (!doneA) doneA = a.next().done === true;
      if (!doneB) doneB = b.next().done === true;
    }
    expect(slices).toBeGreaterThan(2);
    expect(sinkA.text()).toBe(aloneA);
    expect(sinkB.text()).toBe(aloneB);
    // And a run after others is the same as the first.
    expect(trace(lossy, '3')).toBe(aloneA);
    expect(aloneA).toContain('"type":"dup"');
  });

  it('every copy of a duplicated message is delivered with its own sender, message and frame', () => {
    const events: UnnumberedEvent[] = [];
    const scenario = baseScenario({ network: { delay: { minUs: 100, meanUs: 400, jitterUs: 300 }, lossProbability: 0, duplicateProbability: 1 } });
    const world = new World({ protocol: floodProtocol(), network: new Network(scenario.network, new Rng('dups')), queueCapacity: 100, record: (e) => events.push(e), driftPpm: {}, detail: 'net' });
    const p1 = world.startProcess('p1', { mode: 'member', initialMembers: ['p1', 'p2', 'p3'] });
    world.startProcess('p2', { mode: 'member', initialMembers: ['p1', 'p2', 'p3'] });
    world.startProcess('p3', { mode: 'member', initialMembers: ['p1', 'p2', 'p3'] });
    for (let k = 0; k < 3; k++) world.request(p1, { type: 'multicast', order: 'fifo', payload: { key: 'k', value: k } });
    expect(world.messagesInFlight).toBe(15); // 3 multicasts x (2 peers x 2 copies + p1's own copy, never duplicated)
    world.runEvents(1000, 1_000_000);
    expect(world.messagesInFlight).toBe(0);
    const sent = events.filter((e) => e.type === 'send' || e.type === 'dup').map((e) => (e.type === 'dup' ? (e as { copy: number }).copy : (e as { net: number }).net));
    const received = events.filter((e) => e.type === 'recv').map((e) => (e as { net: number }).net);
    // Each frame, original or copy, arrives exactly once, under its own name (no record handed out twice).
    expect([...received].sort((x, y) => x - y)).toEqual([...sent].sort((x, y) => x - y));
    for (const e of events.filter((e) => e.type === 'recv')) expect((e as { from: string }).from).toBe('p1');
  });
});

describe('World: timers', () => {
  it('a replaced or cancelled timer never fires, with two tags taking turns', () => {
    const fired: string[] = [];
    // `a` is set, then replaced by `b`'s handler before it fires; `b` cancels its own re-arm once.
    const protocol = {
      name: 'two-timers',
      init: () => ({ state: 0, effects: [{ kind: 'setTimer', timer: 'a', delayUs: 100 }, { kind: 'setTimer', timer: 'b', delayUs: 50 }] }),
      onTimer: (state: number, tag: string) => {
        fired.push(`${tag}@${world.nowUs}`);
        if (tag === 'b' && state === 0)
          return { state: 1, effects: [{ kind: 'setTimer', timer: 'a', delayUs: 30 }, { kind: 'setTimer', timer: 'b', delayUs: 10 }, { kind: 'cancelTimer', timer: 'b' }] };
        if (tag === 'a' && state === 1) return { state: 2, effects: [{ kind: 'setTimer', timer: 'b', delayUs: 5 }, { kind: 'setTimer', timer: 'a', delayUs: 40 }, { kind: 'cancelTimer', timer: 'a' }, { kind: 'setTimer', timer: 'a', delayUs: 7 }] };
        return { state, effects: [] };
      },
      onMessage: (state: number) => ({ state, effects: [] }),
      onRequest: (state: number) => ({ state, effects: [] }),
    } as unknown as AnyProtocol;
    const world = new World({ protocol, network: new Network(baseScenario().network, new Rng('t')), queueCapacity: 100, record: () => {}, driftPpm: {} });
    world.startProcess('p1', { mode: 'member', initialMembers: ['p1'] });
    world.runEvents(100, 1_000);
    expect(fired).toEqual(['b@50', 'a@80', 'b@85', 'a@87']);
  });
});
