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
import { drawCompetingCoordinators } from './strike-coordinators.ts';
import { drawCutAtNote } from './strike-cut-at-note.ts';
import { drawJoinAtLastWrites, drawLagAcrossViewChange, drawLeaveUnderSuspicion, drawLeavesMeetCrash } from './strike-membership.ts';
import { drawLongIsolation, drawNoMajoritySplit, drawSlowLinkUnderLoad } from './strike-network.ts';
import { drawStaleReplySameSize, STALE_REPLY_SAME_SIZE } from './strike-stale-view.ts';
import { strikeCost, type Strike, type StrikeContext, type StrikeDraw } from './strike-shape.ts';
import { STRIKE_VARIANTS, drawVariant, type StrikeKind, type UnitRandom } from './strike-variants.ts';

export {
  DEFAULT_STRIKE_WEIGHTS, LATE_STRIKES, STRIKES, STRIKE_VARIANTS, drawVariant, isHuntOnlyVariant, isQuietVariant, loadOfVariant, noteOfVariant, roleOfVariant, situationOf,
  type StrikeKind, type StrikeLoad, type StrikeVariant,
} from './strike-variants.ts';
export { strikeCost, type Strike, type StrikeContext } from './strike-shape.ts';
export { applyStrikes, MAX_STRIKE_RATE } from './strike-apply.ts';

/** Each kind's draw (its module's function). */
const DRAWS: Readonly<Record<StrikeKind, (d: StrikeDraw) => Strike | null>> = {
  cutAtNote: drawCutAtNote,
  competingCoordinators: drawCompetingCoordinators,
  slowLinkUnderLoad: drawSlowLinkUnderLoad,
  noMajoritySplit: drawNoMajoritySplit,
  leaveUnderSuspicion: drawLeaveUnderSuspicion,
  longIsolation: drawLongIsolation,
  joinAtLastWrites: drawJoinAtLastWrites,
  lagAcrossViewChange: (d) => (d.variant === STALE_REPLY_SAME_SIZE ? drawStaleReplySameSize(d) : drawLagAcrossViewChange(d)),
  leavesMeetCrash: drawLeavesMeetCrash,
};

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
  return DRAWS[kind]({ ctx, random, variant, between, clamp, startUs, hosts, free, timeout, strike });
}
