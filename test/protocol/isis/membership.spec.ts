import { describe, expect, it } from 'vitest';
import type { IsisState } from '../../../protocol/isis/isis-state.ts';
import { makeIsisProtocol } from '../../../protocol/isis/stack.ts';
import type { Observation } from '../../../protocol/types.ts';
import { Harness, type InFlight } from './harness.ts';

/** The model checker's configuration: no timers, suspicions injected by the test. */
function harness(freeze = true): Harness {
  return new Harness(makeIsisProtocol({ failureDetector: 'external', reliableNetwork: true }), freeze);
}

function views(h: Harness, pid: string): { id: number; members: string[] }[] {
  return h.seen(pid, 'view').map((o) => (o as Extract<Observation, { type: 'view' }>).view);
}

function delivered(h: Harness, pid: string): string[] {
  return h.seen(pid, 'deliver').map((o) => (o as Extract<Observation, { type: 'deliver' }>).msg);
}

function body(m: InFlight): { k: string } {
  return (m.msg as { body: { k: string } }).body;
}

describe('group membership and flush', () => {
  it('a suspected member is removed by a flush and a new view', () => {
    const h = harness();
    h.startGroup(['p1', 'p2', 'p3']);
    h.request('p3', { type: 'multicast', order: 'causal', payload: { key: 'a', value: 1 } });
    h.run();
    h.crash('p3');
    h.suspect('p1', 'p3');
    h.run();
    expect(views(h, 'p1').at(-1)).toEqual({ id: 2, members: ['p1', 'p2'] });
    expect(views(h, 'p2').at(-1)).toEqual({ id: 2, members: ['p1', 'p2'] });
    expect(h.notes('p1').slice(0, 3)).toEqual(['suspect p3', 'view-change-begin', 'flush-begin']);
    expect(h.notes('p2')).toEqual(['flush-begin', 'flush-ok']);
    expect(h.check().violations).toEqual([]);
  });

  it('forwards a failed member\'s message that only one survivor received (virtual synchrony)', () => {
    const h = harness();
    h.startGroup(['p1', 'p2', 'p3']);
    h.request('p3', { type: 'multicast', order: 'fifo', payload: { key: 'a', value: 1 } });
    // p3's message reaches p2 only; p3 crashes.
    h.run(100, (m) => m.from === 'p3' && m.to === 'p1');
    h.crash('p3');
    expect(delivered(h, 'p2')).toEqual(['p3:1']);
    expect(delivered(h, 'p1')).toEqual([]);
    h.suspect('p1', 'p3');
    h.run();
    expect(delivered(h, 'p1')).toEqual(['p3:1']);
    expect(views(h, 'p1').at(-1)?.id).toBe(2);
    expect(h.check().violations).toEqual([]);
  });

  it('the next-oldest member takes over a view change its coordinator left half done, and installs the accepted proposal', () => {
    const h = harness();
    h.startGroup(['p1', 'p2', 'p3', 'p4', 'p5']);
    h.crash('p5');
    h.suspect('p1', 'p5');
    // Phase 1 completes; p1 sends its proposal (acc) and crashes: only p3 gets it.
    let accs = 0;
    h.run(1000, (m) => {
      if (body(m).k !== 'acc') return false;
      accs++;
      return m.to !== 'p3';
    });
    expect(accs).toBe(3);
    expect(h.state<IsisState>('p3').gms.accepted?.value.view.members).toEqual(['p1', 'p2', 'p3', 'p4']);
    h.crash('p1');
    h.inFlight.length = 0;
    h.suspect('p2', 'p1');
    h.suspect('p2', 'p5');
    h.run();
    // p2 found p3's accepted proposal and installed exactly it (never another view 2), and, as
    // the external detector's report of p1 stands across the install, the next change removes p1.
    expect(views(h, 'p2').map((v) => v.id)).toEqual([1, 2, 3]);
    expect(views(h, 'p2')[1]?.members).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(views(h, 'p4')[1]?.members).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(views(h, 'p3').at(-1)).toEqual({ id: 3, members: ['p2', 'p3', 'p4'] });
    expect(h.check().violations).toEqual([]);
  });

  it('a minority cannot install a view (no split brain)', () => {
    const h = harness();
    h.startGroup(['p1', 'p2', 'p3', 'p4', 'p5']);
    for (const p of ['p3', 'p4', 'p5']) h.suspect('p1', p);
    h.run(1000, (m) => ['p3', 'p4', 'p5'].includes(m.to));
    expect(views(h, 'p1')).toHaveLength(1);
    expect(views(h, 'p2')).toHaveLength(1);
    expect(h.state<IsisState>('p1').gms.frozen).toBe(true);
    expect(makeIsisProtocol({}).isQuiet?.(h.state('p1'))).toBe(false);
  });

  it('requests made during a flush are held and multicast in the next view', () => {
    const h = harness();
    h.startGroup(['p1', 'p2', 'p3']);
    h.crash('p3');
    h.suspect('p1', 'p3');
    h.deliver(0); // p2 receives the flush request and freezes
    expect(h.state<IsisState>('p2').gms.frozen).toBe(true);
    h.request('p2', { type: 'multicast', order: 'total', payload: { key: 'a', value: 5 } });
    expect(h.seen('p2', 'bcast')).toEqual([]);
    h.run();
    expect(h.seen('p2', 'bcast')).toEqual([{ type: 'bcast', msg: 'p2:1', order: 'total', view: 2 }]);
    expect(delivered(h, 'p1')).toEqual(['p2:1']);
    expect(h.check().violations).toEqual([]);
  });
});

describe('join, leave and exclusion', () => {
  it('a joiner is in its first view and receives the state as of that view', () => {
    const h = harness();
    h.startGroup(['p1', 'p2']);
    for (let v = 1; v <= 3; v++) h.request('p1', { type: 'multicast', order: 'total', payload: { key: `k${v}`, value: v } });
    h.run();
    h.start('p3', { mode: 'join', contacts: ['p2'] });
    h.request('p3', { type: 'multicast', order: 'total', payload: { key: 'k1', value: 10 } });
    h.run();
    expect(views(h, 'p3')).toEqual([{ id: 2, members: ['p1', 'p2', 'p3'] }]);
    const proto = makeIsisProtocol({});
    expect(proto.appDigest?.(h.state('p3'))).toBe(proto.appDigest?.(h.state('p1')));
    expect(h.state<IsisState>('p3').app).toEqual({ k1: 10, k2: 2, k3: 3 });
    expect(h.seen('p3', 'bcast')).toEqual([{ type: 'bcast', msg: 'p3:1', order: 'total', view: 2 }]);
    expect(h.check().violations).toEqual([]);
  });

  it('a leaver exits with reason left before the view without it is installed', () => {
    const h = harness();
    h.startGroup(['p1', 'p2', 'p3']);
    h.request('p3', { type: 'leave' });
    h.run();
    expect(h.exited('p3')).toBe(true);
    const exitAt = h.events.findIndex((e) => e.type === 'exit' && (e as { node?: string }).node === 'p3');
    const viewAt = h.events.findIndex((e) => e.type === 'view' && (e as { view?: { id: number } }).view?.id === 2);
    expect(exitAt).toBeGreaterThan(-1);
    expect(exitAt).toBeLessThan(viewAt);
    expect(views(h, 'p1').at(-1)).toEqual({ id: 2, members: ['p1', 'p2'] });
    expect(h.check().violations).toEqual([]);
  });

  it('the coordinator can leave too; the next member coordinates', () => {
    const h = harness();
    h.startGroup(['p1', 'p2', 'p3']);
    h.request('p1', { type: 'leave' });
    h.run();
    expect(h.exited('p1')).toBe(true);
    expect(views(h, 'p2').at(-1)).toEqual({ id: 2, members: ['p2', 'p3'] });
    expect(h.check().violations).toEqual([]);
  });

  it('a joiner admitted and removed again before it heard of its view gives up (exits excluded)', () => {
    const h = new Harness(makeIsisProtocol({ failureDetector: 'external' }), true);
    h.startGroup(['p1', 'p2']);
    h.start('p3', { mode: 'join', contacts: ['p1'] });
    // Nothing reaches p3: it is admitted in view 2, then suspected and removed in view 3.
    h.run(1000, (m) => m.to === 'p3');
    expect(views(h, 'p1').map((v) => v.members)).toEqual([['p1', 'p2'], ['p1', 'p2', 'p3']]);
    h.suspect('p1', 'p3');
    h.run(1000, (m) => m.to === 'p3');
    for (const p of ['p1', 'p2']) if (h.timers.get(p)?.has('ack')) h.fire(p, 'ack');
    h.run(1000, (m) => m.to === 'p3');
    expect(views(h, 'p1').at(-1)).toEqual({ id: 3, members: ['p1', 'p2'] });
    // p3 asks again; p1 knows it was removed and says so.
    h.fire('p3', 'join');
    h.run();
    expect(h.seen('p3', 'exit')).toEqual([{ type: 'exit', reason: 'excluded' }]);
    expect(views(h, 'p3')).toEqual([]);
    expect(h.check().violations).toEqual([]);
  });

  it('a falsely suspected member is excluded, and exits excluded when it next talks to the group', () => {
    const h = harness();
    h.startGroup(['p1', 'p2', 'p3']);
    h.suspect('p1', 'p3');
    h.run(1000, (m) => m.to === 'p3' || m.from === 'p3');
    expect(views(h, 'p1').at(-1)).toEqual({ id: 2, members: ['p1', 'p2'] });
    expect(h.exited('p3')).toBe(false);
    h.request('p3', { type: 'multicast', order: 'fifo', payload: { key: 'a', value: 1 } });
    h.run();
    expect(h.exited('p3')).toBe(true);
    expect(h.seen('p3', 'exit')).toEqual([{ type: 'exit', reason: 'excluded' }]);
    expect(h.check().violations).toEqual([]);
  });
});
