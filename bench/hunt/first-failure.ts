// Seeds to the first failure of every mutant (protocol/mutants), for three
// ways of drawing runs, side by side in one run: uniform random scenarios
// (isis-uniform.json, seeds 1, 2, ...), swarm scenarios (isis-swarm.json,
// seeds 1, 2, ...), and `vsynclab hunt` started from those two files (its
// first two runs are their seed 1; then mutants of what reached new
// coverage, the strike tour and its later rounds, fresh draws:
// sim/hunt/hunt.ts), one hunt column per hunt seed. Every mutant of
// protocol/mutants (BENCH_MUTANTS=a,b for some). A "seed" is one run in
// every column. "Found" counts the mutants found within the budget
// (max-seeds, default 100: 20 to 24 s of CPU for the two generator files
// on the 2-core machine, under half of a one-minute `vsynclab hunt`,
// notes/h-bench.md); the rows "found in 12"
// and "median in 12" keep issue 14's short measure (a mutant found later
// counts as not found there). Wall seconds are summed run times; the hunt's
// include its coverage bookkeeping and run with V8's optimizing compiler
// off (sim/coverage/v8-session.ts). BENCH_COLUMNS=hunt (or uniform,swarm)
// measures only those columns (the others show "-"). Run:
//   npx tsx bench/hunt/first-failure.ts [max-seeds] [hunt-seeds: 1, 1..4 or 1,3]
import { availableParallelism } from 'node:os';
import { MUTANTS } from '../../protocol/mutants/index.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { huntMutant, seedMajorPlan } from '../../sim/suite/hunt.ts';
import { hunt } from '../../sim/hunt/hunt.ts';
import { protocolScope } from '../../sim/coverage/scope.ts';
import { printTable } from '../report.ts';
import { parseHuntSeeds } from './hunt-seeds.ts';

/** The run budget "found" is counted against (see the file comment; notes/h-bench.md for its cost). */
const DEFAULT_BUDGET = 100;
/** Issue 14's short measure, reported beside the budget. */
const SHORT_BUDGET = 12;

const MAX_SEEDS = Number(process.argv[2] ?? DEFAULT_BUDGET);
const HUNT_SEEDS = parseHuntSeeds(process.argv[3] ?? '1', 'first-failure');
const only = process.env['BENCH_MUTANTS']?.split(',');
const columnsOn = process.env['BENCH_COLUMNS']?.split(',') ?? ['uniform', 'swarm', 'hunt'];
const seeds = Array.from({ length: MAX_SEEDS }, (_, k) => k + 1);
const workers = availableParallelism();
const generators = ['isis-uniform.json', 'isis-swarm.json'].map((f) => ({ ...loadScenarioFile(`${DEFAULT_SUITE_DIR}/${f}`), file: `scenarios/${f}` }));

interface Cell {
  seeds: number | null;
  seconds: number;
  /** Not measured (BENCH_COLUMNS). */
  skipped?: true;
}
const show = (c: Cell): string => (c.skipped === true ? '-' : c.seeds === null ? `> ${MAX_SEEDS}` : `${c.seeds} (${c.seconds.toFixed(1)} s)`);
const SKIPPED: Cell = { seeds: null, seconds: 0, skipped: true };

const columnNames = ['uniform: seeds (s)', 'swarm: seeds (s)', ...HUNT_SEEDS.map((h) => `hunt --seed ${h}: runs (s)`)];
const rows: string[][] = [];
const columns: Cell[][] = columnNames.map(() => []);
for (const mutant of MUTANTS.filter((m) => only === undefined || only.includes(m.name))) {
  const cells: Cell[] = [];
  // Uniform and swarm run after the hunt would be slowed by its coverage (no optimizing compiler): they go first.
  for (const [k, generator] of generators.entries()) {
    if (!columnsOn.includes(k === 0 ? 'uniform' : 'swarm')) {
      cells.push(SKIPPED);
      continue;
    }
    const found = await huntMutant(mutant.name, seedMajorPlan([generator], seeds, mutant.name), workers);
    cells.push({ seeds: found.caught ? found.seedsToFailure : null, seconds: found.secondsToFailure });
  }
  for (const huntSeed of HUNT_SEEDS) {
    if (!columnsOn.includes('hunt')) {
      cells.push(SKIPPED);
      continue;
    }
    const started = process.hrtime.bigint();
    const hunted = await hunt(generators, protocolScope(), { seed: huntSeed, maxRuns: MAX_SEEDS, mutant: mutant.name, shrink: false, stopAtFirstFinding: true });
    const first = hunted.findings[0];
    cells.push({ seeds: first === undefined ? null : first.run, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
  }
  cells.forEach((c, k) => columns[k]!.push(c));
  rows.push([mutant.name, ...cells.map(show)]);
  // Each row as it is measured (the table comes at the end): a long run under load still shows progress.
  process.stderr.write(`${[mutant.name, ...cells.map(show)].join('  ')}\n`);
}

/** Seeds to the first failure within `budget`, a mutant not found counted as infinite. */
function within(cells: readonly Cell[], budget: number): number[] {
  return cells.map((c) => (c.seeds !== null && c.seeds <= budget ? c.seeds : Number.POSITIVE_INFINITY));
}
function median(values: readonly number[], budget: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const m = sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Number.isFinite(m) ? String(m) : `> ${budget}`;
}
const summary = (f: (c: readonly Cell[]) => string): string[] => columns.map((c) => (c.some((x) => x.skipped === true) ? '-' : f(c)));
const found = (c: readonly Cell[], budget: number): string => `${within(c, budget).filter(Number.isFinite).length} of ${c.length}`;
rows.push([`found (in ${MAX_SEEDS})`, ...summary((c) => found(c, MAX_SEEDS))]);
rows.push([`median in ${MAX_SEEDS} (not found: infinite)`, ...summary((c) => median(within(c, MAX_SEEDS), MAX_SEEDS))]);
if (MAX_SEEDS > SHORT_BUDGET) {
  rows.push([`found in ${SHORT_BUDGET}`, ...summary((c) => found(c, SHORT_BUDGET))]);
  rows.push([`median in ${SHORT_BUDGET} (not found: infinite)`, ...summary((c) => median(within(c, SHORT_BUDGET), SHORT_BUDGET))]);
}
printTable(['mutant', ...columnNames], rows);

