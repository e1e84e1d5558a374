// Strikes made of membership changes (strikes.ts): leaves under a false
// suspicion (`leaveUnderSuspicion`), a join as the workload ends
// (`joinAtLastWrites`), a member lagging across a leave's view change while
// a sender is cut off and crashes (`lagAcrossViewChange`), leaves meeting a
// crash or a split at the majority boundary (`leavesMeetCrash`).
import type { HostName, NoteAt } from './types.ts';
import { slowDelay, steadyLink, steadyStepUs, type Strike, type StrikeDraw } from './strike-shape.ts';
import { isQuietVariant } from './strike-variants.ts';

/** How close to the workload's end the late join lands, in message flights: its join request reaches the group as the last writes are in flight. */
const LAST_WRITES_FLIGHTS: readonly [number, number] = [0, 4];
/** The lagging link of `lagAcrossViewChange`, as a share of the suspicion timeout. */
const LAG_OF_TIMEOUT: readonly [number, number] = [0.5, 0.85];

/** Leaves that halve the group while one more member is falsely suspected. */
export function drawLeaveUnderSuspicion(d: StrikeDraw): Strike | null {
  const { ctx, random, variant, between, clamp, startUs, free, timeout, strike } = d;
  const n = ctx.processes;
  const leavers = fewestDiscountedLeavers(n);
  if (leavers === 0 || free.length < leavers + 2) return null;
  const leaving = free.slice(free.length - leavers);
  const suspect = free[free.length - leavers - 1]!;
  const coordinator = free[0]!;
  // Just over the timeout: the suspicion comes and goes as late heartbeats arrive.
  const slowFromUs = clamp(startUs - between(0, 1.2) * timeout);
  strike.schedule.push(
    { type: 'link', from: coordinator, to: suspect, atUs: slowFromUs, ...slowDelay(between(1.02, 1.4) * timeout) },
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
    strike.quiet = isQuietVariant('leaveUnderSuspicion', variant);
  }
  for (const l of leaving) strike.leaves.push({ atUs: startUs, host: l });
  if (random.float() < 0.5) strike.joins.push({ atUs: clamp(startUs + between(0, 1) * timeout), count: 1 });
  strike.hostsUsed.push(...leaving, suspect);
  return strike;
}

/** A join just as the workload ends. */
export function drawJoinAtLastWrites(d: StrikeDraw): Strike | null {
  const { ctx, random, between, clamp, strike } = d;
  // Measured (session 7, a join 0 to 10 ms before the end of uniform seeds 1..10): the flush that
  // admits it delivered writes its provider had not applied on 5 to 7 of 10 seeds, with or without the
  // seeds' own faults; a random join at most one in ten.
  const atUs = clamp(ctx.durationUs - between(LAST_WRITES_FLIGHTS[0], LAST_WRITES_FLIGHTS[1]) * ctx.flightUs);
  strike.joins.push({ atUs, count: 1 });
  strike.detail = `join ${Math.round((ctx.durationUs - atUs) / 1000)} ms before the workload ends`;
  return strike;
}

/** The youngest member slow to all across a leave, and a sender cut off from it and crashed after a flush reply. */
export function drawLagAcrossViewChange(d: StrikeDraw): Strike | null {
  const { ctx, between, clamp, startUs, hosts, free, timeout, strike } = d;
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
  for (const to of hosts.filter((h) => h !== lagging)) strike.schedule.push({ type: 'link', from: lagging, to, bidirectional: false, atUs: slowFromUs, ...slowDelay(lagUs) });
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

/** Leaves at the majority boundary meeting a crash, or one leave and an even split. */
export function drawLeavesMeetCrash(d: StrikeDraw): Strike | null {
  const { ctx, random, variant, between, clamp, startUs, hosts, free, timeout, strike } = d;
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
