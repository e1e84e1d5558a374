// Strikes: the situations random faults almost never produce, drawn on
// purpose (FoundationDB's BUGGIFY: faults placed at the moments that
// matter). Each is a class of situations with its own drawn parameters, not
// one bug's recipe:
// - `cutAtNote`: a role (coordinator, sequencer, state-transfer provider)
//   cut off (isolated, its link to its successor dead one way, or crashed)
//   a drawn number of message flights after a protocol note of a view
//   change or of the total order: the coordinator between its commit and
//   its installs, the sequencer just after it orders under a total-order
//   load, the provider mid-transfer. A join or a total-order load brings
//   the note about.
// - `competingCoordinators`: the link between the coordinator and its
//   successor slower than the suspicion timeout both ways, so each suspects
//   the other at the same heartbeat and both run a view change; one of the
//   two may also be a few flights slower towards the rest, so either's
//   phase-1 and phase-2 messages can arrive first.
// - `slowLinkUnderLoad`: an ordinary member heard by the coordinator only
//   over a link slower than the suspicion timeout while it keeps
//   multicasting (its late messages meet the flush).
// - `noMajoritySplit`: a partition in which no side holds a majority, long
//   enough for everyone to suspect everyone, then healed.
// - `leaveUnderSuspicion`: leaves that leave the group exactly half its old
//   size while one more member is falsely suspected (a link just over the
//   timeout), the leavers' messages to the coordinator sometimes lossy: a
//   change that holds a majority only once the leavers are discounted.
// - `longIsolation`: a member (or the coordinator) cut off from everyone
//   for longer than members resend exclusion notices (about 3.4 s), so it
//   comes back believing it is still in the view the group left behind and
//   learns it was excluded only from the members that refuse its messages.
//   It lengthens the fault phase to fit, lowers the load, and turns off the
//   random faults that would undo the isolation early (heal, partition).
// - `joinAtLastWrites`: a process joins just as the workload ends, so the
//   view change that admits it flushes the group's last writes (messages
//   some members, its state provider among them, had not delivered yet) and
//   nothing writes those keys again: the state it is given must already
//   hold what the flush delivered, or its replica differs for good. Random
//   joins land mid-workload, where later writes mend a stale transfer.
// - `lagAcrossViewChange`: one member's link to a peer slower than a whole
//   view change (under the suspicion timeout), a view change (a join), and
//   once the peer has sent its flush reply, a sender cut off from the
//   lagging member that then crashes. The peer hears the lagging member's
//   last stability gossip of the old view only after it installed the new
//   one (and nothing of it in the new view for a while), and holds the
//   sender's last multicasts the lagging member never got: the flush must
//   forward them, so whatever the peer counted as stable on stale or
//   missing gossip is lost. Random faults slow links at random times, not
//   across a flush followed by the sender's crash.
// - `leavesMeetCrash`: leaves that bring the group to a majority boundary
//   meeting a crash or a split: the fewest leavers that leave the stayers a
//   majority only once the leavers are discounted, and one more member
//   crashing just after them (`crash-at-boundary`); or, in a group of odd
//   size, one leaver and then a partition of the rest into two equal halves
//   (`even-split`), so no side holds a majority of the view after the
//   leave. Random crashes and splits rarely meet a leave there.
//
// Each kind comes in variants (which moment and which cut, whether one of
// two competing coordinators lags...), each with a weight: the variants
// random faults produce least and that reach the most weigh most. The hunt
// names a variant to steer towards the ones its corpus lacks
// (sim/hunt/strike-coverage.ts).
import { assertNever } from '../core/assert-never.ts';
import type { HostName, JoinSpec, LeaveSpec, NoteAt, OrderMix, Scenario, ScheduledFault } from './types.ts';
import { CUT_WEIGHTS, MOMENTS, STRIKE_VARIANTS, drawVariant, isQuietVariant, type Cut, type Moment, type MomentName, type StrikeKind, type UnitRandom } from './strike-variants.ts';

export {
  DEFAULT_STRIKE_WEIGHTS, LATE_STRIKES, STRIKES, STRIKE_VARIANTS, drawVariant, isQuietVariant, noteOfVariant, situationOf,
  type StrikeKind, type StrikeVariant,
} from './strike-variants.ts';

export interface StrikeContext {
  processes: number;
  durationUs: number;
  suspectTimeoutUs: number;
  /** One message flight on this scenario's network, roughly (its mean delay plus half its jitter). */
  flightUs: number;
  /** Hosts the strike may still take out of the group. */
  budget: number;
  /** Initial hosts already named by earlier strikes (not used again). */
  takenHosts: readonly HostName[];
  /** The strike starts in this part of the fault phase (fractions of it). */
  window: readonly [number, number];
}

/** What a strike adds to the scenario. */
export interface Strike {
  kind: StrikeKind;
  /** Which of its kind's variants (STRIKE_VARIANTS). */
  variant: string;
  /** For `cutAtNote`: which protocol moment, and what was done there. */
  detail: string;
  joins: JoinSpec[];
  leaves: LeaveSpec[];
  schedule: ScheduledFault[];
  /** Hosts (or role slots) it takes out, counted against the majority budget. */
  takeOuts: number;
  hostsUsed: HostName[];
  /** The workload it needs: a total-order mix, a higher rate (a factor). */
  orders?: OrderMix;
  rateFactor?: number;
  /** A bound on the load (multicasts per second) the strike needs low. */
  maxRate?: number;
  /** The fault phase must last at least this long. */
  minDurationUs?: number;
  /** Random fault kinds that would undo the strike, turned off. */
  offRandomKinds?: string[];
  /**
   * Its race is timed in steps of steady links (a phase lands between two others): random faults
   * and the scenario's other membership events would shift those steps, so they are left out of a
   * scenario that has it (the random faults here; the generator's membership pairs and the hunt's
   * other faults by their callers).
   */
  quiet?: boolean;
}

/** The steady links' delay: a fraction of the network's mean flight, within these bounds. */
const STEADY_MIN_US = 300;
const STEADY_MAX_US = 2_000;

/** One step of a view change on steady links: half the network's mean flight, within bounds. */
function steadyStepUs(flightUs: number): number {
  return Math.min(STEADY_MAX_US, Math.max(STEADY_MIN_US, Math.round(flightUs / 2)));
}

/** A clean link of a nearly constant delay: a protocol's phases over it take known steps. */
function steadyLink(delayUs: number): { delay: { minUs: number; meanUs: number; jitterUs: number }; lossProbability: number; duplicateProbability: number } {
  const us = Math.round(delayUs);
  return { delay: { minUs: us, meanUs: us, jitterUs: Math.round(us / 20) }, lossProbability: 0, duplicateProbability: 0 };
}

/** How long a long isolation lasts: past the exclusion notices' resends (EXCLUSION_NOTICE_SENDS, about 3.4 s). */
const LONG_ISOLATION_US: readonly [number, number] = [3_700_000, 4_400_000];
/** Its load: a long fault phase at a low rate costs about what the usual one does. */
const LONG_ISOLATION_RATE = 50;
/** What follows the heal before the fault phase ends. */
const AFTER_HEAL_US = 200_000;

/** A total-order-only mix: the sequencer orders in batches, and a flush has orders in flight to keep. */
const TOTAL_ONLY: OrderMix = { fifo: 0, causal: 0, total: 1 };

/** How close to the workload's end the late join lands, in message flights: its join request reaches the group as the last writes are in flight. */
const LAST_WRITES_FLIGHTS: readonly [number, number] = [0, 4];

/** What each strike takes out of the group (a split or the leaves take the whole group's budget: they come alone; a join takes nobody out). */
export function strikeCost(kind: StrikeKind, processes: number): number {
  switch (kind) {
    case 'joinAtLastWrites':
      return 0;
    case 'cutAtNote':
    case 'competingCoordinators':
    case 'slowLinkUnderLoad':
    case 'longIsolation':
      return 1;
    case 'lagAcrossViewChange':
      return 2;
    case 'noMajoritySplit':
    case 'leaveUnderSuspicion':
    case 'leavesMeetCrash':
      return Math.max(1, Math.floor((processes - 1) / 2));
  }
}

/**
 * The strike, or null when it does not fit the budget or the group. Its
 * variant is drawn by weight unless one is named (the hunt's steering); an
 * unknown name draws one.
 */
export function drawStrike(kind: StrikeKind, ctx: StrikeContext, random: UnitRandom, named?: string): Strike | null {
  if (strikeCost(kind, ctx.processes) > ctx.budget) return null;
  const variant = named !== undefined && STRIKE_VARIANTS[kind].some((v) => v.name === named) ? named : drawVariant(kind, random);
  const between = (lo: number, hi: number): number => lo + random.float() * (hi - lo);
  const lastUs = Math.max(0, ctx.durationUs - 1);
  const clamp = (t: number): number => Math.min(lastUs, Math.max(0, Math.round(t)));
  const startUs = clamp(between(ctx.window[0], ctx.window[1]) * ctx.durationUs);
  const hosts = Array.from({ length: ctx.processes }, (_, k) => `p${k + 1}`);
  const free = hosts.filter((h) => !ctx.takenHosts.includes(h));
  const timeout = ctx.suspectTimeoutUs;
  const strike: Strike = { kind, variant, detail: kind, joins: [], leaves: [], schedule: [], takeOuts: strikeCost(kind, ctx.processes), hostsUsed: [] };
  const slow = (delayUs: number): { delay: { minUs: number; meanUs: number; jitterUs: number } } => ({
    delay: { minUs: Math.round(delayUs), meanUs: Math.round(delayUs), jitterUs: Math.round(delayUs / 50) },
  });
  switch (kind) {
    case 'cutAtNote': {
      const [momentName, cutName] = variant.split('/') as [MomentName, Cut];
      const moment: Moment = MOMENTS[momentName];
      const cut = cutName;
      // A view-change moment gets clean, steady links around the coordinator, so its phases take known steps.
      const steadyUs = steadyStepUs(ctx.flightUs);
      const stepUs = moment.needs === 'join' ? steadyUs : ctx.flightUs;
      const window = cut === 'isolate' ? moment.isolateWindow : moment.cutWindow;
      const delayUs = Math.round(between(window[0], window[1]) * stepUs);
      const occurrence = moment.maxOccurrence === 0 ? ctx.processes - Math.floor(random.float() * 2) : 1 + Math.floor(random.float() * moment.maxOccurrence);
      const at: NoteAt = { note: moment.note, node: moment.node, occurrence, delayUs, afterUs: startUs };
      const undo: NoteAt = { ...at, delayUs: delayUs + Math.round(between(2, 5) * timeout) };
      if (moment.needs === 'join') {
        for (const to of hosts.filter((h) => h !== free[0])) strike.schedule.push({ type: 'link', from: 'coordinator', to, atUs: startUs, ...steadyLink(steadyUs) });
      }
      // Its successor: the next-oldest host (the one that takes over when the target is the oldest).
      const successor = free[1] ?? free[0] ?? 'p1';
      switch (cut) {
        case 'isolate':
          strike.schedule.push({ type: 'isolate', host: moment.target, at }, { type: 'heal', at: undo });
          strike.detail = `isolate ${moment.target}`;
          break;
        case 'mute':
          // Lost as they are sent: what was on the wire still arrives (the coordinator's accept requests, not its installs).
          // Every host, and the joiner (a new process relays the install it got to everyone).
          for (const to of [...hosts, 'joiner']) strike.schedule.push({ type: 'link', from: moment.target, to, bidirectional: false, lossProbability: 1, at });
          strike.schedule.push({ type: 'link-reset', at: undo });
          strike.detail = `mute ${moment.target}`;
          break;
        case 'deadLink':
          // Cut one way: the target hears everyone and suspects nobody, its successor stops hearing it.
          strike.schedule.push({ type: 'link', from: moment.target, to: successor, bidirectional: false, lossProbability: 1, at }, { type: 'link-reset', at: undo });
          strike.detail = `dead link ${moment.target}->${successor}`;
          break;
        case 'crash':
          strike.schedule.push({ type: 'crash', host: moment.target, at });
          strike.detail = `crash ${moment.target}`;
          break;
        default:
          assertNever(cut);
      }
      strike.detail += ` ${Math.round(delayUs)} us after ${moment.note}#${at.occurrence} of ${moment.node}`;
      if (moment.needs === 'join') strike.joins.push({ atUs: startUs, count: 1 });
      // The coordinator's phases are timed in steps of the steady links (measured: the cut after the last
      // flush reply broke phase 2's takeover 9 of 10 times on a cleared stage, 2 of 10 amid other faults).
      if (isQuietVariant(kind, variant)) strike.quiet = true;
      else {
        strike.orders = TOTAL_ONLY;
        strike.rateFactor = 8;
      }
      return strike;
    }
    case 'competingCoordinators': {
      const [first, second] = free;
      if (first === undefined || second === undefined) return null;
      const holdUs = between(3, 6) * timeout;
      if (variant === 'staggered') {
        // Both suspect each other at the same heartbeat and begin at once. The older one's ballot wins a
        // tie of rounds (makeBallot), so on steady links of one step S the younger one goes first and the
        // older one lags by L: its phase-1 requests land after the younger one's (L > 0) but before the
        // younger one's phase-2 requests (L < 2 S), and its own phase-2 requests before the younger one's
        // installs (3 (S + L) < 5 S). The members promise the higher ballot between the lower ballot's
        // promise and its accept request: the race a phase-2 promise check is for.
        const steadyUs = steadyStepUs(ctx.flightUs);
        const others = hosts.filter((h) => h !== first && h !== second);
        const lagUs = between(0.15, 0.6) * steadyUs;
        for (const to of others) strike.schedule.push({ type: 'link', from: second, to, atUs: startUs, ...steadyLink(steadyUs) });
        for (const to of others) strike.schedule.push({ type: 'link', from: first, to, atUs: startUs, ...steadyLink(steadyUs + lagUs) });
        strike.detail = `competing coordinators ${first} and ${second}, ${first} ${Math.round(lagUs)} us behind`;
        strike.quiet = isQuietVariant(kind, variant);
      }
      strike.schedule.push({ type: 'link', from: first, to: second, atUs: startUs, ...slow(between(2, 3) * timeout) });
      // One of the two a few flights slower towards everyone else: whose messages win the race varies.
      if (variant === 'one-lags') {
        const lagging = random.float() < 0.5 ? first : second;
        const lagUs = between(0.5, 3) * ctx.flightUs;
        for (const other of free.filter((h) => h !== first && h !== second)) {
          strike.schedule.push({ type: 'link', from: lagging, to: other, bidirectional: false, atUs: startUs, ...slow(ctx.flightUs + lagUs) });
        }
      }
      strike.schedule.push({ type: 'link-reset', atUs: clamp(startUs + holdUs) });
      // The loser of the two is excluded; which one is the race's outcome. The coordinator stays the plans' oldest.
      strike.hostsUsed.push(second);
      return strike;
    }
    case 'slowLinkUnderLoad': {
      const member = free[free.length - 1];
      if (member === undefined || free.length < 2) return null;
      const endUs = clamp(startUs + between(2, 5) * timeout);
      strike.schedule.push({ type: 'link', from: 'coordinator', to: member, atUs: startUs, ...slow(between(1.5, 3) * timeout) });
      // Its messages to the others spread over several flights: some arrive before a member's flush reply, some after, some after the install.
      const spreadUs = Math.round(between(2, 5) * ctx.flightUs);
      for (const other of free.filter((h) => h !== member && h !== free[0])) {
        strike.schedule.push({ type: 'link', from: member, to: other, bidirectional: false, atUs: startUs, delay: { minUs: 100, meanUs: Math.round(ctx.flightUs / 2), jitterUs: spreadUs } });
      }
      strike.schedule.push({ type: 'link-reset', atUs: endUs });
      strike.rateFactor = 3;
      strike.hostsUsed.push(member);
      return strike;
    }
    case 'noMajoritySplit': {
      // Sides of at most half the group (rounded down): nobody can form a view until the heal.
      const side = Math.max(1, Math.floor(ctx.processes / 2));
      const shuffled = hosts.map((h) => ({ h, key: random.float() })).sort((a, b) => a.key - b.key).map((x) => x.h);
      const groups: HostName[][] = [];
      for (let k = 0; k < shuffled.length; k += side) groups.push(shuffled.slice(k, k + side));
      if (groups.length < 2) return null;
      strike.schedule.push({ type: 'partition', groups, atUs: startUs }, { type: 'heal', atUs: clamp(startUs + between(1.5, 4) * timeout) });
      return strike;
    }
    case 'leaveUnderSuspicion': {
      const n = ctx.processes;
      const leavers = fewestDiscountedLeavers(n);
      if (leavers === 0 || free.length < leavers + 2) return null;
      const leaving = free.slice(free.length - leavers);
      const suspect = free[free.length - leavers - 1]!;
      const coordinator = free[0]!;
      // Just over the timeout: the suspicion comes and goes as late heartbeats arrive.
      const slowFromUs = clamp(startUs - between(0, 1.2) * timeout);
      strike.schedule.push(
        { type: 'link', from: coordinator, to: suspect, atUs: slowFromUs, ...slow(between(1.02, 1.4) * timeout) },
        { type: 'link-reset', atUs: clamp(startUs + between(2, 4) * timeout) },
      );
      if (variant === 'lossy-leavers') {
        const loss = Math.round(between(0.1, 0.4) * 100) / 100;
        for (const l of leaving) strike.schedule.push({ type: 'link', from: l, to: coordinator, bidirectional: false, lossProbability: loss, atUs: startUs });
      }
      if (variant === 'leavers-cut-at-suspicion') {
        // The leavers' links to the coordinator steady, and dead one way for a few steps from the moment
        // it suspects the member: a change that stops waiting for that member then sends its accept
        // requests at once, and the leavers' acceptances (a step later) are lost; a leaver that lingers
        // and resends (a retransmission timeout later) gets through, as does a change that waits.
        const steadyUs = steadyStepUs(ctx.flightUs);
        const suspicion: NoteAt = { note: `suspect ${suspect}`, node: coordinator, occurrence: 1, afterUs: slowFromUs };
        const restoreUs = Math.round(between(2.2, 2.8) * steadyUs);
        for (const l of leaving) {
          strike.schedule.push(
            { type: 'link', from: coordinator, to: l, atUs: slowFromUs, ...steadyLink(steadyUs) },
            { type: 'link', from: l, to: coordinator, bidirectional: false, lossProbability: 1, at: suspicion },
            { type: 'link', from: l, to: coordinator, bidirectional: false, ...steadyLink(steadyUs), at: { ...suspicion, delayUs: restoreUs } },
          );
        }
        strike.quiet = isQuietVariant(kind, variant);
      }
      for (const l of leaving) strike.leaves.push({ atUs: startUs, host: l });
      if (random.float() < 0.5) strike.joins.push({ atUs: clamp(startUs + between(0, 1) * timeout), count: 1 });
      strike.hostsUsed.push(...leaving, suspect);
      return strike;
    }
    case 'longIsolation': {
      // The oldest free host is the coordinator (the plans keep it the oldest); a member is the youngest.
      const host = variant === 'coordinator' ? free[0] : free[free.length - 1];
      if (host === undefined || free.length < 2) return null;
      const holdUs = Math.round(between(LONG_ISOLATION_US[0], LONG_ISOLATION_US[1]));
      strike.schedule.push({ type: 'isolate', host, atUs: startUs }, { type: 'heal', atUs: startUs + holdUs });
      strike.minDurationUs = startUs + holdUs + AFTER_HEAL_US;
      strike.maxRate = LONG_ISOLATION_RATE;
      strike.offRandomKinds = ['heal', 'partition'];
      strike.hostsUsed.push(host);
      strike.detail = `isolate ${host} for ${Math.round(holdUs / 1000)} ms`;
      return strike;
    }
    case 'joinAtLastWrites': {
      // Measured (session 7, a join 0 to 10 ms before the end of uniform seeds 1..10): the flush that
      // admits it delivered writes its provider had not applied on 5 to 7 of 10 seeds, with or without the
      // seeds' own faults; a random join at most one in ten.
      const atUs = clamp(ctx.durationUs - between(LAST_WRITES_FLIGHTS[0], LAST_WRITES_FLIGHTS[1]) * ctx.flightUs);
      strike.joins.push({ atUs, count: 1 });
      strike.detail = `join ${Math.round((ctx.durationUs - atUs) / 1000)} ms before the workload ends`;
      return strike;
    }
    case 'lagAcrossViewChange': {
      // The sender is the coordinator (the oldest free host), the leaver the next, the lagging member the youngest.
      const sender = free[0];
      const leaver = free[1];
      const lagging = free[free.length - 1];
      const peer = free[free.length - 2];
      if (sender === undefined || leaver === undefined || lagging === undefined || peer === undefined || free.length < 4) return null;
      // Longer than a view change (a few flights), shorter than the suspicion timeout: nobody suspects the lagging member.
      const lagUs = Math.round(Math.min(0.85 * timeout, Math.max(between(6, 12) * ctx.flightUs, between(LAG_OF_TIMEOUT[0], LAG_OF_TIMEOUT[1]) * timeout)));
      // Slow towards everyone from a lag or two before the leave: every gossip of the old view sent in the last lag
      // before the freeze (one every stability interval) is still on the links when the others install the new
      // view, and none of the others hears from it in the new view for a lag. A survivor that heard it in time
      // would keep the sender's messages and forward them: every survivor must hear it late.
      const slowFromUs = clamp(startUs - between(1, 2) * lagUs);
      for (const to of hosts.filter((h) => h !== lagging)) strike.schedule.push({ type: 'link', from: lagging, to, bidirectional: false, atUs: slowFromUs, ...slow(lagUs) });
      // The view change: a leave (a join would bring a member that hears the lagging one only in the new view).
      strike.leaves.push({ atUs: startUs, host: leaver });
      // From the peer's flush reply: the sender's frames to the lagging member lost, then the sender crashes.
      const flushOk: NoteAt = { note: 'flush-ok', node: peer, occurrence: 1, afterUs: startUs };
      const cutUs = Math.round(between(0.2, 1.2) * lagUs);
      const crashUs = cutUs + Math.round(between(0.5, 1.5) * lagUs);
      strike.schedule.push(
        { type: 'link', from: sender, to: lagging, bidirectional: false, lossProbability: 1, at: { ...flushOk, delayUs: cutUs } },
        { type: 'crash', host: sender, at: { ...flushOk, delayUs: crashUs } },
        { type: 'link-reset', atUs: clamp(startUs + lagUs * 4 + 4 * timeout) },
      );
      strike.hostsUsed.push(sender, leaver, lagging, peer);
      strike.detail = `${lagging} ${Math.round(lagUs / 1000)} ms slow to all across ${leaver}'s leave, ${sender} cut off from ${lagging} and crashed after ${peer}'s flush reply`;
      return strike;
    }
    case 'leavesMeetCrash': {
      const n = ctx.processes;
      if (variant === 'even-split') {
        // One leaver in a group of odd size: the view after the leave is even, and split into halves.
        if (n % 2 === 0 || free.length < 5) return null;
        const leaver = free[free.length - 1]!;
        const rest = hosts.filter((h) => h !== leaver).map((h) => ({ h, key: random.float() })).sort((a, b) => a.key - b.key).map((x) => x.h);
        const half = rest.length / 2;
        const splitUs = clamp(startUs + between(0.3, 1.5) * timeout);
        strike.leaves.push({ atUs: startUs, host: leaver });
        strike.schedule.push({ type: 'partition', groups: [rest.slice(0, half), rest.slice(half)], atUs: splitUs }, { type: 'heal', atUs: clamp(splitUs + between(1.5, 4) * timeout) });
        strike.hostsUsed.push(leaver);
        strike.detail = `${leaver} leaves, then ${rest.slice(0, half).join(',')} | ${rest.slice(half).join(',')}`;
        return strike;
      }
      // The fewest leavers that leave the stayers a majority only once the leavers are discounted, and one more crash.
      const leavers = fewestDiscountedLeavers(n);
      if (leavers === 0 || free.length < leavers + 2) return null;
      const leaving = free.slice(free.length - leavers);
      const crashed = free[free.length - leavers - 1]!;
      for (const l of leaving) strike.leaves.push({ atUs: startUs, host: l });
      strike.schedule.push({ type: 'crash', host: crashed, atUs: clamp(startUs + between(-0.5, 1.5) * ctx.flightUs) });
      strike.hostsUsed.push(...leaving, crashed);
      strike.detail = `${leaving.join(',')} leave${leaving.length === 1 ? 's' : ''} as ${crashed} crashes`;
      return strike;
    }
  }
}

/** The lagging link of `lagAcrossViewChange`, as a share of the suspicion timeout. */
const LAG_OF_TIMEOUT: readonly [number, number] = [0.5, 0.85];

/** Bound on a strike's load (multicasts per second), unless the scenario's own rate is higher. */
export const MAX_STRIKE_RATE = 1_500;

/** The scenario with the strikes' joins, leaves, faults and workload (`baseRate` caps the load a strike raises). */
export function applyStrikes(s: Scenario, strikes: readonly Strike[], baseRate: number): Scenario {
  if (strikes.length === 0) return s;
  const joins = [...(s.workload.joins ?? []), ...strikes.flatMap((x) => x.joins)];
  const leaves = [...(s.workload.leaves ?? []), ...strikes.flatMap((x) => x.leaves)];
  const schedule: ScheduledFault[] = [...(s.faults?.schedule ?? []), ...strikes.flatMap((x) => x.schedule)];
  const workload = { ...s.workload };
  const orders = strikes.find((x) => x.orders !== undefined)?.orders;
  if (orders !== undefined) workload.orders = { ...orders };
  const factor = Math.max(1, ...strikes.map((x) => x.rateFactor ?? 1));
  if (factor > 1) workload.multicastsPerSecond = Math.min(Math.max(MAX_STRIKE_RATE, baseRate), Math.round(workload.multicastsPerSecond * factor));
  const maxRate = Math.min(...strikes.map((x) => x.maxRate ?? Number.POSITIVE_INFINITY));
  if (workload.multicastsPerSecond > maxRate) workload.multicastsPerSecond = maxRate;
  if (joins.length > 0) workload.joins = joins;
  if (leaves.length > 0) workload.leaves = leaves;
  const faults = { ...s.faults };
  if (schedule.length > 0) faults.schedule = schedule;
  const off = new Set(strikes.flatMap((x) => x.offRandomKinds ?? []));
  if (strikes.some((x) => x.quiet === true)) delete faults.random;
  else if (off.size > 0 && faults.random !== undefined) {
    faults.random = { ...faults.random, kinds: Object.fromEntries(Object.entries(faults.random.kinds).filter(([k]) => !off.has(k))) };
  }
  const durationUs = Math.max(s.durationUs, ...strikes.map((x) => x.minDurationUs ?? 0));
  return { ...s, workload, faults, durationUs };
}

/**
 * The fewest leavers l (0: none fits) such that, with one more member lost,
 * the n - l - 1 who stay are no majority of all n but are a majority once
 * the l leavers are discounted: the boundary a leave and a failure meet at.
 */
function fewestDiscountedLeavers(n: number): number {
  for (let l = 1; l <= n - 3; l++) {
    const stay = n - l - 1;
    if (!(stay * 2 > n) && stay * 2 > n - l) return l;
  }
  return 0;
}
