// The heartbeat failure detector. It has no clock: every heartbeat period it
// counts, per member, the periods since it last heard anything from it (any
// frame counts, not only heartbeats); past the threshold the member is
// suspected. A suspicion only goes to the membership layer (membership.ts),
// which may exclude the member: false suspicions (slow links, partitions)
// therefore cost a live process its membership, never correctness.
import type { ProcessId } from '../types.ts';
import type { FdState, IsisState, StepCtx } from './isis-state.ts';
import { withFd } from './isis-state.ts';
import { sendRaw } from './net.ts';
import { suspectAfterBeats, type IsisOptions } from './options.ts';

export const HEARTBEAT_TIMER = 'hb';

export function startHeartbeats(ctx: StepCtx): void {
  if (ctx.o.failureDetector === 'heartbeat') {
    ctx.fx.push({ kind: 'setTimer', timer: HEARTBEAT_TIMER, delayUs: ctx.o.heartbeatIntervalUs });
  }
}

/** One heartbeat period: count silence, send heartbeats, return the members now suspected. */
export function heartbeatTick(s: IsisState, ctx: StepCtx): { s: IsisState; silent: ProcessId[] } {
  if (s.status !== 'member' || s.view === null || ctx.o.failureDetector !== 'heartbeat') return { s, silent: [] };
  const beats = suspectAfterBeats(ctx.o);
  const missed = { ...s.fd.missed };
  const silent: ProcessId[] = [];
  for (const p of s.view.members) {
    if (p === s.self) continue;
    const m = (missed[p] ?? 0) + 1;
    missed[p] = m;
    if (m >= beats && !s.gms.suspects.includes(p)) silent.push(p);
    sendRaw(ctx, p, { k: 'hb', view: s.view.id });
  }
  ctx.fx.push({ kind: 'setTimer', timer: HEARTBEAT_TIMER, delayUs: ctx.o.heartbeatIntervalUs });
  return { s: withFd(s, { missed }), silent };
}

/** Anything from `from` proves it alive. */
export function heard(s: IsisState, from: ProcessId): IsisState {
  const fd = heardIn(s.fd, from);
  return fd === s.fd ? s : withFd(s, fd);
}

/** heard, on the detector's state alone (the same object when nothing changes). */
export function heardIn(fd: FdState, from: ProcessId): FdState {
  const m = fd.missed[from];
  if (m === undefined || m === 0) return fd;
  // A copy, then a store: a spread with a computed key takes a slower path in V8.
  const missed = { ...fd.missed };
  missed[from] = 0;
  return { missed };
}

/** After a view change: track exactly the new members (continuing ones keep their count). */
export function trackMembers(s: IsisState, members: readonly ProcessId[]): IsisState {
  const missed: Record<ProcessId, number> = {};
  for (const p of members) if (p !== s.self) missed[p] = s.fd.missed[p] ?? 0;
  return withFd(s, { missed });
}

/**
 * True when some member has been silent for all but the last heartbeat
 * period of the suspicion timeout: a failure is about to be detected. Not
 * earlier: on a lossy network (20% loss, seven members) two or three missed
 * beats on some link are the normal state, and a settle phase that waits
 * for none would never see the group quiet. A real failure is still caught:
 * the settle checks are a quiet window apart, longer than the timeout.
 */
export function someoneSilent(s: IsisState, o: IsisOptions): boolean {
  if (o.failureDetector !== 'heartbeat') return false;
  const threshold = Math.max(2, suspectAfterBeats(o) - 1);
  for (const p in s.fd.missed) if ((s.fd.missed[p] ?? 0) >= threshold) return true;
  return false;
}

/**
 * Suspicions that nothing will renew or revoke: an external detector reports
 * a failure once, and `layers.revokeSuspicions: false` (a mutant) makes every
 * heartbeat suspicion final. A heartbeat suspicion is otherwise revoked by
 * hearing from the member (membership.ts unsuspect) and renewed by silence.
 */
export function permanentSuspicions(ctx: StepCtx): boolean {
  return ctx.o.failureDetector !== 'heartbeat' || !ctx.layers.revokeSuspicions;
}
