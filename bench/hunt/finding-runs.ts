// Which run of the hunt finds each mutant, and what that run staged (its changes from the suite): the look
// behind a first-failure column, for seeing which situations catch which mutants early. Hunts start from
// the two generator files, as in first-failure.ts. BENCH_MUTANTS=a,b for some mutants. Run:
//   npx tsx bench/hunt/finding-runs.ts [max-runs, default 12] [hunt seeds: 1, 1..4 or 1,3]
import { MUTANTS } from '../../protocol/mutants/index.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { hunt } from '../../sim/hunt/hunt.ts';
import { protocolScope } from '../../sim/coverage/scope.ts';

const maxRuns = Number(process.argv[2] ?? 12);
const huntSeeds = parseSeeds(process.argv[3] ?? '1');
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

function parseSeeds(text: string): number[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(text);
  const values = range !== null
    ? Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, k) => Number(range[1]) + k)
    : text.split(',').map(Number);
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1)) {
    process.stderr.write(`finding-runs: hunt seeds: expected 1, 1..4 or 1,3, got "${text}"\n`);
    process.exit(2);
  }
  return values;
}
