// The member's side of a view change. A view change is a two-phase,
// ballot-numbered agreement (Paxos-style) per view id, so that a
// coordinator that fails mid-change can be replaced by the next-oldest
// member without ever producing two different views with the same id:
// - phase 1 (flush request): the member promises not to take part in lower
//   ballots, freezes (stops sending and delivering in the view) and replies
//   with its flush state and any proposal it accepted earlier;
// - phase 2 (accept): the member records the proposal and acknowledges.
// A member that asked to leave exits once it has accepted a proposal
// without it: at once without timers (the model checker: a reliable network
// loses no acceptance), otherwise after lingering (see leaverLingerUs).
import type { ProcessId } from '../types.ts';
import { makeFlushReply } from './flush.ts';
import { exitProcess } from './install.ts';
import type { IsisState, StepCtx } from './isis-state.ts';
import { note, roundOf, setTimer, withGms } from './isis-state.ts';
import type { FlushReply, IsisBody, ViewProposal } from './messages.ts';
import { sendTo } from './net.ts';

export const VIEW_CHANGE_TIMER = 'vc';
/** A leaver that accepted the proposal dropping it exits when this fires. */
export const LEAVER_LINGER_TIMER = 'leave-linger';

/**
 * Whether a leaver stays on after it first accepts the proposal that drops
 * it (timed world, layer on; without timers it exits at once). Its acceptance is the message a change relying on the leavers cannot do
 * without, so the leaver keeps its transport running (the acceptance is
 * retransmitted until acknowledged) and answers re-sent proposals, frozen
 * (it delivers nothing more). The coordinator discounts a leaver only once
 * this long has passed since its acceptance arrived (leaverGoneAfterUs in
 * membership.ts), so the leaver has exited before the view is installed.
 */
export function leaversLinger(ctx: StepCtx): boolean {
  return !ctx.timersOff && ctx.layers.leaverLingers;
}

/** The linger: two retransmission timeouts, the acceptance and at least one resend. */
export function leaverLingerUs(ctx: StepCtx): number {
  return 2 * ctx.o.retransmitTimeoutUs;
}

/** The linger is over: exit, if we are still the leaver that accepted its drop. */
export function leaverLingerTimer(s: IsisState, ctx: StepCtx): IsisState {
  if (s.status !== 'member' || !dropsSelf(s, s.gms.accepted?.value ?? null)) return s;
  return exitProcess(s, ctx, 'left');
}

function dropsSelf(s: IsisState, value: ViewProposal | null): boolean {
  return value !== null && value.leavers.includes(s.self) && !value.view.members.includes(s.self);
}

/** How long to wait before retrying a view change (doubles with each failed attempt). */
export function retryDelayUs(s: IsisState, ctx: StepCtx): number {
  return ctx.o.viewChangeTimeoutUs * 2 ** Math.min(s.gms.tries, 4);
}

/**
 * Phase 1 at a member (also the coordinator's own, locally). Returns the
 * reply, or null when the ballot is lower than one already promised.
 */
export function promiseFlush(s: IsisState, ctx: StepCtx, ballot: number, proposer: ProcessId): { s: IsisState; reply: FlushReply | null } {
  if (s.view === null || s.vc === null) return { s, reply: null };
  if (ballot < s.gms.promised) return { s, reply: null };
  const size = s.view.members.length;
  let out = withGms(s, { promised: ballot, round: Math.max(s.gms.round, roundOf(ballot, size)) });
  if (!out.gms.frozen) {
    out = withGms(out, { frozen: true });
    note(ctx, 'flush-begin');
  }
  const mine = out.gms.attempt;
  if (proposer !== s.self) {
    // Someone else runs this change: drop our own attempt, and give them time before retrying.
    const tries = Math.max(1, out.gms.tries + (mine !== null ? 1 : 0));
    out = withGms(out, { attempt: mine !== null && mine.ballot < ballot ? null : mine, tries });
    if (!ctx.timersOff) setTimer(ctx, VIEW_CHANGE_TIMER, retryDelayUs(out, ctx));
  }
  return { s: out, reply: makeFlushReply(out) };
}

export function onFlushRequest(s: IsisState, ctx: StepCtx, from: ProcessId, body: Extract<IsisBody, { k: 'freq' }>): IsisState {
  if (s.view === null || body.view !== s.view.id || !s.view.members.includes(from)) return s;
  const { s: out, reply } = promiseFlush(s, ctx, body.ballot, from);
  if (reply === null) return sendTo(out, ctx, from, { k: 'nack', view: body.view, promised: s.gms.promised });
  const sent = sendTo(out, ctx, from, { k: 'fok', view: body.view, ballot: body.ballot, reply });
  note(ctx, 'flush-ok');
  return sent;
}

/** Phase 2 at a member (also the coordinator's own). False when a higher ballot was promised. */
export function acceptProposal(s: IsisState, ballot: number, value: ViewProposal, checksPromise = true): { s: IsisState; ok: boolean } {
  // (layers.acceptChecksPromise: false accepts a proposal of a ballot lower than the one promised.)
  if (checksPromise && ballot < s.gms.promised) return { s, ok: false };
  const out = withGms(s, { promised: Math.max(ballot, s.gms.promised), accepted: { ballot, value }, frozen: true });
  return { s: out, ok: true };
}

export function onAccept(s: IsisState, ctx: StepCtx, from: ProcessId, body: Extract<IsisBody, { k: 'acc' }>): IsisState {
  // (layers.acceptChecksViewId: false takes an accept request of another view.)
  if (s.view === null || (body.view !== s.view.id && ctx.layers.acceptChecksViewId) || !s.view.members.includes(from)) return s;
  const alreadyDropped = dropsSelf(s, s.gms.accepted?.value ?? null);
  const { s: out, ok } = acceptProposal(s, body.ballot, body.value, ctx.layers.acceptChecksPromise);
  if (!ok) return sendTo(out, ctx, from, { k: 'nack', view: body.view, promised: s.gms.promised });
  const sent = sendTo(out, ctx, from, { k: 'accd', view: body.view, ballot: body.ballot });
  if (!dropsSelf(s, body.value)) return sent;
  // Our leave is agreed. Without timers we exit now (before anyone installs the view that drops
  // us). Otherwise we linger, counted from the first such acceptance (never restarted: a
  // coordinator's wait starts when our acceptance reaches it, so we are gone before it ends).
  // (layers.leaverLingers: false exits at once in the timed world too.)
  if (!leaversLinger(ctx)) {
    ctx.exit = 'left';
    return sent;
  }
  if (!alreadyDropped) setTimer(ctx, LEAVER_LINGER_TIMER, leaverLingerUs(ctx));
  return sent;
}
