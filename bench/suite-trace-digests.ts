// The full-detail trace of every run of a suite (default: the default suite),
// hashed: one SHA-256 per run and one over them all. A change meant to keep
// behaviour (an optimisation of protocol/isis, say) must print the same
// digests before and after; `--dist DIR` loads another build's dist/ (a
// baseline tree of main), so both are compared from one checkout. Run:
//   npm run build && npx tsx bench/suite-trace-digests.ts [PATH...] [--seeds A..B] [--dist DIR] [--mutant NAME] [--each]
// `--each` prints every run's digest, not only the total and the count.
import { createHash, type Hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchArgs } from './args.ts';

const args = benchArgs(process.argv.slice(2), ['--seeds', '--dist', '--mutant']);
const seedsText = args.valueOf('--seeds') ?? '1..20';
const distDir = resolve(args.valueOf('--dist') ?? new URL('../dist', import.meta.url).pathname);
const mutant = args.valueOf('--mutant');
const each = args.has('--each');
const paths = args.positionals;
if (!existsSync(`${distDir}/sim/run.js`)) throw new Error(`${distDir}/sim/run.js is missing: npm run build first`);

const dist = (path: string): string => pathToFileURL(`${distDir}/${path}`).href;
const { loadScenarios } = (await import(dist('sim/scenario-files.js'))) as typeof import('../sim/scenario-files.ts');
const { planRuns } = (await import(dist('sim/suite/plan.js'))) as typeof import('../sim/suite/plan.ts');
const { runScenario } = (await import(dist('sim/run.js'))) as typeof import('../sim/run.ts');
const { mutantRunOptions } = (await import(dist('sim/mutant-run.js'))) as typeof import('../sim/mutant-run.ts');
const { seedsFromOptions } = (await import(dist('cli/seeds.js'))) as typeof import('../cli/seeds.ts');

/** Hashes the lines as they come: a full-detail trace of a long run is tens of MB. */
class HashingSink {
  readonly hash: Hash = createHash('sha256');
  write(line: string): void {
    this.hash.update(line);
    this.hash.update('\n');
  }
  flush(): void {}
  close(): void {}
}

const planOptions = { seeds: seedsFromOptions(undefined, seedsText) ?? [], stopOnViolation: false, plugins: [], ...(mutant === undefined ? {} : { mutant }) };
const jobs = planRuns(loadScenarios(paths), planOptions);
const all = createHash('sha256');
let failed = 0;
for (const job of jobs) {
  const sink = new HashingSink();
  const result = runScenario(job.scenario, { seed: String(job.seed), ...mutantRunOptions(job.scenario, job.mutant), detail: 'full', traceSink: sink });
  if (!result.passed) failed++;
  const digest = sink.hash.digest('hex');
  all.update(digest);
  if (each) process.stdout.write(`${digest.slice(0, 16)} ${job.file} seed ${job.seed}${result.passed ? '' : ' (failed)'}\n`);
}
process.stdout.write(`${jobs.length} runs (seeds ${seedsText}${mutant === undefined ? '' : `, mutant ${mutant}`}), ${failed} failed; digest of all full-detail traces: ${all.digest('hex')}\n`);
