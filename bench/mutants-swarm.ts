// Swarm against uniform random testing (Groce et al., ISSTA 2012): for each
// mutant, how many seeds of each generator pass before the first failure.
// Both generators are scenario files of the default suite; they differ only
// in mode. Run:
//   npx tsx bench/mutants-swarm.ts [seeds]
import { availableParallelism } from 'node:os';
import { MUTANTS } from '../protocol/mutants/index.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../sim/scenario-files.ts';
import { huntMutant, seedMajorPlan } from '../sim/suite/hunt.ts';
import { printTable } from './report.ts';

const SEEDS = Number(process.argv[2] ?? 60);
const seeds = Array.from({ length: SEEDS }, (_, k) => k + 1);
const workers = availableParallelism();
const generators = ['isis-uniform.json', 'isis-swarm.json'].map((f) => ({ ...loadScenarioFile(`${DEFAULT_SUITE_DIR}/${f}`), file: `scenarios/${f}` }));

const rows: string[][] = [];
const totals = [0, 0];
for (const mutant of MUTANTS) {
  const cells: string[] = [mutant.name];
  for (const [k, generator] of generators.entries()) {
    const hunt = await huntMutant(mutant.name, seedMajorPlan([generator], seeds, mutant.name), workers);
    cells.push(hunt.caught ? `${hunt.seedsToFailure} (${hunt.properties.join(', ') || hunt.failure})` : `> ${SEEDS} (survived)`);
    totals[k]! += hunt.caught ? hunt.seedsToFailure : SEEDS + 1;
  }
  rows.push(cells);
}
rows.push(['total (survivors count seeds + 1)', String(totals[0]), String(totals[1])]);
printTable(['mutant', `uniform: seeds to first failure`, `swarm: seeds to first failure`], rows);
