// Which strikes the hunt's runs have had, so its strike mutation steers
// towards what the corpus lacks (FairFuzz's rare-branch energy, with the
// generator's strike variants for branches). Per kind x variant (the
// variant names the role it hits: the coordinator after the last flush
// reply, the sequencer after ordering, a member or the coordinator cut off
// for long...): how many candidates carried it, how many of those were
// kept, and which facts (notes, role-fault pairs) runs with it reached
// first. A variant never tried is drawn first, one tried often and fruitless
// last; among the untried, the generator's weights decide (the variants
// random faults produce least weigh most), and a cut at a note the parent's
// run emitted weighs double (the strike is aimed at a moment the corpus has
// seen happen); a quiet variant (a race timed in steps) weighs double.
// Before any of that, the hunt tours the situations (a kind, or a cut at a
// note by the role it cuts off: strikes.ts `situationOf`): while one is
// untried, only the untried ones are drawn, each situation as likely as
// any other (`perSituation`), so a short hunt puts each of
// them on stage once instead of a few variants of the heaviest kinds
// several times (session 7: the first 12 runs of `--seed 1` tried seven
// variants of four situations, none of the long isolation, the sequencer
// or a join). After the first round the hunt opens later rounds, one
// candidate at a time (`openRetour`): each situation staged again, freshly
// drawn, on a fresh stage, since most situations fail a bug only part of
// the time.
import { DEFAULT_STRIKE_WEIGHTS, isHuntOnlyVariant, isQuietVariant, noteOfVariant, situationOf, STRIKE_VARIANTS, STRIKES, type StrikeKind, type StrikeVariant } from '../../scenarios/strikes.ts';
import type { Rng } from '../rng.ts';
import type { NoteCounts } from './aimed-faults.ts';

export interface StrikeTally {
  kind: StrikeKind;
  variant: string;
  /** Candidates that carried it (added by the strike mutation). */
  tries: number;
  /** Of those, runs kept for reaching new ground. */
  kept: number;
  /** Facts such runs reached first (a bounded sample, for the report). */
  facts: string[];
}

/** Weight of a variant never tried, against 1 / (1 + tries) for one tried. */
const UNTRIED_BOOST = 3;
/** A cut at a note the parent's run emitted weighs this much more. */
const SEEN_NOTE_BOOST = 2;
/**
 * A quiet variant (its race timed in steps, strikes.ts) weighs this much
 * more: it reaches its race on most seeds of a cleared stage, and a short
 * hunt tries each variant about once (session 6: in 12 runs of `--seed 1`
 * the coordinator cut off after the last flush reply, 7 % of the prior
 * weight, was not drawn).
 */
const QUIET_BOOST = 2;
const MAX_FACTS_PER_VARIANT = 8;
/** A situation drawn this often in the tour and never carried (its strike never fitted) counts as toured. */
const MAX_TOUR_PICKS = 3;

export function strikeKey(kind: StrikeKind, variant: string): string {
  return `${kind}/${variant}`;
}

export class StrikeCoverage {
  private readonly tallies = new Map<string, StrikeTally>();
  /** Per situation: how often the current round of the tour drew it. */
  private tourPicks = new Map<string, number>();
  /** Situations some candidate carried in the current round of the tour. */
  private carriedThisRound = new Set<string>();
  /** Set when the first round ends early (the hunt's candidates could take no strike). */
  private tourOver = false;
  /** A later round is open (`openRetour`): the tour draws again, for one candidate. */
  private retourOpen = false;
  /** Rounds of the tour begun (the first is the tour itself). */
  private round = 1;

  constructor() {
    for (const kind of STRIKES) for (const v of STRIKE_VARIANTS[kind]) this.tallies.set(strikeKey(kind, v.name), { kind, variant: v.name, tries: 0, kept: 0, facts: [] });
  }

  /**
   * A kind and variant to add, drawn by prior weight x rarity (see the file
   * comment); with `fits`, only among the variants it accepts (a tour
   * candidate's companion strikes: strike-mutation.ts `addStrikes`), and
   * null when none is left.
   */
  pick(rng: Rng, parentNotes?: NoteCounts): { kind: StrikeKind; variant: string };
  pick(rng: Rng, parentNotes: NoteCounts | undefined, fits: (kind: StrikeKind, variant: string) => boolean): { kind: StrikeKind; variant: string } | null;
  pick(rng: Rng, parentNotes?: NoteCounts, fits?: (kind: StrikeKind, variant: string) => boolean): { kind: StrikeKind; variant: string } | null {
    const untried = new Set(this.untriedSituations());
    const touring = this.touring();
    const all = this.staged().filter((t) => (!touring || untried.has(situationOf(t.kind, t.variant))) && (fits === undefined || fits(t.kind, t.variant)));
    if (all.length === 0) return null;
    const weights = all.map((t) => {
      const variants = STRIKE_VARIANTS[t.kind];
      // Over the generator's weights of the kind: a hunt-only variant leaves the others' priors as they were.
      const prior = (DEFAULT_STRIKE_WEIGHTS[t.kind] * huntWeight(variants.find((v) => v.name === t.variant)!)) / variants.reduce((n, v) => n + v.weight, 0);
      // A variant that opened new ground stays worth trying, however often.
      const rarity = t.tries === 0 ? UNTRIED_BOOST : (1 + t.kept) / (1 + t.tries);
      return prior * rarity * (seenNote(t, parentNotes) ? SEEN_NOTE_BOOST : 1) * (isQuietVariant(t.kind, t.variant) ? QUIET_BOOST : 1);
    });
    const chosen = all[rng.weightedIndex(touring ? perSituation(all, weights) : weights)]!;
    if (touring) {
      const situation = situationOf(chosen.kind, chosen.variant);
      this.tourPicks.set(situation, (this.tourPicks.get(situation) ?? 0) + 1);
    }
    return { kind: chosen.kind, variant: chosen.variant };
  }

  /** Situations no candidate has carried yet in this round (and the round has not given up on: MAX_TOUR_PICKS). */
  untriedSituations(): string[] {
    const all = new Set<string>();
    for (const t of this.staged()) all.add(situationOf(t.kind, t.variant));
    return [...all].filter((s) => !this.carriedThisRound.has(s) && (this.tourPicks.get(s) ?? 0) < MAX_TOUR_PICKS);
  }

  /** Whether the tour draws: in its first round until every situation was tried (or the hunt ended it), in a later one while it is open. */
  touring(): boolean {
    return (this.retourOpen || !this.tourOver) && this.untriedSituations().length > 0;
  }

  /** Ends the first round whatever is untried (a hunt whose starting scenarios take no strike, or one past its bound). */
  endTour(): void {
    this.tourOver = true;
  }

  /** Whether the first round is over (the hunt may then open later ones). */
  firstRoundOver(): boolean {
    return this.tourOver || this.untriedSituations().length === 0;
  }

  /**
   * Opens a later round of the tour for one candidate (closed again by
   * `closeRetour`): each situation is staged once more, with fresh draws of
   * its timing, hosts and variant, on whichever parent the hunt gives it.
   * A situation fails a bug only part of the time (BENCHMARKS.md, session
   * 6: the races land on 2 to 10 seeds of 10), so one try per hunt leaves
   * most such bugs found on some hunt seeds and not on others. When every
   * situation of the round has been tried, a new round begins.
   */
  openRetour(): void {
    this.tourOver = true;
    // Open first: a later round's situations include the hunt-only ones (`staged`).
    this.retourOpen = true;
    if (this.untriedSituations().length === 0) {
      this.round++;
      this.carriedThisRound = new Set();
      this.tourPicks = new Map();
    }
  }

  closeRetour(): void {
    this.retourOpen = false;
  }

  /** The tour's round: 1 for the first tour, then one more each time every situation was staged again. */
  rounds(): number {
    return this.round;
  }

  /** How many situations there are (the tour's length). */
  situationCount(): number {
    return new Set(this.staged().map((t) => situationOf(t.kind, t.variant))).size;
  }

  /**
   * The variants a pick may draw now: a hunt-only one (strike-variants.ts
   * HUNT_ONLY_VARIANTS) only in a later round of the tour. Its situations
   * made the first round two longer and pushed others past run 12 (hunt
   * seed 1: takeover-ignores-accepted at run 27 instead of 6,
   * orders-acked-after-flush at 16 instead of 7); left to the later rounds,
   * the first ~16 runs of a hunt stay what they were.
   */
  private staged(): StrikeTally[] {
    return [...this.tallies.values()].filter((t) => this.retourOpen || !isHuntOnlyVariant(t.kind, t.variant));
  }

  /** A candidate's run: the strike variants it carried that its parent did not, whether it was kept, its fresh facts. */
  record(keys: readonly string[], kept: boolean, freshFacts: readonly string[]): void {
    for (const key of keys) {
      const t = this.tallies.get(key);
      if (t === undefined) continue;
      t.tries++;
      this.carriedThisRound.add(situationOf(t.kind, t.variant));
      if (kept) t.kept++;
      for (const f of freshFacts) if (t.facts.length < MAX_FACTS_PER_VARIANT && !t.facts.includes(f)) t.facts.push(f);
    }
  }

  /** How many candidates carried the variant `key`. */
  tries(key: string): number {
    return this.tallies.get(key)?.tries ?? 0;
  }

  /** The share of variants no candidate has carried yet (the strike mutation's weight grows with it). */
  untriedShare(): number {
    // Hunt-only variants left out: the plain strike mutation never draws them (`staged`).
    const all = [...this.tallies.values()].filter((t) => !isHuntOnlyVariant(t.kind, t.variant));
    return all.filter((t) => t.tries === 0).length / all.length;
  }

  tally(): StrikeTally[] {
    return [...this.tallies.values()].map((t) => ({ ...t, facts: [...t.facts] }));
  }
}

/**
 * The weights scaled so that each situation's variants weigh 1 together:
 * the tour draws its next situation evenly and a variant within it by
 * weight. By the kinds' weights, the situations of light kinds came last
 * and a 12-run hunt rarely reached them (session 9, 12-run logs of hunt
 * seeds 1 to 3: leaves meeting a crash, 2 of the kinds' 21.5, toured on
 * none); which situation a bug needs is not known beforehand, so none is
 * put last.
 */
function perSituation(all: readonly StrikeTally[], weights: readonly number[]): number[] {
  const totals = new Map<string, number>();
  all.forEach((t, k) => {
    const situation = situationOf(t.kind, t.variant);
    totals.set(situation, (totals.get(situation) ?? 0) + weights[k]!);
  });
  return all.map((t, k) => weights[k]! / totals.get(situationOf(t.kind, t.variant))!);
}

/** A variant's weight in the hunt's steering: its generator weight unless it names one of its own (a hunt-only variant). */
function huntWeight(v: StrikeVariant): number {
  return v.huntWeight ?? v.weight;
}

/** Whether a cut-at-note variant's note is one the parent's run emitted. */
function seenNote(t: StrikeTally, notes: NoteCounts | undefined): boolean {
  const note = noteOfVariant(t.kind, t.variant);
  return note !== undefined && notes !== undefined && (notes[note] ?? 0) > 0;
}
