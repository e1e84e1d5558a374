import { describe, expect, it } from 'vitest';
import { makeStaticProtocol } from '../../../protocol/isis/static-stack.ts';
import { InputError } from '../../../traces/input-error.ts';
import { Harness } from './harness.ts';

describe('the static-group variants', () => {
  it('fbcast-static delivers FIFO over the reliable transport and promises only fifo', () => {
    const h = new Harness(makeStaticProtocol('fbcast', {}), true);
    h.startGroup(['p1', 'p2', 'p3']);
    h.request('p1', { type: 'multicast', order: 'total', payload: { key: 'a', value: 1 } });
    h.request('p1', { type: 'multicast', order: 'causal', payload: { key: 'a', value: 2 } });
    expect(h.seen('p1', 'bcast').map((o) => (o as { order: string }).order)).toEqual(['fifo', 'fifo']);
    // Deliver the second frame before the first: the reorder buffer holds it.
    h.deliver(1);
    expect(h.seen('p2', 'deliver')).toEqual([]);
    h.run();
    expect(h.seen('p2', 'deliver').map((o) => (o as { msg: string }).msg)).toEqual(['p1:1', 'p1:2']);
    expect(h.check().violations).toEqual([]);
  });

  it('cbcast-static restores causal order itself, and with reliableNetwork sends only the multicasts', () => {
    const h = new Harness(makeStaticProtocol('cbcast', { reliableNetwork: true }), true);
    h.startGroup(['p1', 'p2', 'p3']);
    h.request('p1', { type: 'multicast', order: 'causal', payload: { key: 'a', value: 1 } });
    // p1:1 to p2 first, then p2 replies causally; p3 gets p2's message before p1's.
    h.deliver(0);
    h.request('p2', { type: 'multicast', order: 'causal', payload: { key: 'a', value: 2 } });
    const toP3 = h.inFlight.findIndex((m) => m.from === 'p2' && m.to === 'p3');
    h.deliver(toP3);
    expect(h.seen('p3', 'deliver')).toEqual([]);
    h.run();
    expect(h.seen('p3', 'deliver').map((o) => (o as { msg: string }).msg)).toEqual(['p1:1', 'p2:1']);
    expect([...h.timers.values()].every((t) => t.size === 0)).toBe(true);
    expect(h.check().violations).toEqual([]);
  });

  it('refuses joiners and leaves (a static group has no membership changes)', () => {
    const proto = makeStaticProtocol('fbcast', {});
    expect(() => proto.init({ self: 'p4' }, { mode: 'join', contacts: ['p1'] })).toThrow(InputError);
    const h = new Harness(proto);
    h.startGroup(['p1', 'p2']);
    h.request('p1', { type: 'leave' });
    expect(h.notes('p1')).toEqual(['leave-unsupported']);
  });

  it('validates its options', () => {
    expect(() => makeStaticProtocol('cbcast', { heartbeatIntervalUs: 5 })).toThrow(/protocol\.options\.heartbeatIntervalUs: unknown option/);
  });
});
