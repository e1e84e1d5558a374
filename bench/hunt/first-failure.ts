// Seeds to the first failure of every mutant (protocol/mutants), for three
// ways of drawing runs, side by side in one run: uniform random scenarios
// (isis-uniform.json, seeds 1, 2, ...), swarm scenarios (isis-swarm.json,
// seeds 1, 2, ...), and `vsynclab hunt` started from those two files (its
// first two runs are their seed 1; then mutants of what reached new
// coverage, with faults aimed at protocol notes: sim/hunt/aimed-faults.ts).
// Every mutant of protocol/mutants (BENCH_MUTANTS=a,b for some). A "seed"
// is one run in every column. Wall seconds are summed
// run times; the hunt's include its coverage bookkeeping and run with V8's
// optimizing compiler off (sim/coverage/v8-session.ts). BENCH_COLUMNS=hunt
// (or uniform,swarm) measures only those columns (the others show "-"). Run:
//   npx tsx bench/hunt/first-failure.ts [max-seeds] [hunt-seed]
import { availableParallelism } from 'node:os';
import { MUTANTS } from '../../protocol/mutants/index.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { huntMutant, seedMajorPlan } from '../../sim/suite/hunt.ts';
import { hunt } from '../../sim/hunt/hunt.ts';
import { protocolScope } from '../../sim/coverage/scope.ts';
import { printTable } from '../report.ts';

const MAX_SEEDS = Number(process.argv[2] ?? 12);
const HUNT_SEED = Number(process.argv[3] ?? 1);
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

const rows: string[][] = [];
const columns: Cell[][] = [[], [], []];
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
  if (columnsOn.includes('hunt')) {
    const started = process.hrtime.bigint();
    const hunted = await hunt(generators, protocolScope(), { seed: HUNT_SEED, maxRuns: MAX_SEEDS, mutant: mutant.name, shrink: false, stopAtFirstFinding: true });
    const first = hunted.findings[0];
    cells.push({ seeds: first === undefined ? null : first.run, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
  } else cells.push(SKIPPED);
  cells.forEach((c, k) => columns[k]!.push(c));
  rows.push([mutant.name, ...cells.map(show)]);
  // Each row as it is measured (the table comes at the end): a long run under load still shows progress.
  process.stderr.write(`${[mutant.name, ...cells.map(show)].join('  ')}\n`);
}

function median(cells: readonly Cell[]): string {
  if (cells.some((c) => c.skipped === true)) return '-';
  const values = cells.map((c) => c.seeds ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
  const mid = values.length / 2;
  const m = values.length % 2 === 1 ? values[Math.floor(mid)]! : (values[mid - 1]! + values[mid]!) / 2;
  return Number.isFinite(m) ? String(m) : `> ${MAX_SEEDS}`;
}
rows.push(['found', ...columns.map((c) => (c.some((x) => x.skipped === true) ? '-' : `${c.filter((x) => x.seeds !== null).length} of ${c.length}`))]);
rows.push(['median seeds (not found: infinite)', ...columns.map(median)]);
printTable(['mutant', 'uniform: seeds (s)', 'swarm: seeds (s)', `hunt --seed ${HUNT_SEED}: runs (s)`], rows);
