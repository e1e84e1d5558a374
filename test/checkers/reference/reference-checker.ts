// The differential reference: every property of TRACE_FORMAT.md (version 1,
// clarified) written straight from its sentence, as slowly and plainly as
// possible: the whole trace in an array, every pair of events or messages
// looked at, happened-before closed by repeated passes. It shares no code
// with checkers/ (nor with the older literal oracle in ../oracle.ts): a
// disagreement between the two is a bug in one of them. Test code only.
//
// For each property it returns whether the trace breaks it and the
// "culprits": the events at which it breaks (the delivery, install,
// multicast or start that the definition finds wrong). A report from the
// product must name at least one culprit of the property it reports.

/** The fifteen ids, spelt out here so that nothing is imported from checkers/. */
export const REFERENCE_PROPERTIES = [
  'self-inclusion',
  'view-monotonicity',
  'view-agreement',
  'primary-majority',
  'lifecycle',
  'delivery-integrity',
  'no-duplication',
  'sending-view-delivery',
  'self-delivery',
  'virtual-synchrony',
  'fifo-order',
  'causal-order',
  'total-order',
  'view-convergence',
  'delivery-liveness',
] as const;
export type ReferenceProperty = (typeof REFERENCE_PROPERTIES)[number];

const LIVENESS: readonly ReferenceProperty[] = ['view-convergence', 'delivery-liveness'];

/** What the reference says of one property. */
export interface ReferenceVerdict {
  status: 'held' | 'violated' | 'skipped';
  /** `i` of the events at which the property breaks (empty when held or skipped). */
  culprits: Set<number>;
}

/** An event as the contract describes it: plain JSON. */
export type Ev = Record<string, unknown> & { type: string; i: number; t: number };

interface Install { i: number; node: string; id: number; members: string[] }
interface Bcast { i: number; node: string; msg: string; order: string; view: number }
interface Deliver { i: number; node: string; msg: string; from: string; view: number }

/** The process an event of a contract type belongs to, or undefined. */
function ownerOf(e: Ev): string | undefined {
  switch (e.type) {
    case 'start':
    case 'view':
    case 'bcast':
    case 'deliver':
    case 'crash':
    case 'exit':
      return e.node as string;
    default:
      return undefined;
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  if (x.size !== y.size) return false;
  for (const v of x) if (!y.has(v)) return false;
  return true;
}

/** Judges every property on `events` (the lines after the header, in order). */
export function referenceVerdicts(events: readonly Ev[]): Map<ReferenceProperty, ReferenceVerdict> {
  const culprits = new Map<ReferenceProperty, Set<number>>();
  for (const p of REFERENCE_PROPERTIES) culprits.set(p, new Set());
  const blame = (p: ReferenceProperty, ...is: number[]): void => {
    for (const i of is) culprits.get(p)!.add(i);
  };

  const installs: Install[] = events
    .filter((e) => e.type === 'view')
    .map((e) => {
      const view = e.view as { id: number; members: string[] };
      return { i: e.i, node: e.node as string, id: view.id, members: view.members };
    });
  const bcasts: Bcast[] = events
    .filter((e) => e.type === 'bcast')
    .map((e) => ({ i: e.i, node: e.node as string, msg: e.msg as string, order: e.order as string, view: e.view as number }));
  const delivers: Deliver[] = events
    .filter((e) => e.type === 'deliver')
    .map((e) => ({ i: e.i, node: e.node as string, msg: e.msg as string, from: e.from as string, view: e.view as number }));

  // "the first bcast of it is the multicast of m for every property"
  const multicastOf = (msg: string): Bcast | undefined => bcasts.find((b) => b.msg === msg);
  const messages: Bcast[] = bcasts.filter((b) => multicastOf(b.msg) === b);
  // "members(V) are the members listed by the first install of V"
  const firstInstallOf = (id: number): Install | undefined => installs.find((v) => v.id === id);
  const membersOf = (id: number): string[] => firstInstallOf(id)?.members ?? [];
  const installsBy = (node: string): Install[] => installs.filter((v) => v.node === node);
  const deliveriesBy = (node: string, msg: string): Deliver[] => delivers.filter((d) => d.node === node && d.msg === msg);
  const deliversAt = (node: string, msg: string, before: number): boolean => deliveriesBy(node, msg).some((d) => d.i < before);
  const processes = [...new Set(events.map(ownerOf).filter((n): n is string => n !== undefined))];

  // --- Membership
  // self-inclusion: every view a process installs contains that process.
  for (const v of installs) if (!v.members.includes(v.node)) blame('self-inclusion', v.i);
  // view-monotonicity: each process installs views with strictly increasing ids.
  for (const node of processes) {
    const list = installsBy(node);
    for (let k = 1; k < list.length; k++) if (list[k]!.id <= list[k - 1]!.id) blame('view-monotonicity', list[k]!.i);
  }
  // view-agreement: all installs of the same view id have the same member set.
  for (const v of installs) if (!sameSet(v.members, membersOf(v.id))) blame('view-agreement', v.i);
  // primary-majority: consecutive distinct ids a < b; members(b) holds more than
  // half of members(a), not counting members of a that exited with reason
  // `left` before b was first installed.
  const ids = [...new Set(installs.map((v) => v.id))].sort((x, y) => x - y);
  for (let k = 0; k + 1 < ids.length; k++) {
    const a = ids[k]!;
    const b = firstInstallOf(ids[k + 1]!)!;
    const leftBefore = (m: string): boolean =>
      events.some((e) => e.type === 'exit' && e.node === m && e.reason === 'left' && e.i < b.i);
    const counted = [...new Set(membersOf(a))].filter((m) => !leftBefore(m));
    const kept = counted.filter((m) => b.members.includes(m));
    if (!(kept.length > counted.length / 2)) blame('primary-majority', b.i);
  }

  // --- Lifecycle
  for (const node of processes) {
    const own = events.filter((e) => ownerOf(e) === node);
    const firstStart = own.find((e) => e.type === 'start');
    const firstEnd = own.find((e) => e.type === 'crash' || e.type === 'exit');
    let lastInstalled: number | undefined;
    for (const e of own) {
      // only after its start
      if (e !== firstStart && (firstStart === undefined || e.i < firstStart.i)) blame('lifecycle', e.i);
      // none after its crash or exit
      if (firstEnd !== undefined && e.i > firstEnd.i) blame('lifecycle', e.i);
      if (e.type === 'bcast' || e.type === 'deliver') {
        // only after its first view install, and in the view it installed last
        if (lastInstalled === undefined || e.view !== lastInstalled) blame('lifecycle', e.i);
      }
      if (e.type === 'view') lastInstalled = (e.view as { id: number }).id;
    }
  }

  // --- Delivery
  for (const d of delivers) {
    const m = multicastOf(d.msg);
    // delivery-integrity: after the bcast of m, from the process that multicast m
    if (m === undefined || m.i > d.i || m.node !== d.from) blame('delivery-integrity', d.i);
    // sending-view-delivery: the deliver's view is the bcast's
    if (m !== undefined && m.view !== d.view) blame('sending-view-delivery', d.i);
    // no-duplication, second half: no process delivers the same message twice
    if (delivers.some((o) => o.i < d.i && o.node === d.node && o.msg === d.msg)) blame('no-duplication', d.i);
  }
  // no-duplication, first half: no id multicast twice
  for (const b of bcasts) if (multicastOf(b.msg) !== b) blame('no-duplication', b.i);
  // self-delivery: a process that multicasts m in view V delivers m before it installs any later view.
  for (const m of messages) {
    const later = installs.find((v) => v.node === m.node && v.i > m.i);
    if (later !== undefined && !deliversAt(m.node, m.msg, later.i)) blame('self-delivery', later.i);
  }
  // virtual-synchrony: p and q both install V and then V' as their next view:
  // the same set of messages delivered while in V.
  const stays: { node: string; from: Install; to: Install; set: string[] }[] = [];
  for (const node of processes) {
    const list = installsBy(node);
    for (let k = 0; k + 1 < list.length; k++) {
      const from = list[k]!;
      const to = list[k + 1]!;
      const set = delivers.filter((d) => d.node === node && d.i > from.i && d.i < to.i).map((d) => d.msg);
      stays.push({ node, from, to, set });
    }
  }
  for (const s of stays) {
    for (const o of stays) {
      if (o === s || o.from.id !== s.from.id || o.to.id !== s.to.id) continue;
      if (!sameSet(s.set, o.set)) blame('virtual-synchrony', s.to.i, o.to.i);
    }
  }

  // --- Order
  // "every process that delivers m2 delivered m1 before it": each delivery
  // of m2 must follow some delivery of m1 by the same process.
  const inOrder = (m1: string, m2: string, p: ReferenceProperty): void => {
    for (const d of delivers) if (d.msg === m2 && !deliversAt(d.node, m1, d.i)) blame(p, d.i);
  };
  // fifo-order: p multicasts m1 then m2 in the same view.
  for (const m1 of messages) {
    for (const m2 of messages) {
      if (m1 !== m2 && m1.node === m2.node && m1.view === m2.view && m1.i < m2.i) inOrder(m1.msg, m2.msg, 'fifo-order');
    }
  }
  // causal-order: happened-before among causal-or-total messages, closed transitively.
  const causal = messages.filter((m) => m.order === 'causal' || m.order === 'total');
  const hb = new Map<Bcast, Set<Bcast>>(); // m2 -> the messages that happened before it
  for (const m2 of causal) {
    hb.set(
      m2,
      new Set(causal.filter((m1) => (m1.node === m2.node && m1.i < m2.i) || deliversAt(m2.node, m1.msg, m2.i))),
    );
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const past of hb.values()) {
      for (const m1 of [...past]) {
        for (const m0 of hb.get(m1)!) {
          if (!past.has(m0)) {
            past.add(m0);
            grew = true;
          }
        }
      }
    }
  }
  for (const m2 of causal) {
    for (const m1 of hb.get(m2)!) if (m1 !== m2 && m1.view === m2.view) inOrder(m1.msg, m2.msg, 'causal-order');
  }
  // total-order: two processes that both deliver two total messages deliver
  // them in the same relative order; "p delivers m1 before m2": some delivery
  // of m1 comes before some delivery of m2.
  const totals = messages.filter((m) => m.order === 'total').map((m) => m.msg);
  const before = (p: string, m1: string, m2: string): boolean =>
    deliveriesBy(p, m1).some((d1) => deliveriesBy(p, m2).some((d2) => d1.i < d2.i));
  const delivered = (p: string, m: string): boolean => deliveriesBy(p, m).length > 0;
  for (const p of processes) {
    for (const q of processes) {
      if (p === q) continue;
      for (const m1 of totals) {
        for (const m2 of totals) {
          if (m1 === m2 || ![p, q].every((n) => delivered(n, m1) && delivered(n, m2))) continue;
          if (before(p, m1, m2) && !before(q, m1, m2)) {
            for (const d of [...deliveriesBy(p, m1), ...deliveriesBy(p, m2), ...deliveriesBy(q, m1), ...deliveriesBy(q, m2)]) {
              blame('total-order', d.i);
            }
          }
        }
      }
    }
  }

  // --- Liveness, only when the trace ends with `end` and quiescent is true
  const last = events[events.length - 1];
  const quiescent = last !== undefined && last.type === 'end' && last.quiescent === true;
  if (quiescent) {
    const started = (n: string): boolean => events.some((e) => e.type === 'start' && e.node === n);
    const stopped = (n: string): boolean => events.some((e) => (e.type === 'crash' || e.type === 'exit') && e.node === n);
    const live = processes.filter((n) => started(n) && !stopped(n));
    // view-convergence
    const lastViews = live.map((n) => installsBy(n).at(-1));
    for (const n of live) {
      const v = installsBy(n).at(-1);
      if (v === undefined) {
        blame('view-convergence', events.find((e) => e.type === 'start' && e.node === n)!.i);
        continue;
      }
      if (!sameSet(v.members, live)) blame('view-convergence', v.i);
      if (lastViews.some((o) => o !== undefined && o.id !== v.id)) blame('view-convergence', v.i);
    }
    // delivery-liveness
    for (const m of messages) {
      if (!live.includes(m.node)) continue;
      for (const q of new Set(membersOf(m.view))) if (live.includes(q) && !delivered(q, m.msg)) blame('delivery-liveness', m.i);
    }
  }

  const verdicts = new Map<ReferenceProperty, ReferenceVerdict>();
  for (const p of REFERENCE_PROPERTIES) {
    const found = culprits.get(p)!;
    if (LIVENESS.includes(p) && !quiescent) verdicts.set(p, { status: 'skipped', culprits: new Set() });
    else verdicts.set(p, { status: found.size > 0 ? 'violated' : 'held', culprits: found });
  }
  return verdicts;
}
