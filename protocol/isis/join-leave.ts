// Joining and leaving. A joiner asks its contacts (raw, retried until it is
// in a view); members forward the request to their coordinator, which adds
// the joiner in its next view change; the install message carries the
// application state (state transfer), so the joiner starts from the map as
// of its first view. A leaver asks the coordinator; the next view change
// drops it, and it exits as soon as it has accepted that proposal.
// A process removed from the group learns it when it talks to a member of a
// later view (or from the coordinator's notice) and exits `excluded`.
import type { NodeContext, ProcessId } from '../types.ts';
import { acknowledgeExclusion } from './exclusion-notices.ts';
import { exitProcess, JOIN_TIMER } from './install.ts';
import type { IsisState, StepCtx } from './isis-state.ts';
import { coordinatorOf, isCoordinator, MAX_JOINERS, note, withGms } from './isis-state.ts';
import type { IsisBody } from './messages.ts';
import { sendRaw, sendToMembers } from './net.ts';

export function askToJoin(ctx: StepCtx, node: NodeContext, contacts: readonly ProcessId[]): void {
  for (const c of contacts) if (c !== node.self) sendRaw(ctx, c, { k: 'join', joiner: node.self });
  if (contacts.length === 0) note(ctx, 'no-contacts');
  if (!ctx.timersOff) ctx.fx.push({ kind: 'setTimer', timer: JOIN_TIMER, delayUs: ctx.o.joinRetryUs });
}

export function joinTimer(s: IsisState, ctx: StepCtx): IsisState {
  if (s.status !== 'joining') return s;
  askToJoin(ctx, { self: s.self }, s.contacts);
  return s;
}

/** A join request (from the joiner, or forwarded by a member). */
export function onJoinRequest(s: IsisState, ctx: StepCtx, joiner: ProcessId): IsisState {
  if (s.status !== 'member' || s.view === null) return s;
  if (s.view.members.includes(joiner) || s.removed.some((r) => ctx.layers.sameProcess(joiner, r))) return s;
  // Every member remembers pending joiners: if the coordinator fails, its successor knows them.
  const known = s.gms.joiners.includes(joiner) || s.gms.joiners.length >= MAX_JOINERS;
  const out = known ? s : withGms(s, { joiners: [...s.gms.joiners, joiner] });
  const coordinator = coordinatorOf(out);
  if (!isCoordinator(out) && coordinator !== null) sendRaw(ctx, coordinator, { k: 'join', joiner });
  return out;
}

/**
 * The application asks this member to leave (the caller checked it is a
 * member and not flushing). Every member hears it, so whoever coordinates,
 * now or after a failure, knows.
 */
export function requestLeave(s: IsisState, ctx: StepCtx): IsisState {
  if (s.gms.leaving || s.view === null) return s;
  // (layers.leaverWaitsForItsDrop: false exits as soon as the leave is sent.)
  if (!ctx.layers.leaverWaitsForItsDrop) ctx.exit = 'left';
  return sendToMembers(withGms(s, { leaving: true }), ctx, { k: 'leave', view: s.view.id });
}

export function onLeaveRequest(s: IsisState, from: ProcessId, body: Extract<IsisBody, { k: 'leave' }>): IsisState {
  if (s.view === null || body.view !== s.view.id || !s.view.members.includes(from)) return s;
  if (s.gms.leavers.includes(from)) return s;
  return withGms(s, { leavers: [...s.gms.leavers, from] });
}

/**
 * A member of a later view says we are not in it: we were excluded. A
 * joiner hears this when a view admitted it but it never received that view
 * before the group removed it again (it can never be readmitted under the
 * same id): it gives up too.
 */
export function onExcluded(s: IsisState, ctx: StepCtx, from: ProcessId, body: Extract<IsisBody, { k: 'excl' }>): IsisState {
  if (s.status === 'joining') {
    acknowledgeExclusion(ctx, from, body.view);
    return exitProcess(s, ctx, 'excluded');
  }
  // (layers.exitWhenExcluded: false ignores the notice: the excluded member goes on in its old view.)
  if (s.status !== 'member' || s.view === null || body.view <= s.view.id || !ctx.layers.exitWhenExcluded) return s;
  acknowledgeExclusion(ctx, from, body.view, s.gms.joiners);
  return exitProcess(s, ctx, s.gms.leaving ? 'left' : 'excluded');
}

/**
 * An excluded process handed over the join requests it held as it exited
 * (its `xack`): treat each as a request forwarded to us, so the group of
 * the later view admits those joiners even when their contacts are all gone.
 */
export function onJoinersHandedOver(s: IsisState, ctx: StepCtx, joiners: readonly ProcessId[]): IsisState {
  let out = s;
  for (const joiner of joiners.slice(0, MAX_JOINERS)) out = onJoinRequest(out, ctx, joiner);
  return out;
}

/** Something arrived from a process removed from our views: tell it. */
export function noticeRemoved(s: IsisState, ctx: StepCtx, from: ProcessId): void {
  if (s.status === 'member' && s.view !== null) sendRaw(ctx, from, { k: 'excl', view: s.view.id });
}
