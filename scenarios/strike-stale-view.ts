// The hunt-only variant `lagAcrossViewChange/stale-reply-same-size`
// (strike-variants.ts HUNT_ONLY_VARIANTS): a member's reply to one view's
// change delivered late, after the next view, whose size is the same.
//
// Why this shape: a protocol that numbers its rounds or ballots per view
// (ISIS's ballots restart after each install) reuses the same numbers in
// the next view whenever the two views have the same size, so a late reply
// of the previous view's change can pass for a reply of the current one
// unless the view is checked too (nats-server #6512: acks of an earlier
// term counted in the next). Random faults never line up the three parts:
// - a change that keeps the group's size: a join and a leave at once;
// - one member's link to the coordinator (two members' in a group of even
//   size) dead from just after its flush reply, before its acceptance goes
//   out (the transport keeps resending it), so the coordinator commits
//   without it and later suspects it;
// - the next change's accept phase split: the coordinator's side one or
//   two votes short of a majority, the other side a majority, while the
//   held-back links come back: the stale acceptances arrive just as the
//   coordinator counts the new change's, and both sides may form a view.
// Every phase is timed in steps of steady links (all pairs), so the stage
// is cleared (`quiet`).
import type { HostName, NoteAt } from './types.ts';
import { steadyLink, steadyStepUs, type Strike, type StrikeDraw } from './strike-shape.ts';

/** The variant's name in its kind, `lagAcrossViewChange`. */
export const STALE_REPLY_SAME_SIZE = 'stale-reply-same-size';

/**
 * The strike, or null when the group is too small: it needs the
 * coordinator and one more on its side, the lagging member and one more
 * on the other, and a leaver (five hosts).
 */
export function drawStaleReplySameSize(d: StrikeDraw): Strike | null {
  const { ctx, between, startUs, hosts, timeout, strike } = d;
  const n = hosts.length;
  if (n < 5) return null;
  const stepUs = steadyStepUs(ctx.flightUs);
  const coordinator = hosts[0]!;
  const leaver = hosts[n - 1]!;
  const joiner: HostName = `p${n + 1}`;
  // The coordinator's side: the most that leave the other side (the joiner's, with the lagging members) a
  // majority of the view (the same size as the old one). It holds a majority only with the lagging members'
  // stale acceptances: one when n is odd, two when it is even.
  const majority = Math.floor(n / 2) + 1;
  const near = hosts.slice(0, n - majority);
  const far: HostName[] = [...hosts.slice(n - majority, n - 1), joiner];
  const lagging = far.slice(-1 - (2 * majority - n), -1);
  // Steady links between every two processes, the joiner's included: the phases take known steps.
  const everyone = [...hosts, joiner];
  for (const from of everyone) for (const to of everyone) if (from !== to) strike.schedule.push({ type: 'link', from, to, bidirectional: false, atUs: startUs, ...steadyLink(stepUs) });
  // One change for both: the leave reaches the coordinator while it handles the join.
  strike.joins.push({ atUs: startUs, count: 1 });
  strike.leaves.push({ atUs: startUs + Math.round(0.5 * stepUs), host: leaver });
  // A lagging member's acceptance goes out two steps after its flush reply (the reply's flight, the accept
  // request's flight): its link to the coordinator dies in between.
  const heldUs = Math.round(between(0.3, 1.7) * stepUs);
  for (const member of lagging) {
    strike.schedule.push({ type: 'link', from: member, to: coordinator, bidirectional: false, lossProbability: 1, at: { note: 'flush-ok', node: member, occurrence: 1, afterUs: startUs, delayUs: heldUs } });
  }
  // The next change (the coordinator suspects the lagging member): its flush requests arrive a step after it
  // begins and the replies are sent then; the split lands while they are on the wire (they arrive), before
  // the accept requests go out (lost to the far side).
  const splitUs = Math.round(between(1.2, 1.8) * stepUs);
  const splitAt: NoteAt = { note: 'view-change-begin', node: coordinator, occurrence: 2, afterUs: startUs, delayUs: splitUs };
  for (const a of near) {
    for (const b of far) {
      strike.schedule.push({ type: 'link', from: a, to: b, bidirectional: false, lossProbability: 1, at: splitAt });
      strike.schedule.push({ type: 'link', from: b, to: a, bidirectional: false, lossProbability: lagging.includes(b) && a === coordinator ? 0 : 1, at: splitAt });
    }
  }
  const healUs = splitUs + Math.round(between(2, 4) * timeout);
  const healAt: NoteAt = { ...splitAt, delayUs: healUs };
  strike.schedule.push({ type: 'link-reset', at: healAt });
  // Room for both changes, the suspicion between them and the split.
  strike.minDurationUs = startUs + Math.round(7 * timeout);
  strike.quiet = true;
  strike.hostsUsed.push(coordinator, ...lagging, leaver);
  strike.detail = `${joiner} joins as ${leaver} leaves (a view of the same size), ${lagging.join(' and ')}'s acceptance to ${coordinator} held back from ${heldUs} us after the flush reply, ` +
    `{${near.join(', ')}} cut from {${far.join(', ')}} ${splitUs} us into the next change (${lagging.join(', ')} -> ${coordinator} back), healed ${healUs} us after its begin`;
  return strike;
}
