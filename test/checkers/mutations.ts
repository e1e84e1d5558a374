// Mutations of valid traces, each with the property it is sure to break. A
// mutation looks for the sites where the break is certain (for example, a
// dropped delivery only breaks virtual synchrony if another process that
// delivered the message moved to the same next view), and picks one. The
// exact set of properties a mutant breaks comes from the literal reading
// (oracle.ts); `expected` is one the mutation guarantees is in it.
import type { DeliverEvent, TraceEvent, ViewEvent } from '../../traces/schema.ts';
import type { PropertyId } from '../../checkers/index.ts';

export interface Mutant {
  mutation: string;
  expected: PropertyId;
  events: TraceEvent[];
}

export type Mutation = (events: readonly TraceEvent[], pick: number) => Mutant | null;

function renumber(events: readonly TraceEvent[]): TraceEvent[] {
  return events.map((event, i) => ({ ...event, i }));
}

function choose<T>(sites: readonly T[], pick: number): T | null {
  return sites.length === 0 ? null : (sites[pick % sites.length] as T);
}

/** For each event index, the view the event's node had installed last (undefined: none). */
function currentViews(events: readonly TraceEvent[]): (number | undefined)[] {
  const current = new Map<string, number>();
  return events.map((event) => {
    const node = (event as { node?: string }).node;
    if (event.type === 'view') current.set(node as string, (event as ViewEvent).view.id);
    return node === undefined ? undefined : current.get(node);
  });
}

/** The index of the next view install by `node` after `from`, or -1. */
function nextInstall(events: readonly TraceEvent[], node: string, from: number): number {
  for (let k = from + 1; k < events.length; k++) {
    const event = events[k] as TraceEvent;
    if (event.type === 'view' && (event as ViewEvent).node === node) return k;
  }
  return -1;
}

function isDeliver(event: TraceEvent): event is DeliverEvent {
  return event.type === 'deliver';
}

function liveAtEnd(events: readonly TraceEvent[]): Set<string> {
  const live = new Set<string>();
  for (const event of events) {
    if (event.type === 'start') live.add((event as { node: string }).node);
    if (event.type === 'crash' || event.type === 'exit') live.delete((event as { node: string }).node);
  }
  return live;
}

/** Drop one delivery where its absence is certain to show. */
export const dropDelivery: Mutation = (events, pick) => {
  const views = currentViews(events);
  const quiescent = events.some((event) => event.type === 'end' && (event as { quiescent?: boolean }).quiescent === true);
  const live = liveAtEnd(events);
  const sites: { at: number; expected: PropertyId }[] = [];
  events.forEach((event, at) => {
    if (!isDeliver(event)) return;
    const next = nextInstall(events, event.node, at);
    if (next < 0) {
      if (quiescent && live.has(event.node) && live.has(event.from)) sites.push({ at, expected: 'delivery-liveness' });
      return;
    }
    if (event.from === event.node) return sites.push({ at, expected: 'self-delivery' }) && undefined;
    const nextId = (events[next] as ViewEvent).view.id;
    const witness = events.some((other, k) => {
      if (!isDeliver(other) || other.msg !== event.msg || other.node === event.node) return false;
      const otherNext = nextInstall(events, other.node, k);
      return otherNext >= 0 && (events[otherNext] as ViewEvent).view.id === nextId && views[k] === views[at];
    });
    if (witness) sites.push({ at, expected: 'virtual-synchrony' });
  });
  const site = choose(sites, pick);
  if (site === null) return null;
  return { mutation: 'drop a delivery', expected: site.expected, events: renumber(events.filter((_, k) => k !== site.at)) };
};

/** Swap two consecutive deliveries of one process that some order ties together. */
export const swapDeliveries: Mutation = (events, pick) => {
  const orderOf = new Map<string, string>();
  const bcastAt = new Map<string, number>();
  events.forEach((event, at) => {
    if (event.type !== 'bcast') return;
    orderOf.set((event as { msg: string }).msg, (event as { order: string }).order);
    bcastAt.set((event as { msg: string }).msg, at);
  });
  const sites: { a: number; b: number; expected: PropertyId }[] = [];
  const lastEventOf = new Map<string, number>();
  events.forEach((event, at) => {
    const node = (event as { node?: string }).node;
    if (node === undefined) return;
    const previous = lastEventOf.get(node);
    lastEventOf.set(node, at);
    if (previous === undefined || !isDeliver(event)) return;
    const first = events[previous] as TraceEvent;
    if (!isDeliver(first) || first.view !== event.view) return;
    // Both multicast before the first delivery, so the swap only changes the order.
    if ((bcastAt.get(event.msg) ?? Infinity) > previous) return;
    const [o1, o2] = [orderOf.get(first.msg), orderOf.get(event.msg)];
    if (first.from === event.from) {
      // fifo-order covers any two messages of one sender in one view.
      sites.push({ a: previous, b: at, expected: 'fifo-order' });
    } else if (o1 === 'total' && o2 === 'total') {
      const bothElsewhere = events.some(
        (other) => isDeliver(other) && other.node !== node && other.msg === first.msg &&
          events.some((again) => isDeliver(again) && again.node === other.node && again.msg === event.msg),
      );
      if (bothElsewhere) sites.push({ a: previous, b: at, expected: 'total-order' });
    }
  });
  const site = choose(sites, pick);
  if (site === null) return null;
  const mutated = [...events];
  const [a, b] = [events[site.a] as TraceEvent, events[site.b] as TraceEvent];
  mutated[site.a] = { ...b, i: a.i, t: a.t };
  mutated[site.b] = { ...a, i: b.i, t: b.t };
  return { mutation: 'swap two deliveries', expected: site.expected, events: mutated };
};

/** Repeat a delivery or a multicast right after itself. */
export const duplicateEvent: Mutation = (events, pick) => {
  const sites = events.flatMap((event, at) => (event.type === 'deliver' || event.type === 'bcast' ? [at] : []));
  const at = choose(sites, pick);
  if (at === null) return null;
  const mutated = [...events.slice(0, at + 1), events[at] as TraceEvent, ...events.slice(at + 1)];
  return { mutation: `duplicate a ${(events[at] as TraceEvent).type}`, expected: 'no-duplication', events: renumber(mutated) };
};

/** Move a delivery to just after its process installs the next view, claiming that view. */
export const moveDeliveryAcrossViewChange: Mutation = (events, pick) => {
  const sites = events.flatMap((event, at) => {
    if (!isDeliver(event)) return [];
    const next = nextInstall(events, event.node, at);
    return next < 0 ? [] : [{ at, next }];
  });
  const site = choose(sites, pick);
  if (site === null) return null;
  const moved = events[site.at] as DeliverEvent;
  const install = events[site.next] as ViewEvent;
  const mutated: TraceEvent[] = [];
  events.forEach((event, k) => {
    if (k === site.at) return;
    mutated.push(event);
    if (k === site.next) mutated.push({ ...moved, t: install.t, view: install.view.id });
  });
  return { mutation: 'move a delivery across a view change', expected: 'sending-view-delivery', events: renumber(mutated) };
};

/** Alter one install of a view: other members, itself left out, or an old id. */
export const alterView: Mutation = (events, pick) => {
  const installsOf = new Map<number, number>();
  for (const event of events) if (event.type === 'view') installsOf.set((event as ViewEvent).view.id, (installsOf.get((event as ViewEvent).view.id) ?? 0) + 1);
  const previousId = new Map<string, number>();
  const sites: { at: number; how: 'members' | 'self' | 'id'; oldId?: number }[] = [];
  events.forEach((event, at) => {
    if (event.type !== 'view') return;
    const view = event as ViewEvent;
    if ((installsOf.get(view.view.id) ?? 0) >= 2) sites.push({ at, how: 'members' });
    sites.push({ at, how: 'self' });
    const before = previousId.get(view.node);
    if (before !== undefined) sites.push({ at, how: 'id', oldId: before });
    previousId.set(view.node, view.view.id);
  });
  const site = choose(sites, pick);
  if (site === null) return null;
  const original = events[site.at] as ViewEvent;
  const mutated = [...events];
  const members = original.view.members;
  switch (site.how) {
    case 'members': {
      const others = members.filter((member) => member !== original.node);
      const altered = others.length > 0 ? members.filter((member) => member !== others[0]) : [...members, 'ghost'];
      mutated[site.at] = { ...original, view: { id: original.view.id, members: altered } };
      return { mutation: 'alter the members of one install', expected: 'view-agreement', events: mutated };
    }
    case 'self':
      mutated[site.at] = { ...original, view: { id: original.view.id, members: members.filter((m) => m !== original.node) } };
      return { mutation: 'leave the installer out of its view', expected: 'self-inclusion', events: mutated };
    case 'id':
      mutated[site.at] = { ...original, view: { id: site.oldId as number, members } };
      return { mutation: 'install an old view id again', expected: 'view-monotonicity', events: mutated };
  }
};

export const MUTATIONS: Record<string, Mutation> = {
  dropDelivery,
  swapDeliveries,
  duplicateEvent,
  moveDeliveryAcrossViewChange,
  alterView,
};
