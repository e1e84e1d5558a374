// A slow, literal reading of the three order properties, for cross-checking
// the fast checkers on small traces: every pair of messages, happened-before
// by transitive closure. Quadratic and worse; tests only.
import type { BcastEvent, DeliverEvent, TraceEvent } from '../../traces/schema.ts';
import type { PropertyId } from '../../checkers/index.ts';

export function orderViolations(events: readonly TraceEvent[]): Set<PropertyId> {
  const bcasts = new Map<string, BcastEvent>();
  // First delivery of each message at each process, after its multicast.
  const deliveredAt = new Map<string, Map<string, number>>();
  for (const event of events) {
    if (event.type === 'bcast') {
      const bcast = event as BcastEvent;
      if (!bcasts.has(bcast.msg)) bcasts.set(bcast.msg, bcast);
    } else if (event.type === 'deliver') {
      const deliver = event as DeliverEvent;
      if (!bcasts.has(deliver.msg)) continue;
      let byProcess = deliveredAt.get(deliver.msg);
      if (byProcess === undefined) deliveredAt.set(deliver.msg, (byProcess = new Map()));
      if (!byProcess.has(deliver.node)) byProcess.set(deliver.node, deliver.i);
    }
  }
  const messages = [...bcasts.values()];
  const found = new Set<PropertyId>();
  const mustPrecede = (m1: BcastEvent, m2: BcastEvent): boolean => {
    const first = deliveredAt.get(m1.msg) ?? new Map<string, number>();
    for (const [process, at2] of deliveredAt.get(m2.msg) ?? []) {
      const at1 = first.get(process);
      if (at1 === undefined || at1 > at2) return false;
    }
    return true;
  };

  // FIFO: same sender, same view, m1 first, at least one of them fifo.
  for (const m1 of messages) {
    for (const m2 of messages) {
      if (m1 === m2 || m1.node !== m2.node || m1.view !== m2.view || m1.i > m2.i) continue;
      if (m1.order !== 'fifo' && m2.order !== 'fifo') continue;
      if (!mustPrecede(m1, m2)) found.add('fifo-order');
    }
  }

  // Happened-before among causal and total messages, closed transitively.
  const causal = messages.filter((m) => m.order !== 'fifo');
  const before = new Map<string, Set<string>>();
  for (const m2 of causal) {
    const direct = new Set<string>();
    for (const m1 of causal) {
      if (m1 === m2) continue;
      if (m1.node === m2.node && m1.i < m2.i) direct.add(m1.msg);
      const senderDelivered = deliveredAt.get(m1.msg)?.get(m2.node);
      if (senderDelivered !== undefined && senderDelivered < m2.i) direct.add(m1.msg);
    }
    before.set(m2.msg, direct);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const set of before.values()) {
      for (const m1 of [...set]) {
        for (const m0 of before.get(m1) ?? []) {
          if (!set.has(m0)) {
            set.add(m0);
            changed = true;
          }
        }
      }
    }
  }
  for (const m2 of causal) {
    for (const m1msg of before.get(m2.msg) ?? []) {
      const m1 = bcasts.get(m1msg) as BcastEvent;
      if (m1.view === m2.view && !mustPrecede(m1, m2)) found.add('causal-order');
    }
  }

  // Total: any two processes that deliver two total messages agree on their order.
  const totals = messages.filter((m) => m.order === 'total');
  for (const x of totals) {
    for (const y of totals) {
      if (x.msg >= y.msg) continue;
      const atX = deliveredAt.get(x.msg) ?? new Map<string, number>();
      const atY = deliveredAt.get(y.msg) ?? new Map<string, number>();
      let xFirst = false;
      let yFirst = false;
      for (const [process, ix] of atX) {
        const iy = atY.get(process);
        if (iy === undefined) continue;
        if (ix < iy) xFirst = true;
        else yFirst = true;
      }
      if (xFirst && yFirst) found.add('total-order');
    }
  }
  return found;
}
