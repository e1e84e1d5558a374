// Which run of the hunt finds each mutant, and what that run staged (its changes from the suite): the look
// behind a first-failure column, for seeing which situations catch which mutants early. Hunts start from
// the two generator files, as in first-failure.ts. BENCH_MUTANTS=a,b for some mutants. Run:
//   npx tsx bench/hunt/finding-runs.ts [max-runs, default 12] [hunt seeds: 1, 1..4 or 1,3]
import { MUTANTS } from '../../protocol/mutants/index.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { hunt } from '../../sim/hunt/hunt.ts';
import { protocolScope } from '../../sim/coverage/scope.ts';
import { parseHuntSeeds } from './hunt-seeds.ts';

const maxRuns = Number(process.argv[2] ?? 12);
const huntSeeds = parseHuntSeeds(process.argv[3] ?? '1', 'finding-runs');
const only = process.env['BENCH_MUTANTS']?.split(',');
const generators = ['isis-uniform.json', 'isis-swarm.json'].map((f) => ({ ...loadScenarioFile(`${DEFAULT_SUITE_DIR}/${f}`), file: `scenarios/${f}` }));

for (const mutant of MUTANTS.filter((m) => only === undefined || only.includes(m.name))) {
  for (const seed of huntSeeds) {
    const result = await hunt(generators, protocolScope(), { seed, maxRuns, mutant: mutant.name, shrink: false, stopAtFirstFinding: true });
    const f = result.findings[0];
    const what = f === undefined ? `not in ${maxRuns}` : `run ${f.run}: ${f.scenario.name} seed ${f.seed}: ${f.changes.join(' | ') || '(as drawn)'}`;
    process.stdout.write(`${mutant.name}  hunt seed ${seed}  ${what}\n`);
  }
}

