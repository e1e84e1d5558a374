// The network events sim/system records at detail net and full, one kind
// at a time: every frame's story (send, then recv, drop or dup) holds
// together by its `net` name.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../sim/run.ts';
import { MemoryTraceSink } from '../../../sim/trace-sink.ts';
import { Network } from '../../../sim/network.ts';
import { Rng } from '../../../sim/rng.ts';
import { World } from '../../../sim/world.ts';
import type { AnyProtocol } from '../../../protocol/types.ts';
import type { Scenario } from '../../../scenarios/types.ts';
import type { UnnumberedEvent } from '../../../traces/schema.ts';
import { floodProtocol } from '../../fixtures/flood-protocol.ts';
import { baseScenario } from '../../fixtures/scenario.ts';

type Line = Record<string, unknown> & { type: string; i: number; t: number };

const described: AnyProtocol = { ...floodProtocol(), describeMessage: (m: { id: string }) => ({ kind: 'mc', key: m.id }) };

function lines(scenario: Scenario, detail: 'net' | 'full' = 'net', protocol: AnyProtocol = described): Line[] {
  const sink = new MemoryTraceSink();
  runScenario(scenario, { seed: '2', traceSink: sink, protocol, checker: null, detail });
  return sink.lines.slice(1).map((l) => JSON.parse(l) as Line);
}

const ofType = (all: Line[], type: string): Line[] => all.filter((l) => l.type === type);

function sendsByNet(all: Line[]): Map<number, Line> {
  return new Map(ofType(all, 'send').map((s) => [s.net as number, s]));
}

describe('network events', () => {
  it('send and recv: every recv names an earlier send of the same frame, sender, receiver, kind and key', () => {
    const all = lines(baseScenario());
    const sends = sendsByNet(all);
    const recvs = ofType(all, 'recv');
    expect(recvs.length).toBeGreaterThan(10);
    for (const r of recvs) {
      const s = sends.get(r.net as number)!;
      expect(s.i).toBeLessThan(r.i);
      expect([s.node, s.to, s.kind, s.key]).toEqual([r.from, r.node, r.kind, r.key]);
    }
    // The frame is handed over before the delivery it causes.
    const deliver = ofType(all, 'deliver')[0]!;
    expect(all[deliver.i - 1]).toMatchObject({ type: 'recv', node: deliver.node, key: deliver.msg });
    // Net names are unique.
    expect(new Set(ofType(all, 'send').map((s) => s.net)).size).toBe(ofType(all, 'send').length);
  });

  it('drop with reason loss: the frame lost on a lossy network, never received', () => {
    const all = lines(baseScenario({ network: { delay: { minUs: 100, meanUs: 1000, jitterUs: 200 }, lossProbability: 0.3, duplicateProbability: 0 } }));
    const drops = ofType(all, 'drop');
    expect(drops.length).toBeGreaterThan(0);
    const received = new Set(ofType(all, 'recv').map((r) => r.net));
    const sends = sendsByNet(all);
    for (const d of drops) {
      expect(d.reason).toBe('loss');
      expect(received.has(d.net)).toBe(false);
      const s = sends.get(d.net as number)!;
      expect([s.node, s.to, s.key, s.t]).toEqual([d.from, d.node, d.key, d.t]);
    }
  });

  it('drop with reason cut: frames across a partition; crashed: frames to a crashed process', () => {
    const all = lines(baseScenario({
      faults: { schedule: [{ type: 'partition', groups: [['p1'], ['p2', 'p3']], atUs: 200_000 }, { type: 'heal', atUs: 400_000 }, { type: 'crash', host: 'p3', atUs: 600_000 }] },
    }));
    const cut = ofType(all, 'drop').filter((d) => d.reason === 'cut');
    expect(cut.length).toBeGreaterThan(0);
    for (const d of cut) expect(d.t).toBeGreaterThanOrEqual(200_000);
    expect(cut.every((d) => (d.node === 'p1') !== (d.from === 'p1'))).toBe(true);
    const crashed = ofType(all, 'drop').filter((d) => d.reason === 'crashed');
    expect(crashed.length).toBeGreaterThan(0);
    for (const d of crashed) {
      expect(d.node).toBe('p3');
      expect(d.t).toBeGreaterThanOrEqual(600_000);
    }
  });

  it('dup: the copy travels under its own name and is received (or dropped) as that name', () => {
    const all = lines(baseScenario({ network: { delay: { minUs: 100, meanUs: 1000, jitterUs: 200 }, lossProbability: 0, duplicateProbability: 0.3 } }));
    const dups = ofType(all, 'dup');
    expect(dups.length).toBeGreaterThan(0);
    const sends = sendsByNet(all);
    const fates = new Map([...ofType(all, 'recv'), ...ofType(all, 'drop')].map((e) => [e.net as number, e]));
    for (const d of dups) {
      const s = sends.get(d.net as number)!;
      expect([s.node, s.to, s.key]).toEqual([d.node, d.to, d.key]);
      expect(sends.has(d.copy as number)).toBe(false);
      expect(fates.get(d.copy as number)).toMatchObject({ node: d.to, from: d.node, key: d.key });
    }
  });

  it('link: a link fault and the reset at the end of the fault phase', () => {
    const all = lines(baseScenario({
      faults: { schedule: [{ type: 'link', from: 'p1', to: 'p2', atUs: 100_000, lossProbability: 0.5 }, { type: 'link', from: 'p2', to: 'p3', atUs: 150_000, delay: { minUs: 5000, meanUs: 6000, jitterUs: 0 }, bidirectional: false }] },
    }));
    const links = ofType(all, 'link');
    expect(links.map(({ i: _i, ...rest }) => rest)).toEqual([
      { type: 'link', t: 100_000, from: 'p1', to: 'p2', change: 'lossy', lossProbability: 0.5, bidirectional: true },
      { type: 'link', t: 150_000, from: 'p2', to: 'p3', change: 'slow', delay: { minUs: 5000, meanUs: 6000, jitterUs: 0 }, bidirectional: false },
      { type: 'link', t: 1_000_000, from: '*', to: '*', change: 'reset' },
    ]);
    // No fault, no reset event.
    expect(ofType(lines(baseScenario()), 'link')).toEqual([]);
  });

  it('timer: a timer fire at full only, before what its handler does', () => {
    const tick = floodProtocol({ tickUs: 100_000 });
    const full = lines(baseScenario(), 'full', tick);
    const timers = ofType(full, 'timer');
    expect(timers.length).toBeGreaterThan(0);
    for (const t of timers) expect(full[t.i + 1]).toMatchObject({ type: 'note', node: t.node, text: 'tick', t: t.t });
    expect(timers[0]).toMatchObject({ node: 'p1', timer: 'tick' });
    expect(ofType(lines(baseScenario(), 'net', tick), 'timer')).toEqual([]);
  });

  it('drop with reason exited: a frame that arrives after its receiver exited', () => {
    const exiting: AnyProtocol = {
      ...floodProtocol(),
      onRequest: (state: unknown, request: { type: string }, ctx: { self: string }) =>
        request.type === 'leave'
          ? { state, effects: [{ kind: 'observe', observation: { type: 'exit', reason: 'left' } }] }
          : { state, effects: [{ kind: 'send', to: ctx.self === 'p1' ? 'p2' : 'p1', msg: { id: 'x', from: ctx.self } }] },
    };
    const events: UnnumberedEvent[] = [];
    const scenario = baseScenario();
    const world = new World({ protocol: exiting, network: new Network(scenario.network, new Rng('1')), queueCapacity: 100, record: (e) => events.push(e), driftPpm: {}, detail: 'net' });
    const p1 = world.startProcess('p1', { mode: 'member', initialMembers: ['p1', 'p2'] });
    const p2 = world.startProcess('p2', { mode: 'member', initialMembers: ['p1', 'p2'] });
    world.request(p1, { type: 'multicast', order: 'fifo', payload: { key: 'k', value: 1 } });
    world.request(p2, { type: 'leave' });
    for (let event = world.queue.pop(); event !== undefined; event = world.queue.pop()) {
      world.nowUs = event.timeUs;
      world.dispatch(event);
    }
    const send = events.find((e) => e.type === 'send')!;
    expect(events.filter((e) => e.type === 'drop')).toEqual([
      { type: 'drop', t: expect.any(Number), node: 'p2', from: 'p1', kind: 'msg', key: '', net: (send as { net: number }).net, reason: 'exited' },
    ]);
  });

  it('a protocol without describeMessage: kind "msg", key ""', () => {
    const send = ofType(lines(baseScenario(), 'net', floodProtocol()), 'send')[0]!;
    expect([send.kind, send.key]).toEqual(['msg', '']);
  });

  it('suspect: an external failure report handed to onSuspect, at net and full only', () => {
    const suspecting: AnyProtocol = { ...floodProtocol(), onSuspect: (state: unknown) => ({ state, effects: [] }) };
    const record = (detail: 'app' | 'net'): UnnumberedEvent[] => {
      const events: UnnumberedEvent[] = [];
      const scenario = baseScenario();
      const world = new World({ protocol: suspecting, network: new Network(scenario.network, new Rng('1')), queueCapacity: 100, record: (e) => events.push(e), driftPpm: {}, detail });
      const p1 = world.startProcess('p1', { mode: 'member', initialMembers: ['p1', 'p2'] });
      world.startProcess('p2', { mode: 'member', initialMembers: ['p1', 'p2'] });
      world.suspect(p1, 'p2');
      return events;
    };
    expect(record('net').filter((e) => e.type === 'suspect')).toEqual([{ type: 'suspect', t: 0, node: 'p1', suspect: 'p2' }]);
    expect(record('app').filter((e) => e.type === 'suspect')).toEqual([]);
  });
});
