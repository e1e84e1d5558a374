import { describe, expect, it } from 'vitest';
import { kvDigest, type KvMap } from '../../protocol/isis/kv-app.ts';
import { WriteLedger } from '../../sim/replica-writes.ts';
import { REQUEST_DROPPED_NOTE } from '../../sim/request-ledger.ts';

function write(key: string, value: number, order: 'fifo' | 'total' = 'total') {
  return { type: 'multicast', order, payload: { key, value } } as const;
}

/** A protocol whose state is its map, digested the way the ISIS stack digests its own. */
const mapProtocol = { name: 'isis', appDigest: (state: unknown) => kvDigest(state as KvMap) };

function begin(ledger: WriteLedger, pid: string, viewId = 1): void {
  ledger.recorded({ type: 'view', t: 0, node: pid, view: { id: viewId, members: ['p1', 'p2'] } });
}

describe('WriteLedger', () => {
  it('replays the total-order writes each process delivered, in delivery order, and finds a map that differs', () => {
    const ledger = new WriteLedger();
    begin(ledger, 'p1');
    begin(ledger, 'p2');
    ledger.requested('p1', write('k0', 1));
    ledger.requested('p1', write('k1', 2, 'fifo'));
    ledger.requested('p1', write('k0', 3));
    ledger.recorded({ type: 'bcast', t: 1, node: 'p1', msg: 'p1:1', order: 'total', view: 1 });
    ledger.recorded({ type: 'bcast', t: 1, node: 'p1', msg: 'p1:2', order: 'fifo', view: 1 });
    ledger.recorded({ type: 'bcast', t: 1, node: 'p1', msg: 'p1:3', order: 'total', view: 1 });
    for (const msg of ['p1:1', 'p1:2', 'p1:3']) ledger.recorded({ type: 'deliver', t: 2, node: 'p2', msg, from: 'p1', view: 1 });
    // The last write delivered wins; the FIFO write changes nothing.
    expect(ledger.unappliedWrites(mapProtocol, [{ pid: 'p2', state: { k0: 3 } }])).toBeNull();
    expect(ledger.unappliedWrites(mapProtocol, [{ pid: 'p2', state: { k0: 1 } }])).toMatch(/^replica p2 holds \[\["k0",1\]\] but the 2 total-order writes it delivered make \[\["k0",3\]\]/);
    // A replica that ignored every write: empty, as empty as p1's own (p1 delivered nothing yet), but not p2's.
    expect(ledger.unappliedWrites(mapProtocol, [{ pid: 'p1', state: {} }, { pid: 'p2', state: {} }])).toMatch(/^replica p2 holds \[\]/);
  });

  it('a refused request is the newest: the queued older one keeps its payload', () => {
    const ledger = new WriteLedger();
    begin(ledger, 'p1');
    ledger.requested('p1', write('k0', 1));
    ledger.requested('p1', write('k0', 2));
    ledger.recorded({ type: 'note', t: 1, node: 'p1', text: REQUEST_DROPPED_NOTE });
    ledger.recorded({ type: 'bcast', t: 2, node: 'p1', msg: 'p1:1', order: 'total', view: 1 });
    ledger.recorded({ type: 'deliver', t: 3, node: 'p1', msg: 'p1:1', from: 'p1', view: 1 });
    expect(ledger.unappliedWrites(mapProtocol, [{ pid: 'p1', state: { k0: 1 } }])).toBeNull();
    expect(ledger.unappliedWrites(mapProtocol, [{ pid: 'p1', state: { k0: 2 } }])).not.toBeNull();
  });

  it('does not judge a joiner (its map was transferred), nor another protocol or one without an application', () => {
    const ledger = new WriteLedger();
    begin(ledger, 'p3', 2);
    begin(ledger, 'p3', 1);
    ledger.requested('p1', write('k0', 1));
    ledger.recorded({ type: 'bcast', t: 1, node: 'p1', msg: 'p1:1', order: 'total', view: 2 });
    ledger.recorded({ type: 'deliver', t: 2, node: 'p3', msg: 'p1:1', from: 'p1', view: 2 });
    expect(ledger.unappliedWrites(mapProtocol, [{ pid: 'p3', state: { k9: 9 } }])).toBeNull();
    expect(ledger.unappliedWrites({ name: 'isis' }, [{ pid: 'p3', state: {} }])).toBeNull();
    begin(ledger, 'p1');
    ledger.recorded({ type: 'deliver', t: 2, node: 'p1', msg: 'p1:1', from: 'p1', view: 2 });
    expect(ledger.unappliedWrites(mapProtocol, [{ pid: 'p1', state: {} }])).not.toBeNull();
    expect(ledger.unappliedWrites({ ...mapProtocol, name: 'flood' }, [{ pid: 'p1', state: {} }])).toBeNull();
  });
});

describe('WriteLedger forgets a write once no judged process may still deliver it', () => {
  const members = ['p1', 'p2', 'p3'];
  function deliver(ledger: WriteLedger, node: string, msg: string, view = 1): void {
    ledger.recorded({ type: 'deliver', t: 2, node, msg, from: 'p1', view });
  }
  function multicast(ledger: WriteLedger, msg: string, value: number, view = 1): void {
    ledger.requested('p1', write('k0', value));
    ledger.recorded({ type: 'bcast', t: 1, node: 'p1', msg, order: 'total', view });
  }
  function started(): WriteLedger {
    const ledger = new WriteLedger({ initialMembers: members, protocol: mapProtocol });
    for (const pid of members) begin(ledger, pid);
    return ledger;
  }

  it('keeps it until every process that began in the first view delivered it, and still judges the maps', () => {
    const ledger = started();
    multicast(ledger, 'p1:1', 1);
    multicast(ledger, 'p1:2', 2);
    expect(ledger.outstandingWrites).toBe(2);
    for (const pid of members) deliver(ledger, pid, 'p1:1');
    expect(ledger.outstandingWrites).toBe(1);
    deliver(ledger, 'p1', 'p1:2');
    deliver(ledger, 'p2', 'p1:2');
    expect(ledger.outstandingWrites).toBe(1);
    deliver(ledger, 'p3', 'p1:2');
    expect([ledger.outstandingWrites, ledger.peakOutstandingWrites]).toEqual([0, 2]);
    const live = members.map((pid) => ({ pid, state: { k0: 2 } }));
    expect(ledger.unappliedWrites(mapProtocol, live)).toBeNull();
    expect(ledger.unappliedWrites(mapProtocol, [...live.slice(0, 2), { pid: 'p3', state: { k0: 1 } }])).toMatch(/^replica p3 holds \[\["k0",1\]\] but the 2 total-order writes/);
  });

  it('a crash, an exit or a view newer than the sending view takes a process out of the count', () => {
    const ledger = started();
    multicast(ledger, 'p1:1', 1);
    multicast(ledger, 'p1:2', 2, 2);
    deliver(ledger, 'p1', 'p1:1');
    deliver(ledger, 'p1', 'p1:2', 2);
    ledger.recorded({ type: 'crash', t: 3, node: 'p2' });
    expect(ledger.outstandingWrites).toBe(2);
    // p3 installs view 2: it will not deliver p1:1 (view 1), but may still deliver p1:2 (view 2).
    ledger.recorded({ type: 'view', t: 3, node: 'p3', view: { id: 2, members: ['p1', 'p3'] } });
    expect(ledger.outstandingWrites).toBe(1);
    ledger.recorded({ type: 'exit', t: 4, node: 'p3', reason: 'excluded' });
    expect(ledger.outstandingWrites).toBe(0);
  });

  it('a write sent in a view older than every judged process\'s is not kept', () => {
    const ledger = started();
    for (const pid of members) ledger.recorded({ type: 'view', t: 1, node: pid, view: { id: 3, members } });
    multicast(ledger, 'p1:1', 1, 2);
    expect(ledger.peakOutstandingWrites).toBe(0);
  });

  it('owes a write to an initial member not begun yet, and to no joiner', () => {
    const ledger = new WriteLedger({ initialMembers: members, protocol: mapProtocol });
    begin(ledger, 'p1');
    multicast(ledger, 'p1:1', 7);
    deliver(ledger, 'p1', 'p1:1');
    // A joiner neither owes it nor is judged.
    begin(ledger, 'p4', 2);
    expect(ledger.outstandingWrites).toBe(1);
    // p2 begins in view 2 (not judged): it owes nothing; p3 begins in the first view late and delivers it.
    begin(ledger, 'p2', 2);
    expect(ledger.outstandingWrites).toBe(1);
    begin(ledger, 'p3');
    deliver(ledger, 'p3', 'p1:1');
    expect(ledger.outstandingWrites).toBe(0);
    expect(ledger.unappliedWrites(mapProtocol, [{ pid: 'p3', state: {} }])).toMatch(/^replica p3 holds \[\] but the 1 total-order writes it delivered make \[\["k0",7\]\]/);
  });

  it('without the initial members it forgets nothing; for a protocol it does not judge it keeps nothing', () => {
    const keepsAll = new WriteLedger();
    begin(keepsAll, 'p1');
    multicast(keepsAll, 'p1:1', 1);
    deliver(keepsAll, 'p1', 'p1:1');
    expect(keepsAll.outstandingWrites).toBe(1);
    const flood = new WriteLedger({ initialMembers: ['p1'], protocol: { ...mapProtocol, name: 'flood' } });
    begin(flood, 'p1');
    multicast(flood, 'p1:1', 1);
    expect(flood.peakOutstandingWrites).toBe(0);
  });
});
