// Competing coordinators (strikes.ts `competingCoordinators`): the
// coordinator and its successor suspect each other at once and both run a
// view change, evenly, one lagging towards the rest, staggered on steady
// links so the younger one's phases interleave with the older one's, or
// with the replies to the younger one late past its retry (stale replies).
import { slowDelay, steadyLink, steadyStepUs, type Strike, type StrikeDraw } from './strike-shape.ts';
import { isQuietVariant } from './strike-variants.ts';
import type { HostName, ScheduledFault } from './types.ts';

/** protocol/isis/options.ts's default view-change timeout, for a caller that does not know the scenario's. */
export const DEFAULT_VIEW_CHANGE_TIMEOUT_US = 120_000;
/** A link's delay rises by at most this share of the suspicion timeout at once (more, and the heartbeats' gap alone makes a suspicion). */
const RAMP_STEP_SHARE = 0.4;

/** Two coordinators at once (the variant: even, one lagging, or staggered). */
export function drawCompetingCoordinators(d: StrikeDraw): Strike | null {
  const { ctx, random, variant, between, clamp, startUs, hosts, free, timeout, strike } = d;
  const [first, second] = free;
  if (first === undefined || second === undefined) return null;
  if (variant === 'stale-replies') return drawStaleReplies(d, first, second);
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

/**
 * Competing coordinators whose replies race their retries (Paxos: a phase-1
 * reply of an earlier ballot). `first` (the older: its ballot wins a tie)
 * and `second` stop hearing each other and begin at once; `second`'s
 * requests reach the members first (`first`'s links to them take about
 * 0.4 view-change timeouts), so they promise `second`, then promise and
 * accept `first`'s higher ballot over fast links back and install its view
 * a flight later. Their replies back to `second` take a little over its
 * view-change timeout, so it retries with a new ballot, and the replies to
 * the old one arrive while it waits for the new one's: they do not show
 * what the members accepted since. Slowing the links back to `second` at
 * once would make it suspect them all, so their delay rises in steps
 * (RAMP_STEP_SHARE) before the two are cut apart.
 */
function drawStaleReplies(d: StrikeDraw, first: HostName, second: HostName): Strike {
  const { ctx, between, startUs, hosts, timeout, strike } = d;
  const viewChangeUs = ctx.viewChangeTimeoutUs ?? DEFAULT_VIEW_CHANGE_TIMEOUT_US;
  const steadyUs = steadyStepUs(ctx.flightUs);
  const others = hosts.filter((h) => h !== first && h !== second);
  // Late past the retry, and `first`'s install (three of its request flights) later than the stale replies.
  const replyUs = between(1.05, 1.2) * viewChangeUs;
  const requestUs = between(replyUs / 3 + 0.02 * viewChangeUs, 0.45 * viewChangeUs);
  const ramp = (from: HostName, to: HostName, targetUs: number): { faults: ScheduledFault[]; endUs: number } => {
    const stepUs = RAMP_STEP_SHARE * timeout;
    const steps = Math.max(1, Math.ceil((targetUs - steadyUs) / stepUs));
    const faults: ScheduledFault[] = [];
    for (let k = 1; k <= steps; k++) {
      const delayUs = Math.min(targetUs, steadyUs + k * stepUs);
      faults.push({ type: 'link', from, to, bidirectional: false, atUs: Math.round(startUs + (k - 1) * timeout), ...steadyLink(delayUs) });
    }
    return { faults, endUs: startUs + steps * timeout };
  };
  let cutUs = startUs;
  for (const member of others) {
    for (const [from, to, targetUs] of [[member, second, replyUs], [first, member, requestUs]] as const) {
      const r = ramp(from, to, targetUs);
      strike.schedule.push(...r.faults);
      cutUs = Math.max(cutUs, r.endUs);
    }
    strike.schedule.push({ type: 'link', from: member, to: first, bidirectional: false, atUs: startUs, ...steadyLink(steadyUs) });
    strike.schedule.push({ type: 'link', from: second, to: member, bidirectional: false, atUs: startUs, ...steadyLink(steadyUs) });
  }
  // The ramps may outlast the drawn window: the fault phase is lengthened to hold the race and its retry.
  const resetUs = Math.round(cutUs + timeout + between(3, 5) * (viewChangeUs + replyUs));
  strike.schedule.push({ type: 'link', from: first, to: second, lossProbability: 1, atUs: Math.round(cutUs) });
  strike.schedule.push({ type: 'link-reset', atUs: resetUs });
  strike.minDurationUs = resetUs + timeout;
  strike.detail = `competing coordinators ${first} and ${second} from ${Math.round(cutUs)} us, replies to ${second} ${Math.round(replyUs)} us, ${first}'s requests ${Math.round(requestUs)} us`;
  strike.quiet = isQuietVariant('competingCoordinators', d.variant);
  strike.hostsUsed.push(second);
  return strike;
}
