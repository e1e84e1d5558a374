// Membership events and their overlaps, as concrete scenario entries. Both
// the random generator (generator.ts) and the fast-check arbitraries
// (arbitraries/membership.ts) draw the *choices* below and call
// `buildOverlap`, so they cover the same space:
// - six membership events: join, leave, crash, restart, false suspicion (a
//   short cut or a slow link, long enough to get one member suspected, then
//   healed) and a partition that isolates the coordinator;
// - each aimed at a protocol role (coordinator, sequencer, joiner,
//   state-transfer provider, leaver) or an ordinary member; roles are
//   resolved when the fault fires (sim/roles.ts);
// - two of them overlapping: their effects (a view change each) land within
//   a flush's duration of each other, either by timing or because the
//   second fires at a protocol note of the first's view change (BUGGIFY).
import type { HostName, HostOrRole, JoinSpec, LeaveSpec, NoteAt, ProcessRole, ScheduledFault } from './types.ts';

export const MEMBERSHIP_EVENTS = ['join', 'leave', 'crash', 'restart', 'falseSuspicion', 'coordinatorPartition'] as const;
export type MembershipEventKind = (typeof MEMBERSHIP_EVENTS)[number];

/** A role, or `member`: an ordinary member that holds none. */
export type EventTarget = ProcessRole | 'member';
export const EVENT_TARGETS: readonly EventTarget[] = ['coordinator', 'sequencer', 'joiner', 'provider', 'leaver', 'member'];

/** The targets an event of each kind can have (a join's target is the joiner itself). */
export function targetsOf(kind: MembershipEventKind): readonly EventTarget[] {
  switch (kind) {
    case 'join':
      return ['joiner'];
    case 'coordinatorPartition':
      return ['coordinator'];
    case 'leave':
      // A leave names a host; a joiner's host name depends on every join of the scenario, so joiners do not leave here.
      return ['coordinator', 'sequencer', 'provider', 'member'];
    case 'crash':
    case 'restart':
    case 'falseSuspicion':
      return EVENT_TARGETS;
  }
}

/** Notes of the ISIS stack that mark a view change under way, and who emits them (docs/isis.md). */
export const TRIGGER_NOTES: Readonly<Record<string, readonly (ProcessRole | 'any')[]>> = {
  'view-change-begin': ['coordinator', 'provider'],
  'flush-begin': ['coordinator', 'provider', 'joiner', 'leaver', 'any'],
  'flush-ok': ['any', 'joiner', 'leaver'],
  'sequencer-order': ['sequencer'],
};

/** ISIS's default suspicion timeout, when the protocol options do not set one. */
export const DEFAULT_SUSPECT_TIMEOUT_US = 60_000;
/** "Concurrent": effects this close together overlap one flush (a view change takes a few ms to ~20 ms here). */
export const FLUSH_WINDOW_US = 20_000;

export interface MembershipEvent {
  kind: MembershipEventKind;
  target: EventTarget;
}

/** Everything drawn for one overlapping pair. Fractions are in [0, 1). */
export interface OverlapChoice {
  first: MembershipEvent;
  second: MembershipEvent;
  /** When the first event happens, as a fraction of the first 60% of the fault phase. */
  anchor: number;
  /** The second event's effect relative to the first's, as a fraction of [-FLUSH_WINDOW_US, +FLUSH_WINDOW_US]. */
  skew: number;
  /** Fire the second event at a protocol note of the first's view change (faults only) instead of at a time. */
  onNote: boolean;
  /** Which note, and which node emits it (indices, taken modulo the lists). */
  note: number;
  node: number;
  /** How long a cut lasts, as a fraction of its range. */
  hold: number;
  /** A false suspicion by a slow link rather than a short cut. */
  slowLink: boolean;
}

export interface PlanContext {
  processes: number;
  durationUs: number;
  suspectTimeoutUs: number;
  /** Hosts the plan may still take out of the group (crash, leave, cut off...). */
  budget: number;
  /** Initial hosts already taken out by earlier overlaps (they are not targeted again). */
  takenHosts: readonly HostName[];
}

export interface MembershipPlan {
  joins: JoinSpec[];
  leaves: LeaveSpec[];
  schedule: ScheduledFault[];
  /** The events placed (a second event that did not fit the budget is left out). */
  events: MembershipEvent[];
  /** Whether the second event overlaps the first (both placed). */
  overlapping: boolean;
  /** Distinct hosts (or roles) the plan takes out; each counts against the budget. */
  takeOuts: string[];
  /** Initial hosts named as concrete targets. */
  hostsUsed: HostName[];
}

const TAKE_OUT_KINDS: readonly MembershipEventKind[] = ['leave', 'crash', 'restart', 'falseSuspicion', 'coordinatorPartition'];

/** How long after it happens an event starts a view change: detection takes a suspicion timeout. */
function lagUs(kind: MembershipEventKind, suspectTimeoutUs: number): number {
  switch (kind) {
    case 'join':
    case 'leave':
    case 'restart':
      return 0;
    case 'crash':
    case 'falseSuspicion':
    case 'coordinatorPartition':
      return suspectTimeoutUs;
  }
}

function isFault(kind: MembershipEventKind): boolean {
  return kind !== 'join' && kind !== 'leave';
}

export function buildOverlap(choice: OverlapChoice, ctx: PlanContext): MembershipPlan {
  const plan: MembershipPlan = { joins: [], leaves: [], schedule: [], events: [], overlapping: false, takeOuts: [], hostsUsed: [] };
  const lastUs = Math.max(0, ctx.durationUs - 1);
  const clamp = (t: number): number => Math.min(lastUs, Math.max(0, Math.round(t)));
  const firstUs = clamp(choice.anchor * 0.6 * ctx.durationUs);
  const free = Array.from({ length: ctx.processes }, (_, k) => `p${k + 1}`).filter((h) => !ctx.takenHosts.includes(h));
  // Concrete hosts for events that need one: the coordinator is the oldest host still there
  // (as far as the plan knows), an ordinary member the youngest.
  const oldest = free[0] ?? 'p1';
  const youngest = free[free.length - 1] ?? 'p1';

  const needsJoin = (e: MembershipEvent): boolean => e.kind !== 'join' && (e.target === 'joiner' || e.target === 'provider');
  const needsLeave = (e: MembershipEvent): boolean => e.kind !== 'leave' && e.target === 'leaver';
  const hasJoin = choice.first.kind === 'join' || choice.second.kind === 'join';
  const leaveEvent = [choice.first, choice.second].find((e) => e.kind === 'leave');
  const events = [choice.first, choice.second];
  const supportJoin = !hasJoin && events.some(needsJoin);
  const supportLeave = leaveEvent === undefined && events.some(needsLeave);
  const hostFor = (target: EventTarget): HostName => (target === 'member' || target === 'leaver' || target === 'joiner' ? youngest : oldest);
  const leaverHost = leaveEvent !== undefined ? hostFor(leaveEvent.target) : youngest;

  // What each event takes out, counted against the budget. A concrete host counts once however
  // often it is hit; a role counts once per event, since it may be held by another host each time.
  const slotOf = (e: MembershipEvent, k: number): string | null => {
    if (!TAKE_OUT_KINDS.includes(e.kind)) return null;
    if (e.kind === 'leave') return hostFor(e.target);
    if (e.target === 'leaver') return leaverHost;
    if (e.target === 'member') return youngest;
    return `${e.target}#${k}`;
  };
  const slots = new Set<string>();
  if (supportLeave) slots.add(leaverHost);
  const firstSlot = slotOf(choice.first, 1);
  if (firstSlot !== null) slots.add(firstSlot);
  if (slots.size > ctx.budget) return plan;
  const secondSlot = slotOf(choice.second, 2);
  const withSecond = new Set(slots);
  if (secondSlot !== null) withSecond.add(secondSlot);
  const placeSecond = withSecond.size <= ctx.budget;
  plan.takeOuts = [...(placeSecond ? withSecond : slots)];

  if (supportJoin) plan.joins.push({ atUs: firstUs, count: 1 });
  const faultTarget = (target: EventTarget): HostOrRole => (target === 'member' ? youngest : target);

  // Timed placement: the second event's effect lands `skew` away from the first's.
  const firstLag = lagUs(choice.first.kind, ctx.suspectTimeoutUs);
  const skewUs = (choice.skew * 2 - 1) * FLUSH_WINDOW_US;
  const secondUs = (kind: MembershipEventKind): number => clamp(firstUs + firstLag - lagUs(kind, ctx.suspectTimeoutUs) + skewUs);

  const place = (e: MembershipEvent, atUs: number, trigger: NoteAt | undefined): void => {
    const when = (extraUs: number): { atUs: number } | { at: NoteAt } =>
      trigger === undefined ? { atUs: clamp(atUs + extraUs) } : { at: { ...trigger, delayUs: (trigger.delayUs ?? 0) + extraUs } };
    switch (e.kind) {
      case 'join':
        plan.joins.push({ atUs, count: 1 });
        return;
      case 'leave':
        plan.leaves.push({ atUs, host: hostFor(e.target) });
        plan.hostsUsed.push(hostFor(e.target));
        return;
      case 'crash':
      case 'restart':
        plan.schedule.push({ type: e.kind, host: faultTarget(e.target), ...when(0) });
        return;
      case 'coordinatorPartition':
      case 'falseSuspicion': {
        const holdUs = Math.round(
          e.kind === 'falseSuspicion'
            ? ctx.suspectTimeoutUs * (1.5 + choice.hold * 1.5)
            : ctx.suspectTimeoutUs * (2 + choice.hold * 3),
        );
        const target = e.kind === 'coordinatorPartition' ? 'coordinator' : faultTarget(e.target);
        if (e.kind === 'falseSuspicion' && choice.slowLink) {
          // The far end (`to`) is the one to be suspected: the near end stops hearing it. A coordinator
          // is suspected by the next-oldest member (a takeover; they may duel); anyone else by the coordinator.
          const near: HostOrRole = target === 'coordinator' || target === 'sequencer' || target === 'provider' ? (free[1] ?? youngest) : 'coordinator';
          const slowUs = 2 * ctx.suspectTimeoutUs;
          plan.schedule.push({ type: 'link', from: near, to: target, delay: { minUs: slowUs, meanUs: slowUs, jitterUs: 0 }, ...when(0) });
          plan.schedule.push({ type: 'link-reset', ...when(holdUs) });
        } else {
          plan.schedule.push({ type: 'isolate', host: target, ...when(0) });
          plan.schedule.push({ type: 'heal', ...when(holdUs) });
        }
        return;
      }
    }
  };

  if (supportLeave) {
    plan.leaves.push({ atUs: firstUs, host: youngest });
    plan.hostsUsed.push(youngest);
  }
  place(choice.first, firstUs, undefined);
  plan.events.push(choice.first);
  if (placeSecond) {
    let trigger: NoteAt | undefined;
    if (choice.onNote && isFault(choice.second.kind)) {
      const notes = Object.keys(TRIGGER_NOTES);
      const note = notes[choice.note % notes.length] as string;
      // Only roles someone in this plan can hold: a leaver needs a leave, a joiner or provider a join.
      const holds = (n: ProcessRole | 'any'): boolean =>
        n === 'leaver' ? leaveEvent !== undefined || supportLeave : n === 'joiner' || n === 'provider' ? hasJoin || supportJoin : true;
      const held = (TRIGGER_NOTES[note] as readonly (ProcessRole | 'any')[]).filter(holds);
      const nodes = held.length > 0 ? held : (['any'] as const);
      trigger = { note, node: nodes[choice.node % nodes.length] as ProcessRole | 'any', afterUs: firstUs, delayUs: Math.round(choice.skew * 2000) };
    }
    place(choice.second, secondUs(choice.second.kind), trigger);
    plan.events.push(choice.second);
    plan.overlapping = true;
  }
  for (const f of plan.schedule) {
    if ((f.type === 'crash' || f.type === 'restart' || f.type === 'isolate') && /^p[0-9]+$/.test(f.host)) plan.hostsUsed.push(f.host);
  }
  return plan;
}

/** The key of an unordered pair of kinds, for counting which overlaps were drawn. */
export function pairKey(a: MembershipEventKind, b: MembershipEventKind): string {
  return [a, b].sort().join('+');
}

/** Every unordered pair of membership events, the same kind twice included (21 pairs). */
export function allPairs(): string[] {
  const keys = new Set<string>();
  for (const a of MEMBERSHIP_EVENTS) for (const b of MEMBERSHIP_EVENTS) keys.add(pairKey(a, b));
  return [...keys].sort();
}
