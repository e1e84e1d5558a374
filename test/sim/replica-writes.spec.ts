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
