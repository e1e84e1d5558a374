// Competing coordinators (strikes.ts `competingCoordinators`): the
// coordinator and its successor suspect each other at once and both run a
// view change, evenly, one lagging towards the rest, or staggered on steady
// links so the younger one's phases interleave with the older one's.
import { slowDelay, steadyLink, steadyStepUs, type Strike, type StrikeDraw } from './strike-shape.ts';
import { isQuietVariant } from './strike-variants.ts';

/** Two coordinators at once (the variant: even, one lagging, or staggered). */
export function drawCompetingCoordinators(d: StrikeDraw): Strike | null {
  const { ctx, random, variant, between, clamp, startUs, hosts, free, timeout, strike } = d;
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
    strike.quiet = isQuietVariant('competingCoordinators', variant);
  }
  strike.schedule.push({ type: 'link', from: first, to: second, atUs: startUs, ...slowDelay(between(2, 3) * timeout) });
  // One of the two a few flights slower towards everyone else: whose messages win the race varies.
  if (variant === 'one-lags') {
    const lagging = random.float() < 0.5 ? first : second;
    const lagUs = between(0.5, 3) * ctx.flightUs;
    for (const other of free.filter((h) => h !== first && h !== second)) {
      strike.schedule.push({ type: 'link', from: lagging, to: other, bidirectional: false, atUs: startUs, ...slowDelay(ctx.flightUs + lagUs) });
    }
  }
  strike.schedule.push({ type: 'link-reset', atUs: clamp(startUs + holdUs) });
  // The loser of the two is excluded; which one is the race's outcome. The coordinator stays the plans' oldest.
  strike.hostsUsed.push(second);
  return strike;
}
