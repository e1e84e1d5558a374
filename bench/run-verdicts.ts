// Every run's verdict, one line each: the scenario file, the seed and the
// failure text (or "passed"). A change that must keep every verdict (the
// write ledger's pruning, sim/replica-writes.ts) prints the same lines
// before and after; `--dist DIR` loads another build's dist/ (a baseline
// tree of main). `--mutants all` (or a comma-separated list) runs the suite
// against each mutant in turn. Run:
//   npm run build && npx tsx bench/run-verdicts.ts [PATH...] [--seeds A..B] [--dist DIR] [--mutants all|A,B]
// Compare two builds with the paths stripped: sed 's|^.*/scenarios/|scenarios/|' | sort.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchArgs } from './args.ts';

const args = benchArgs(process.argv.slice(2), ['--seeds', '--dist', '--mutants']);
const seedsText = args.valueOf('--seeds') ?? '1..20';
const distDir = resolve(args.valueOf('--dist') ?? new URL('../dist', import.meta.url).pathname);
const mutantsText = args.valueOf('--mutants');
if (!existsSync(`${distDir}/sim/run.js`)) throw new Error(`${distDir}/sim/run.js is missing: npm run build first`);

const dist = (path: string): string => pathToFileURL(`${distDir}/${path}`).href;
const { loadScenarios } = (await import(dist('sim/scenario-files.js'))) as typeof import('../sim/scenario-files.ts');
const { planRuns } = (await import(dist('sim/suite/plan.js'))) as typeof import('../sim/suite/plan.ts');
const { runScenario } = (await import(dist('sim/run.js'))) as typeof import('../sim/run.ts');
const { mutantRunOptions } = (await import(dist('sim/mutant-run.js'))) as typeof import('../sim/mutant-run.ts');
const { MUTANTS } = (await import(dist('protocol/mutants/index.js'))) as typeof import('../protocol/mutants/index.ts');
const { seedsFromOptions } = (await import(dist('cli/seeds.js'))) as typeof import('../cli/seeds.ts');

const mutants: (string | undefined)[] =
  mutantsText === undefined ? [undefined] : mutantsText === 'all' ? MUTANTS.map((m) => m.name) : mutantsText.split(',');
const seeds = seedsFromOptions(undefined, seedsText) ?? [];
const scenarios = loadScenarios(args.positionals);
let runs = 0;
let failed = 0;
for (const mutant of mutants) {
  const jobs = planRuns(scenarios, { seeds, stopOnViolation: false, plugins: [], ...(mutant === undefined ? {} : { mutant }) });
  for (const job of jobs) {
    const result = runScenario(job.scenario, { seed: String(job.seed), ...mutantRunOptions(job.scenario, job.mutant) });
    runs++;
    if (!result.passed) failed++;
    process.stdout.write(`${job.file} seed ${job.seed}${mutant === undefined ? '' : ` mutant ${mutant}`}: ${result.failure ?? 'passed'}\n`);
  }
}
process.stderr.write(`${runs} runs (seeds ${seedsText}, ${mutants.length} mutant setting(s)), ${failed} failed\n`);
