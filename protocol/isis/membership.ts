// The group membership service, coordinator side. The oldest member the
// coordinator does not suspect (rank 0 unless suspected) runs view changes:
// suspicions, joins and leaves trigger one. Phase 1 is the flush (see
// gms-member.ts and flush.ts); then the coordinator either re-proposes the
// highest-ballot proposal some replier accepted earlier (finishing a change
// a failed coordinator left under way) or builds a new one; phase 2 gets it
// accepted by a majority; then it is committed: installed locally and sent
// to every member of the new view (install.ts).
//
// Majority rule: a proposal needs flush replies and acceptances from more
// than half of the old view, and the new view must hold more than half of
// the old view's members, not counting leavers that already exited. A
// minority side of a partition therefore blocks until it learns it was
// excluded: there is never a second primary view.
import type { ProcessId, View } from '../types.ts';
import { decideFlush } from './flush.ts';
import { acceptProposal, leaverLingerUs, leaversLinger, promiseFlush, retryDelayUs, VIEW_CHANGE_TIMER } from './gms-member.ts';
import { commitProposal } from './install.ts';
import { permanentSuspicions } from './failure-detector.ts';
import type { Attempt, IsisState, StepCtx } from './isis-state.ts';
import { isCoordinator, needsViewChange, note, setTimer, withAttempt, withGms } from './isis-state.ts';
import type { FlushReply, IsisBody, ViewProposal } from './messages.ts';
import { sendTo } from './net.ts';

/** A failure report (heartbeat timeout, external detector, or a peer that cannot keep up). */
export function suspect(s: IsisState, ctx: StepCtx, p: ProcessId): IsisState {
  if (s.status !== 'member' || s.view === null || p === s.self) return s;
  if (s.gms.suspects.includes(p)) return s;
  if (!s.view.members.includes(p)) {
    // A joiner reported failed by a detector that reports once (external):
    // remember it, or the view that admits it would keep it for good. The
    // view install carries it over (install.ts) and the next change removes it.
    if (!permanentSuspicions(ctx)) return s;
    note(ctx, `suspect ${p}`);
    return withGms(s, { suspects: [...s.gms.suspects, p] });
  }
  note(ctx, `suspect ${p}`);
  const wasCoordinator = isCoordinator(s);
  let out = withGms(s, { suspects: [...s.gms.suspects, p] });
  // Just became coordinator (the old one failed): act now, not after a retry backoff.
  if (!wasCoordinator && isCoordinator(out) && out.gms.attempt === null) out = withGms(out, { tries: 0 });
  const attempt = out.gms.attempt;
  if (attempt !== null && attempt.phase === 'flush' && attempt.awaiting.includes(p)) {
    out = withGms(out, { attempt: withAttempt(attempt, { awaiting: attempt.awaiting.filter((q) => q !== p) }) });
    out = maybeFinishFlush(out, ctx);
  }
  return out;
}

/**
 * We heard from a member we suspected (heartbeat detector only: an external
 * detector's verdict stands). Suspicions are local and revocable until a
 * view excludes the member: otherwise, after a partition heals, members
 * that suspect each other could block forever without a majority. A
 * running flush now waits for the member too.
 */
export function unsuspect(s: IsisState, ctx: StepCtx, p: ProcessId): IsisState {
  if (!revokesSuspicionOf(s, ctx, p)) return s;
  const view = s.view as View;
  note(ctx, `unsuspect ${p}`);
  let out = withGms(s, { suspects: s.gms.suspects.filter((q) => q !== p) });
  const a = out.gms.attempt;
  if (a !== null && a.phase === 'flush' && !a.awaiting.includes(p) && a.replies[p] === undefined) {
    out = withGms(out, { attempt: withAttempt(a, { awaiting: [...a.awaiting, p] }) });
    out = sendTo(out, ctx, p, { k: 'freq', view: view.id, ballot: a.ballot });
  }
  return out;
}

/** Would hearing from `p` revoke a suspicion (unsuspect change anything)? */
export function revokesSuspicionOf(s: IsisState, ctx: StepCtx, p: ProcessId): boolean {
  return !permanentSuspicions(ctx) && s.gms.suspects.includes(p) && s.view !== null;
}

/** Starts a view change with a fresh, higher ballot (the caller checked we are coordinator). */
export function startViewChange(s: IsisState, ctx: StepCtx): IsisState {
  const view = s.view as View;
  const size = view.members.length;
  const round = Math.max(s.gms.round, Math.floor(s.gms.promised / Math.max(1, size))) + 1;
  const ballot = ctx.layers.makeBallot(round, view.members.indexOf(s.self), size);
  note(ctx, 'view-change-begin');
  const awaiting = view.members.filter((p) => p !== s.self && !s.gms.suspects.includes(p));
  const attempt: Attempt = { ballot, phase: 'flush', awaiting, replies: {}, value: null, acceptedBy: [], leaversGone: [] };
  let out = withGms(s, { attempt, round });
  if (!ctx.timersOff) setTimer(ctx, VIEW_CHANGE_TIMER, retryDelayUs(out, ctx));
  for (const p of awaiting) out = sendTo(out, ctx, p, { k: 'freq', view: view.id, ballot });
  const own = promiseFlush(out, ctx, ballot, s.self);
  out = own.s;
  if (own.reply === null) return withGms(out, { attempt: null });
  note(ctx, 'flush-ok');
  out = withGms(out, { attempt: withAttempt(attempt, { replies: { [s.self]: own.reply } }) });
  return maybeFinishFlush(out, ctx);
}

export function onFlushOk(s: IsisState, ctx: StepCtx, from: ProcessId, body: Extract<IsisBody, { k: 'fok' }>): IsisState {
  const a = s.gms.attempt;
  // A reply to an earlier ballot of ours is stale: its sender may have accepted a competitor's
  // proposal since, which that reply does not show (isis-dueling-stale-flush-reply).
  // (layers.flushReplyChecksBallot: false counts it for the current ballot.)
  if (s.view === null || body.view !== s.view.id || a === null || (a.ballot !== body.ballot && ctx.layers.flushReplyChecksBallot) || a.phase !== 'flush') return s;
  const attempt = withAttempt(a, { replies: { ...a.replies, [from]: body.reply }, awaiting: a.awaiting.filter((p) => p !== from) });
  return maybeFinishFlush(withGms(s, { attempt }), ctx);
}

/** A member promised a higher ballot: this attempt is lost; retry later (vc timer). */
export function onNack(s: IsisState, ctx: StepCtx, body: Extract<IsisBody, { k: 'nack' }>): IsisState {
  const a = s.gms.attempt;
  if (s.view === null || body.view !== s.view.id || a === null || body.promised <= a.ballot) return s;
  const size = s.view.members.length;
  const out = withGms(s, { attempt: null, tries: s.gms.tries + 1, round: Math.max(s.gms.round, Math.floor(body.promised / size)) });
  if (!ctx.timersOff) setTimer(ctx, VIEW_CHANGE_TIMER, retryDelayUs(out, ctx));
  return out;
}

export function onAccepted(s: IsisState, ctx: StepCtx, from: ProcessId, body: Extract<IsisBody, { k: 'accd' }>): IsisState {
  const a = s.gms.attempt;
  if (s.view === null || body.view !== s.view.id || a === null || a.ballot !== body.ballot || a.phase !== 'accept') return s;
  if (a.acceptedBy.includes(from)) return s;
  const out = maybeCommit(withGms(s, { attempt: withAttempt(a, { acceptedBy: [...a.acceptedBy, from] }) }), ctx);
  const value = a.value;
  if (!leaversLinger(ctx) || value === null || !value.leavers.includes(from) || out.gms.attempt === null) return out;
  // A leaver accepted but the change is not committed yet: it may be waiting for the leavers to
  // be gone. Restarted by each leaver's acceptance, so when it fires every leaver that accepted
  // has lingered out; the attempt is kept alive until then.
  setTimer(ctx, LEAVERS_GONE_TIMER, leaverGoneAfterUs(ctx));
  setTimer(ctx, VIEW_CHANGE_TIMER, leaverGoneAfterUs(ctx) + retryDelayUs(out, ctx));
  return out;
}

/** Fires once every leaver that accepted the running proposal has exited (timed world). */
export const LEAVERS_GONE_TIMER = 'leavers-gone';

/**
 * How long after a leaver's acceptance arrives it is surely gone: its
 * linger (counted from before it sent the acceptance) plus 1 µs, so its exit
 * comes strictly before any install that discounts it. No longer: the
 * members stay frozen meanwhile, and their held requests go out in a burst
 * at the install (with an external detector, a burst past maxUnackedFrames
 * reads as a failure: isis-external-detector's 24, not 12, is above it).
 */
function leaverGoneAfterUs(ctx: StepCtx): number {
  return leaverLingerUs(ctx) + 1;
}

export function leaversGoneTimer(s: IsisState, ctx: StepCtx): IsisState {
  const a = s.gms.attempt;
  if (s.status !== 'member' || a === null || a.phase !== 'accept' || a.value === null) return s;
  const leaversGone = a.value.leavers.filter((p) => a.acceptedBy.includes(p));
  return maybeCommit(withGms(s, { attempt: withAttempt(a, { leaversGone }) }), ctx);
}

/** The view-change timer: an attempt that took too long is abandoned; the coordinator retries. */
export function viewChangeTimer(s: IsisState, ctx: StepCtx): IsisState {
  if (s.status !== 'member' || s.view === null) return s;
  let out = s;
  if (out.gms.attempt !== null) out = withGms(out, { attempt: null, tries: out.gms.tries + 1 });
  if (isCoordinator(out) && needsViewChange(out)) return startViewChange(out, ctx);
  // Frozen by a change someone else runs: keep watching, we may have to finish it.
  if (out.gms.frozen && !ctx.timersOff) setTimer(ctx, VIEW_CHANGE_TIMER, retryDelayUs(out, ctx));
  return out;
}

function maybeFinishFlush(s: IsisState, ctx: StepCtx): IsisState {
  const a = s.gms.attempt;
  const view = s.view;
  if (a === null || a.phase !== 'flush' || view === null) return s;
  const voters = Object.keys(a.replies);
  if (!ctx.layers.isMajority(voters.length, view.members.length)) return s;
  if (ctx.layers.awaitEveryFlushReply && a.awaiting.length > 0) return s;
  const replies = voters.map((p) => a.replies[p] as FlushReply);
  // (layers.adoptAcceptedProposal: false lets a new coordinator replace its predecessor's change.)
  const adopted = ctx.layers.adoptAcceptedProposal ? adoptedProposal(replies) : null;
  const value = adopted ?? newProposal(s, voters, replies, ctx);
  if (value === null) {
    note(ctx, 'no-majority');
    return s;
  }
  let out = withGms(s, { attempt: withAttempt(a, { phase: 'accept', value, acceptedBy: [], leaversGone: [] }) });
  for (const p of voters) {
    if (p !== s.self) out = sendTo(out, ctx, p, { k: 'acc', view: view.id, ballot: a.ballot, value });
  }
  const own = acceptProposal(out, a.ballot, value);
  out = own.s;
  if (!own.ok) return withGms(out, { attempt: null });
  const attempt = out.gms.attempt as Attempt;
  return maybeCommit(withGms(out, { attempt: withAttempt(attempt, { acceptedBy: [s.self] }) }), ctx);
}

/** The proposal accepted with the highest ballot among the replies, if any: it must be finished. */
function adoptedProposal(replies: readonly FlushReply[]): ViewProposal | null {
  let best: { ballot: number; value: ViewProposal } | null = null;
  for (const r of replies) if (r.accepted !== null && (best === null || r.accepted.ballot > best.ballot)) best = r.accepted;
  return best?.value ?? null;
}

function newProposal(s: IsisState, voters: readonly ProcessId[], replies: readonly FlushReply[], ctx: StepCtx): ViewProposal | null {
  const from = s.view as View;
  const leavers = from.members.filter(
    (p) => s.gms.leavers.includes(p) || (p === s.self && s.gms.leaving) || replies[voters.indexOf(p)]?.leaving === true,
  );
  // Every unsuspected member has replied when the coordinator waits for all (awaitEveryFlushReply);
  // the new view is the unsuspected members that stay.
  const stay = from.members.filter((p) => !s.gms.suspects.includes(p) && !leavers.includes(p));
  // Even if every leaver exits first, the new view must hold a majority of the old one.
  if (!ctx.layers.isMajority(stay.length, from.members.length - leavers.length)) return null;
  if (!ctx.layers.isMajority(stay.length, from.members.length) && mayStillBeFalselySuspected(s, leavers, ctx)) return null;
  const joiners = s.gms.joiners.filter((j) => !from.members.includes(j) && !s.removed.includes(j));
  const view: View = { id: from.id + 1, members: [...stay, ...joiners] };
  const flush = decideFlush(replies, from.members.length, ctx.layers);
  // The decision forwards every message some survivor lacks, including those of members that are
  // leaving the view (crashed ones above all). layers.forwardDepartedSenders: false drops them.
  if (ctx.layers.forwardDepartedSenders) return { from, view, leavers, flush };
  return { from, view, leavers, flush: { ...flush, msgs: flush.msgs.filter((m) => view.members.includes(m.from)) } };
}

/**
 * A proposal that holds a majority only once its leavers are discounted can be
 * committed only by learning that they exited, and a leaver's acknowledgement
 * is the one message it cannot resend (it exits as it sends it). If that is
 * lost, the proposal is stuck for good, and a later coordinator must adopt
 * it. So while a member we suspect may yet be heard from again (a revocable
 * heartbeat suspicion: a slow link, not a crash), wait a few retries for it
 * rather than propose a change that relies on the leavers.
 */
const RETRIES_BEFORE_RELYING_ON_LEAVERS = 2;

function mayStillBeFalselySuspected(s: IsisState, leavers: readonly ProcessId[], ctx: StepCtx): boolean {
  if (permanentSuspicions(ctx) || !ctx.layers.waitForSuspectsBeforeLeavers) return false;
  if (s.gms.tries >= RETRIES_BEFORE_RELYING_ON_LEAVERS) return false;
  const members = (s.view as View).members;
  return s.gms.suspects.some((p) => members.includes(p) && !leavers.includes(p));
}

function maybeCommit(s: IsisState, ctx: StepCtx): IsisState {
  const a = s.gms.attempt;
  const value = a?.value;
  if (a === null || a.phase !== 'accept' || value === null || value === undefined) return s;
  const size = value.from.members.length;
  if (!ctx.layers.isMajority(a.acceptedBy.length, size)) return s;
  // Only leavers that have exited may be discounted: without timers a leaver exits as it accepts;
  // with them it lingers, and is gone once the leavers-gone timer fired after its acceptance.
  const gone = leaversLinger(ctx) ? a.leaversGone : a.acceptedBy;
  const exited = value.leavers.filter((p) => gone.includes(p) || p === s.self).length;
  const stay = value.view.members.filter((p) => value.from.members.includes(p)).length;
  if (!ctx.layers.isMajority(stay, size - exited)) return s;
  return commitProposal(s, ctx, value);
}
