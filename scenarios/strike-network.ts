// Strikes made of the network alone (strikes.ts): a member heard slowly
// under load (`slowLinkUnderLoad`), a split with no majority side
// (`noMajoritySplit`), a host isolated past the resends of the exclusion
// notices (`longIsolation`).
import type { HostName } from './types.ts';
import { slowDelay, type Strike, type StrikeDraw } from './strike-shape.ts';

/** How long a long isolation lasts: past the exclusion notices' resends (EXCLUSION_NOTICE_SENDS, about 3.4 s). */
const LONG_ISOLATION_US: readonly [number, number] = [3_700_000, 4_400_000];
/** Its load: a long fault phase at a low rate costs about what the usual one does. */
const LONG_ISOLATION_RATE = 50;
/** What follows the heal before the fault phase ends. */
const AFTER_HEAL_US = 200_000;

/** An ordinary member heard by the coordinator only over a link slower than the suspicion timeout, under load. */
export function drawSlowLinkUnderLoad(d: StrikeDraw): Strike | null {
  const { ctx, between, clamp, startUs, free, timeout, strike } = d;
  const member = free[free.length - 1];
  if (member === undefined || free.length < 2) return null;
  const endUs = clamp(startUs + between(2, 5) * timeout);
  strike.schedule.push({ type: 'link', from: 'coordinator', to: member, atUs: startUs, ...slowDelay(between(1.5, 3) * timeout) });
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

/** A partition with no majority side, healed after everyone suspected everyone. */
export function drawNoMajoritySplit(d: StrikeDraw): Strike | null {
  const { ctx, random, between, clamp, startUs, hosts, timeout, strike } = d;
  // Sides of at most half the group (rounded down): nobody can form a view until the heal.
  const side = Math.max(1, Math.floor(ctx.processes / 2));
  const shuffled = hosts.map((h) => ({ h, key: random.float() })).sort((a, b) => a.key - b.key).map((x) => x.h);
  const groups: HostName[][] = [];
  for (let k = 0; k < shuffled.length; k += side) groups.push(shuffled.slice(k, k + side));
  if (groups.length < 2) return null;
  strike.schedule.push({ type: 'partition', groups, atUs: startUs }, { type: 'heal', atUs: clamp(startUs + between(1.5, 4) * timeout) });
  return strike;
}

/** A member or the coordinator cut off from everyone past the resends of the exclusion notices. */
export function drawLongIsolation(d: StrikeDraw): Strike | null {
  const { variant, between, startUs, free, strike } = d;
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
