// Exclusion notices that are resent until the excluded process answers.
//
// A member excluded while it was cut off learns of it only from a notice
// (`excl`). One notice from the coordinator is not enough: it can be lost in
// the partition, and once every member of the excluded process's last view
// has crashed or exited, nobody it still talks to can tell it (the swarm
// generator found this: isis-swarm seed 1172). So every member that installs
// a view dropping a process keeps a pending notice for it, hands its pending
// notices on to the joiners it admits (inside the install message), and
// resends each on its heartbeat tick, with a doubling gap, until the
// excluded process acknowledges it (`xack`, sent as it exits) or the
// notice's send budget is spent. The budget bounds the traffic to a process
// that really crashed (it never answers); the list is bounded too.
//
// A run without timers (the model checker's) has no heartbeat tick to
// resend on and loses nothing: it keeps no pending notices and sends no
// acknowledgements, so its state space is what it was.
import type { ProcessId, ViewId } from '../types.ts';
import type { IsisState, StepCtx } from './isis-state.ts';
import { copyState } from './isis-state.ts';
import { sendRaw } from './net.ts';

/** One notice still owed: to `p`, that view `view` no longer contains it. */
export interface PendingExclusion {
  p: ProcessId;
  view: ViewId;
  /** Heartbeat ticks until the next resend. */
  waitBeats: number;
  /** The gap after that resend (doubles up to MAX_GAP_BEATS). */
  gapBeats: number;
  sendsLeft: number;
}

/** A notice as one object literal in PendingExclusion's field order (one map for all: see copyState in isis-state.ts). */
function notice(p: ProcessId, view: ViewId, waitBeats: number, gapBeats: number, sendsLeft: number): PendingExclusion {
  return { p, view, waitBeats, gapBeats, sendsLeft };
}

function withExcluding(s: IsisState, excluding: PendingExclusion[]): IsisState {
  const out = copyState(s);
  out.excluding = excluding;
  return out;
}

/** Bound on the notices a process owes at once (the oldest is dropped past it). */
export const MAX_PENDING_EXCLUSIONS = 32;
/** Resends per notice: with the doubling gap capped at 16 beats, about 340 heartbeat periods (3.4 s at the default 10 ms). */
export const EXCLUSION_NOTICE_SENDS = 24;
const MAX_GAP_BEATS = 16;

/**
 * After installing a view: owe a notice to every process the view dropped
 * that did not leave (`dropped`), and take on the notices the installer
 * that sent us the view still owes (`inherited`; a joiner's only source).
 */
export function oweExclusionNotices(
  s: IsisState,
  ctx: StepCtx,
  view: ViewId,
  dropped: readonly ProcessId[],
  inherited: readonly PendingExclusion[] | undefined,
): IsisState {
  if (ctx.timersOff) return s;
  let pending = s.excluding;
  for (const entry of inherited ?? []) pending = withNotice(pending, notice(entry.p, entry.view, entry.waitBeats, entry.gapBeats, entry.sendsLeft));
  for (const p of dropped) {
    if (p === s.self) continue;
    pending = withNotice(pending, notice(p, view, 1, 1, EXCLUSION_NOTICE_SENDS));
  }
  return pending === s.excluding ? s : withExcluding(s, pending);
}

function withNotice(pending: readonly PendingExclusion[], entry: PendingExclusion): PendingExclusion[] {
  const known = pending.find((e) => e.p === entry.p);
  // One notice per process: the newest view that dropped it says the most, the larger budget lasts longest.
  if (known !== undefined && known.view >= entry.view && known.sendsLeft >= entry.sendsLeft) return pending as PendingExclusion[];
  const rest = pending.filter((e) => e.p !== entry.p);
  const next = [...rest, known === undefined ? entry : notice(entry.p, Math.max(entry.view, known.view), entry.waitBeats, entry.gapBeats, entry.sendsLeft)];
  return next.length > MAX_PENDING_EXCLUSIONS ? next.slice(next.length - MAX_PENDING_EXCLUSIONS) : next;
}

/** One heartbeat period: resend the notices whose gap has run out; forget the spent ones. */
export function resendExclusionNotices(s: IsisState, ctx: StepCtx): IsisState {
  if (s.excluding.length === 0 || s.status !== 'member') return s;
  const next: PendingExclusion[] = [];
  for (const e of s.excluding) {
    if (e.waitBeats > 1) {
      next.push(notice(e.p, e.view, e.waitBeats - 1, e.gapBeats, e.sendsLeft));
      continue;
    }
    sendRaw(ctx, e.p, { k: 'excl', view: e.view });
    if (e.sendsLeft <= 1) continue;
    const gapBeats = Math.min(MAX_GAP_BEATS, e.gapBeats * 2);
    next.push(notice(e.p, e.view, e.gapBeats, gapBeats, e.sendsLeft - 1));
  }
  return withExcluding(s, next);
}

/** The excluded process `from` heard its notice: stop resending it. */
export function onExclusionAck(s: IsisState, from: ProcessId): IsisState {
  if (!s.excluding.some((e) => e.p === from)) return s;
  return withExcluding(s, s.excluding.filter((e) => e.p !== from));
}

/**
 * An excluded process acknowledges the notice that makes it exit, so its
 * senders stop, and hands over the pending joiners it knows (`joiners`):
 * a member cut off with a joiner may be the only one its requests reached,
 * and once it exits and the joiner's contacts are gone, nobody else would
 * ever admit the joiner (`join-leave.ts`, onJoinersHandedOver).
 */
export function acknowledgeExclusion(ctx: StepCtx, to: ProcessId, view: ViewId, joiners: readonly ProcessId[] = []): void {
  if (ctx.timersOff) return;
  sendRaw(ctx, to, joiners.length === 0 ? { k: 'xack', view } : { k: 'xack', view, joiners: [...joiners] });
}
