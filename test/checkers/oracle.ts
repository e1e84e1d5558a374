// A slow, literal reading of every property of TRACE_FORMAT.md (clarified,
// version 1), for judging the fast checkers on small traces: the whole trace
// in memory, every pair of messages, happened-before by transitive closure.
// Written from the definitions alone, sharing no code with checkers/.
// Tests only.
import type { BcastEvent, DeliverEvent, TraceEvent, ViewEvent } from '../../traces/schema.ts';
import type { PropertyId } from '../../checkers/index.ts';

type Known = TraceEvent & { node?: string };

/** The properties `events` violates; liveness only when the first `end` says quiescent. */
export function oracleViolations(events: readonly TraceEvent[]): Set<PropertyId> {
  const found = new Set<PropertyId>();
  const flag = (property: PropertyId, broken: boolean): void => {
    if (broken) found.add(property);
  };
  const views = events.filter((e): e is ViewEvent => e.type === 'view');
  const bcasts = events.filter((e): e is BcastEvent => e.type === 'bcast');
  const delivers = events.filter((e): e is DeliverEvent => e.type === 'deliver');
  const firstBcast = new Map<string, BcastEvent>();
  for (const b of bcasts) if (!firstBcast.has(b.msg)) firstBcast.set(b.msg, b);
  const firstInstall = new Map<number, ViewEvent>();
  for (const v of views) if (!firstInstall.has(v.view.id)) firstInstall.set(v.view.id, v);
  const deliveriesOf = (node: string, msg: string): number[] =>
    delivers.filter((d) => d.node === node && d.msg === msg).map((d) => d.i);
  const firstDelivery = (node: string, msg: string): number | undefined => deliveriesOf(node, msg)[0];
  const lastDelivery = (node: string, msg: string): number | undefined => deliveriesOf(node, msg).at(-1);
  const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
    const [x, y] = [new Set(a), new Set(b)];
    return x.size === y.size && [...x].every((m) => y.has(m));
  };

  // Membership
  flag('self-inclusion', views.some((v) => !v.view.members.includes(v.node)));
  const installsBy = new Map<string, ViewEvent[]>();
  for (const v of views) installsBy.set(v.node, [...(installsBy.get(v.node) ?? []), v]);
  flag('view-monotonicity', [...installsBy.values()].some((list) => list.some((v, k) => k > 0 && v.view.id <= list[k - 1]!.view.id)));
  flag('view-agreement', views.some((v) => !sameSet(v.view.members, firstInstall.get(v.view.id)!.view.members)));
  const ids = [...firstInstall.keys()].sort((a, b) => a - b);
  const leftAt = (node: string): number | undefined =>
    events.find((e) => e.type === 'exit' && (e as Known).node === node && (e as { reason?: string }).reason === 'left')?.i;
  flag(
    'primary-majority',
    ids.some((a, k) => {
      if (k + 1 >= ids.length) return false;
      const b = ids[k + 1]!;
      const bFirst = firstInstall.get(b)!;
      const counted = [...new Set(firstInstall.get(a)!.view.members)].filter((m) => {
        const left = leftAt(m);
        return left === undefined || left >= bFirst.i;
      });
      const kept = counted.filter((m) => bFirst.view.members.includes(m)).length;
      return !(2 * kept > counted.length);
    }),
  );

  // Lifecycle
  const nodes = new Set(events.flatMap((e) => ((e as Known).node === undefined || !isContractType(e.type) ? [] : [(e as Known).node as string])));
  let lifecycle = false;
  for (const node of nodes) {
    const own = events.filter((e) => isContractType(e.type) && (e as Known).node === node);
    const start = own.find((e) => e.type === 'start');
    const end = own.find((e) => e.type === 'crash' || e.type === 'exit');
    const install = own.find((e) => e.type === 'view');
    let lastView: number | undefined;
    for (const e of own) {
      if (start === undefined || e.i < start.i) lifecycle = true;
      if (end !== undefined && e.i > end.i) lifecycle = true;
      if (e.type === 'bcast' || e.type === 'deliver') {
        if (install === undefined || e.i < install.i) lifecycle = true;
        if ((e as BcastEvent | DeliverEvent).view !== lastView) lifecycle = true;
      }
      if (e.type === 'view') lastView = (e as ViewEvent).view.id;
    }
  }
  flag('lifecycle', lifecycle);

  // Delivery
  flag(
    'delivery-integrity',
    delivers.some((d) => {
      const b = firstBcast.get(d.msg);
      return b === undefined || b.i > d.i || b.node !== d.from;
    }),
  );
  const pairs = new Set<string>();
  let duplicate = bcasts.length !== firstBcast.size;
  for (const d of delivers) {
    const key = `${d.node}\u0000${d.msg}`;
    if (pairs.has(key)) duplicate = true;
    pairs.add(key);
  }
  flag('no-duplication', duplicate);
  flag('sending-view-delivery', delivers.some((d) => firstBcast.has(d.msg) && firstBcast.get(d.msg)!.view !== d.view));
  flag(
    'self-delivery',
    [...firstBcast.values()].some((b) => {
      const next = views.find((v) => v.node === b.node && v.i > b.i);
      if (next === undefined) return false;
      const delivered = firstDelivery(b.node, b.msg);
      return delivered === undefined || delivered > next.i;
    }),
  );
  const stays: { node: string; view: number; next: number; set: Set<string> }[] = [];
  for (const [node, list] of installsBy) {
    for (let k = 0; k + 1 < list.length; k++) {
      const [from, to] = [list[k]!, list[k + 1]!];
      const set = new Set(delivers.filter((d) => d.node === node && d.i > from.i && d.i < to.i).map((d) => d.msg));
      stays.push({ node, view: from.view.id, next: to.view.id, set });
    }
  }
  flag(
    'virtual-synchrony',
    stays.some((s) => stays.some((o) => o !== s && o.view === s.view && o.next === s.next && !sameSet([...s.set], [...o.set]))),
  );

  // Order
  const messages = [...firstBcast.values()];
  const mustPrecede = (m1: string, m2: string): boolean =>
    [...nodes].every((q) => {
      const at2 = firstDelivery(q, m2);
      if (at2 === undefined) return true;
      const at1 = firstDelivery(q, m1);
      return at1 !== undefined && at1 < at2;
    });
  flag(
    'fifo-order',
    messages.some((m1) => messages.some((m2) => m1 !== m2 && m1.node === m2.node && m1.view === m2.view && m1.i < m2.i && !mustPrecede(m1.msg, m2.msg))),
  );
  const causal = messages.filter((m) => m.order !== 'fifo');
  const before = new Map<string, Set<string>>();
  for (const m2 of causal) {
    const direct = new Set<string>();
    for (const m1 of causal) {
      if (m1 === m2) continue;
      if (m1.node === m2.node && m1.i < m2.i) direct.add(m1.msg);
      if (delivers.some((d) => d.node === m2.node && d.msg === m1.msg && d.i < m2.i)) direct.add(m1.msg);
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
  flag(
    'causal-order',
    causal.some((m2) => [...before.get(m2.msg)!].some((m1) => firstBcast.get(m1)!.view === m2.view && m1 !== m2.msg && !mustPrecede(m1, m2.msg))),
  );
  const totals = messages.filter((m) => m.order === 'total').map((m) => m.msg);
  const deliversBefore = (p: string, m1: string, m2: string): boolean => (firstDelivery(p, m1) as number) < (lastDelivery(p, m2) as number);
  let totalBroken = false;
  for (const p of nodes) {
    for (const q of nodes) {
      if (p === q) continue;
      for (const m1 of totals) {
        for (const m2 of totals) {
          if (m1 === m2) continue;
          if ([p, q].some((n) => firstDelivery(n, m1) === undefined || firstDelivery(n, m2) === undefined)) continue;
          if (deliversBefore(p, m1, m2) !== deliversBefore(q, m1, m2)) totalBroken = true;
        }
      }
    }
  }
  flag('total-order', totalBroken);

  // Liveness
  const end = events.find((e) => e.type === 'end') as { quiescent?: boolean } | undefined;
  if (end?.quiescent === true) {
    const started = new Set(events.filter((e) => e.type === 'start').map((e) => (e as Known).node as string));
    const ended = new Set(events.filter((e) => e.type === 'crash' || e.type === 'exit').map((e) => (e as Known).node as string));
    const live = [...started].filter((n) => !ended.has(n));
    const lastOf = (n: string): ViewEvent | undefined => installsBy.get(n)?.at(-1);
    const lasts = live.map(lastOf);
    flag(
      'view-convergence',
      lasts.some((v) => v === undefined) ||
        new Set(lasts.map((v) => v?.view.id)).size > 1 ||
        lasts.some((v) => v !== undefined && !sameSet(v.view.members, live)),
    );
    flag(
      'delivery-liveness',
      messages.some((m) => {
        if (!live.includes(m.node)) return false;
        const members = firstInstall.get(m.view)?.view.members ?? [];
        return members.some((member) => live.includes(member) && firstDelivery(member, m.msg) === undefined);
      }),
    );
  }
  return found;
}

function isContractType(type: string): boolean {
  return ['start', 'view', 'bcast', 'deliver', 'crash', 'exit'].includes(type);
}
