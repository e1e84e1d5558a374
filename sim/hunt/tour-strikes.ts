// What one candidate of the strike tour carries (strike-coverage.ts). A
// 12-run hunt has room for 4 to 7 tour runs and the tour has 13
// situations, so a tour of one situation per run never reached half of
// them (session 8: each situation added pushed another past run 12). A
// candidate whose first situation is not quiet (its race is not timed in
// steps on a cleared stage) carries more untried situations with it, as
// many as the majority budget holds (a join takes nobody out, two single
// take-outs fit a group of five): strike-mutation.ts `addStrikes` stages
// them at different times on different hosts. They must not undo each
// other: no two cut off the same role (the first would take the role away
// before the second's moment), and none caps the load another raises. A
// quiet one goes alone, as before.
import { isQuietVariant, loadOfVariant, roleOfVariant, situationOf, strikeCost, type StrikeKind } from '../../scenarios/strikes.ts';
import type { Rng } from '../rng.ts';
import type { NoteCounts } from './aimed-faults.ts';
import type { StrikeCoverage } from './strike-coverage.ts';
import type { StrikePick } from './strike-mutation.ts';

/** At most this many situations in one tour candidate (two take-outs and a join, in a group of five). */
export const MAX_TOUR_STRIKES = 3;

/** The tour's next candidate's strikes: an untried situation, and untried companions that fit with it. */
export function tourPicks(strikes: StrikeCoverage, rng: Rng, processes: number, notes: NoteCounts | undefined): StrikePick[] {
  const first = strikes.pick(rng, notes);
  const picks: StrikePick[] = [first];
  if (isQuietVariant(first.kind, first.variant)) return picks;
  while (picks.length < MAX_TOUR_STRIKES) {
    const next = strikes.pick(rng, notes, (kind, variant) => fitsWith(picks, kind, variant, processes));
    if (next === null) break;
    picks.push(next);
  }
  return picks;
}

/** Whether a strike of `kind`/`variant` may be staged with `picks` (see the file comment). */
export function fitsWith(picks: readonly StrikePick[], kind: StrikeKind, variant: string, processes: number): boolean {
  if (isQuietVariant(kind, variant)) return false;
  const spent = picks.reduce((n, p) => n + strikeCost(p.kind, processes), 0);
  if (spent + strikeCost(kind, processes) > Math.floor((processes - 1) / 2)) return false;
  const situation = situationOf(kind, variant);
  const role = roleOfVariant(kind, variant);
  const load = loadOfVariant(kind, variant);
  return picks.every((p) => {
    const other = loadOfVariant(p.kind, p.variant);
    const clash = (load === 'low' && other === 'raised') || (load === 'raised' && other === 'low');
    return situationOf(p.kind, p.variant) !== situation && (role === undefined || roleOfVariant(p.kind, p.variant) !== role) && !clash;
  });
}
