// On how many seeds of each generator file a mutant fails (not just the
// first): the rate behind a seeds-to-first-failure count, which twelve seeds
// measure coarsely. Per failing seed, the strikes it drew (kind/variant, a
// quiet one starred) and whether its membership pairs were kept, so a rate
// can be traced to what the failing seeds have in common. Run:
//   npx tsx bench/hunt/fail-rate.ts <mutant>[,<mutant>...] [seeds]   (seeds: 40, or a range 1..40)
// BENCH_FILES=isis-uniform.json (default both generator files).
import { availableParallelism } from 'node:os';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { runJobs } from '../../sim/suite/pool.ts';
import type { RunJob } from '../../sim/suite/plan.ts';
import { generateWithPlans, type GeneratorSpec } from '../../scenarios/generator.ts';
import { readFileSync } from 'node:fs';
import { Rng } from '../../sim/rng.ts';

const mutants = (process.argv[2] ?? '').split(',').filter((m) => m !== '');
if (mutants.length === 0) throw new Error('usage: fail-rate.ts <mutant>[,<mutant>...] [seeds]');
const range = process.argv[3] ?? '40';
const [lo, hi] = range.includes('..') ? range.split('..').map(Number) as [number, number] : [1, Number(range)];
const seeds = Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
const files = process.env['BENCH_FILES']?.split(',') ?? ['isis-uniform.json', 'isis-swarm.json'];
const workers = availableParallelism();

/** What a seed drew: its strikes and whether its membership pairs stayed in. */
function drawnOf(file: string, seed: number): string {
  const g = JSON.parse(readFileSync(`${DEFAULT_SUITE_DIR}/${file}`, 'utf8')) as { name: string; description: string; generate: GeneratorSpec };
  const { scenario, plans, strikes } = generateWithPlans(g.name, g.description, g.generate, new Rng(`generate/${seed}`));
  const kept = !strikes.some((s) => s.quiet === true);
  const random = scenario.faults?.random === undefined ? 'no random faults' : 'random faults';
  const pairs = plans.length === 0 ? 'no pairs' : `${plans.length} pair(s)${kept ? '' : ' (left out)'}`;
  return [strikes.map((s) => `${s.kind}/${s.variant}${s.quiet === true ? '*' : ''}`).join(' + ') || 'no strike', pairs, random].join(', ');
}

for (const mutant of mutants) {
  for (const file of files) {
    const loaded = { ...loadScenarioFile(`${DEFAULT_SUITE_DIR}/${file}`), file: `scenarios/${file}` };
    const jobs: RunJob[] = seeds.map((seed, index) => ({ index, file: loaded.file, scenario: loaded.forSeed(seed), seed, stopOnViolation: true, plugins: [], mutant }));
    const failed: number[] = [];
    await runJobs(jobs, workers, (o) => {
      if (!o.result.passed) failed.push(o.seed);
    });
    failed.sort((a, b) => a - b);
    process.stdout.write(`${mutant}  ${file}  seeds ${range}: ${failed.length} of ${seeds.length} fail (first ${failed[0] ?? '-'})\n`);
    for (const seed of failed) process.stdout.write(`  seed ${seed}: ${drawnOf(file, seed)}\n`);
  }
}
