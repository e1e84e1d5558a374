// The hunt's corpus: the candidates it kept, each with an energy that says
// how often it is drawn as a parent. The energy grows with what the entry
// brought (fresh branches and facts) and with how rare what it reached still
// is (its rare facts, by today's counts; the strike variants it carries, by
// how often candidates carried them), and shrinks each time it is drawn.
// Bounded: past MAX_CORPUS a new entry replaces the least productive one.
import type { Rng } from '../rng.ts';
import { mutate, type Candidate, type Switches } from './mutate.ts';
import type { StrikeCoverage } from './strike-coverage.ts';

export interface KeptCandidate extends Candidate {
  file: string;
  /** The run that kept it. */
  run: number;
  freshBranches: number;
  freshFacts: number;
}

/** Bound on the corpus: past it, a new entry replaces the least productive one. */
export const MAX_CORPUS = 1_000;
/** A candidate remembers this many of the changes that made it from the suite. */
export const MAX_CHANGES_KEPT = 20;

export interface Entry extends KeptCandidate {
  picks: number;
  /** Facts of its run that at most RARE_RUNS runs had shown when it was kept (its energy follows their counts). */
  rare: string[];
  /** The strike variants the hunt's mutations added to it and its ancestors (its energy follows how rarely they were tried). */
  strikes: string[];
}

/** A fact shown by at most this many runs is rare. */
const RARE_RUNS = 2;
/** Rare facts remembered per entry. */
const MAX_RARE_PER_ENTRY = 32;
/** Weight of rarity against fresh ground in an entry's energy. */
const RARITY_WEIGHT = 4;

/** `child` of `parent` (its file, the changes that made it, at most MAX_CHANGES_KEPT), carrying `carried` strikes. */
export function childOf(parent: Candidate & { file: string }, child: Candidate, carried: string[]): Candidate & { file: string; carried: string[] } {
  return { ...child, file: parent.file, changes: [...parent.changes, ...child.changes].slice(-MAX_CHANGES_KEPT), carried };
}

/** The facts of a run that at most RARE_RUNS runs have shown (at most MAX_RARE_PER_ENTRY). */
export function rareFacts(runFacts: Iterable<string>, counts: ReadonlyMap<string, number>): string[] {
  const rare: string[] = [];
  for (const f of runFacts) {
    if ((counts.get(f) ?? 0) <= RARE_RUNS) rare.push(f);
    if (rare.length >= MAX_RARE_PER_ENTRY) break;
  }
  return rare;
}

/**
 * (1 + what it brought + rarity of what it reached, by today's counts, and
 * of the strike variants it carries, by how often candidates carried them)
 * / (1 + times drawn).
 */
function energy(e: Entry, counts: ReadonlyMap<string, number>, strikes: StrikeCoverage): number {
  let rarity = 0;
  for (const f of e.rare) rarity += 1 / Math.max(1, counts.get(f) ?? 1);
  for (const k of e.strikes) rarity += 1 / Math.max(1, strikes.tries(k));
  return (1 + e.freshBranches + e.freshFacts + RARITY_WEIGHT * rarity) / (1 + e.picks);
}

/**
 * A parent drawn by its energy, so entries that opened new ground or reach
 * rare facts are mutated more, but none forever; its mutant may splice in
 * parts of any other entry.
 */
export function pickAndMutate(
  corpus: Entry[],
  switches: Switches,
  counts: ReadonlyMap<string, number>,
  strikes: StrikeCoverage,
  rng: Rng,
): (Candidate & { file: string; carried: string[] }) | null {
  if (corpus.length === 0) return null;
  for (let attempt = 0; attempt < corpus.length + 1; attempt++) {
    const parent = corpus[rng.weightedIndex(corpus.map((e) => energy(e, counts, strikes)))]!;
    parent.picks++;
    const child = mutate(parent, corpus, switches, rng, strikes);
    if (child !== null) return childOf(parent, child, parent.strikes);
  }
  return null;
}

export function keep(corpus: Entry[], entry: Entry, counts: ReadonlyMap<string, number>, strikes: StrikeCoverage): void {
  if (corpus.length < MAX_CORPUS) {
    corpus.push(entry);
    return;
  }
  let worst = 0;
  corpus.forEach((e, k) => {
    if (energy(e, counts, strikes) < energy(corpus[worst]!, counts, strikes)) worst = k;
  });
  corpus[worst] = entry;
}
