// What the wall-clock bound on slices (sim/handler-watchdog.ts) costs: the
// default suite's runs through runScenario, alternating run by run between
// two builds' dist/ loaded in this one process (A B A B over every job, so
// load drifts hit both alike), summing each side's CPU time (user + system).
//   npm run build && npx tsx bench/handler-watchdog-cost.ts --dist /work/main/dist [--seeds 1..5] [--driven] [--this DIR]
// `--driven`: pass a `shouldStop` that never stops, as a main-thread run
// (--workers 1, replay) does; every run takes SLICE_EVENTS slices.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchArgs } from './args.ts';

const args = benchArgs(process.argv.slice(2), ['--seeds', '--dist', '--this']);
const seedsText = args.valueOf('--seeds') ?? '1..5';
const baseDir = resolve(args.valueOf('--dist') ?? '/work/main/dist');
// `--this DIR`: another build in place of this worktree's (a control: the base build against a copy of itself).
const thisDir = resolve(args.valueOf('--this') ?? new URL('../dist', import.meta.url).pathname);
const driven = args.has('--driven');

type RunModule = typeof import('../sim/run.ts');
const load = async (dir: string): Promise<RunModule> => (await import(pathToFileURL(`${dir}/sim/run.js`).href)) as RunModule;
const base = await load(baseDir);
const mine = await load(thisDir);
const { loadScenarios } = (await import(pathToFileURL(`${baseDir}/sim/scenario-files.js`).href)) as typeof import('../sim/scenario-files.ts');
const { planRuns } = (await import(pathToFileURL(`${baseDir}/sim/suite/plan.js`).href)) as typeof import('../sim/suite/plan.ts');
const { seedsFromOptions } = (await import(pathToFileURL(`${baseDir}/cli/seeds.js`).href)) as typeof import('../cli/seeds.ts');

const jobs = planRuns(loadScenarios([]), { seeds: seedsFromOptions(undefined, seedsText) ?? [], stopOnViolation: false, plugins: [] });
const cpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const spent = { base: 0, mine: 0 };
const options = driven ? { shouldStop: () => false } : {};
for (let round = 0; round < 2; round++) {
  for (const [k, job] of jobs.entries()) {
    // Alternate which side goes first, so neither always runs on a warmer cache.
    const order: ['base' | 'mine', RunModule][] = (k + round) % 2 === 0 ? [['base', base], ['mine', mine]] : [['mine', mine], ['base', base]];
    for (const [side, module] of order) {
      const before = cpuUs();
      const r = module.runScenario(job.scenario, { seed: String(job.seed), ...options });
      if (round === 1) spent[side] += cpuUs() - before;
      if (!r.passed) throw new Error(`${job.scenario.name} seed ${job.seed} failed on ${side}`);
    }
  }
}
const s = (us: number): string => (us / 1e6).toFixed(2);
console.log(`${jobs.length} runs (second of two rounds), ${driven ? 'driven (SLICE_EVENTS)' : 'undriven'}: base ${s(spent.base)} s CPU, this ${s(spent.mine)} s CPU, ratio ${(spent.mine / spent.base).toFixed(4)}`);
