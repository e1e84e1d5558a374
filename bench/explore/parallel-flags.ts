// CPU per thread of `vsynclab explore --workers N` variants, measured side
// by side: each round starts every variant at once, so all see the same
// machine, and each is sampled per thread (Linux /proc, bench/thread-cpu.ts):
// the main thread, the workers, and Node's and V8's helper threads
// (background compilation, parallel and concurrent GC). On a loaded machine
// wall times swing by 2x between identical runs; per-thread CPU seconds
// stay within a few percent, and they bound the idle time of a run: at
// least its busiest thread's CPU, at least all its CPU over the cores
// (bench/explore/parallel.ts's "idle estimate"). The ratio column is the
// first variant's idle estimate over each variant's, in the same round.
//
// A variant is LABEL=WORKERS, LABEL=WORKERS:NODE-FLAGS (flags separated by
// spaces) and either may end in @DIR, a built checkout to run instead of
// this one (a baseline tree of main). Run (after `npm run build`):
// --symmetry and --max-states N are passed on to every variant.
//   npx tsx bench/explore/parallel-flags.ts [--scenario FILE] [--rounds N] [--symmetry] [--max-states N] \
//     w1=1 w2=2 'w2-stgc=2:--single-threaded-gc' 'base-w2=2@/tmp/base-par'
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { benchArgs, boundedCount, parseFlagVariant, type FlagVariant } from '../args.ts';
import { printTable } from '../report.ts';
import { ThreadCpuSampler } from '../thread-cpu.ts';

const MAX_ROUNDS = 20;
const MAX_VARIANTS = 8;
const MAX_STDERR_CHARS = 8192;

const args = benchArgs(process.argv.slice(2), ['--scenario', '--rounds', '--max-states']);
const scenario = args.valueOf('--scenario') ?? 'scenarios/explore/cbcast-3x2.json';
const rounds = boundedCount(args.valueOf('--rounds'), 2, MAX_ROUNDS);
/** Besides --por: --symmetry, and --max-states N (a bounded run), passed to every variant. */
const searchFlags = [...(args.has('--symmetry') ? ['--symmetry'] : []), ...(args.valueOf('--max-states') === undefined ? [] : ['--max-states', String(boundedCount(args.valueOf('--max-states'), 1, 1e9))])];
const variants = args.positionals.slice(0, MAX_VARIANTS).map((text) => parseFlagVariant(text, join('dist', 'sim', 'explore', 'parallel', 'worker.js')));
if (variants.length < 1) throw new Error('give at least one variant, for example w1=1 w2=2');

type Variant = FlagVariant;

interface Sample {
  states: number;
  result: string;
  main: number;
  workers: number[];
  helpers: number;
}

async function sample(variant: Variant): Promise<Sample> {
  const child = spawn(process.execPath, [...variant.nodeFlags, join(variant.dir, 'bin', 'vsynclab.js'), 'explore', scenario, '--por', ...searchFlags, '--json', '--workers', String(variant.workers)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = new ThreadCpuSampler(child.pid as number);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-MAX_STDERR_CHARS)));
  // The report is written as the search ends: the threads are still there to be sampled.
  await new Promise<void>((resolve) => child.stdout.on('end', resolve));
  const threads = sampler.stop(variant.workers > 1 ? variant.workers : 0);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  // A bounded run (--max-states) ends `unknown`, with its own exit status and a report all the same.
  if (status !== 0 && !stdout.includes('"result"')) throw new Error(`${variant.label} exited ${status}: ${stderr}`);
  if (threads === null) throw new Error('no /proc: per-thread CPU is Linux only');
  const report = JSON.parse(stdout) as { result: string; states: number };
  return { result: report.result, states: report.states, main: threads.main, workers: threads.workerThreads.map((t) => t.cpuSeconds), helpers: threads.helpers };
}

const cores = availableParallelism();
const all = (s: Sample): number => s.main + s.workers.reduce((a, b) => a + b, 0) + s.helpers;
/** At least the busiest thread's CPU, at least all the CPU over the cores. */
const idle = (s: Sample): number => Math.max(s.main, ...s.workers, all(s) / cores);
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

process.stdout.write(`${scenario} --por${searchFlags.map((f) => ' ' + f).join('')}; ${rounds} rounds of ${variants.length} variants at once; ${cores} cores; node ${process.version}; load average before: ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
const samples = variants.map((): Sample[] => []);
const ratios = variants.map((): number[] => []);
for (let round = 0; round < rounds; round++) {
  const got = await Promise.all(variants.map(sample));
  got.forEach((s, k) => {
    samples[k]?.push(s);
    ratios[k]?.push(idle(got[0] as Sample) / idle(s));
  });
  process.stdout.write(`  round ${round + 1}: ${variants.map((v, k) => `${v.label} ${(got[k] as Sample).result} ${(got[k] as Sample).states} states, CPU ${all(got[k] as Sample).toFixed(1)} s`).join('; ')}\n`);
}
process.stdout.write(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
const first = (samples[0] as Sample[])[0] as Sample;
let same = true;
printTable(
  ['variant', 'workers', 'node flags', 'checkout', 'main CPU s', 'workers CPU s', 'helpers CPU s', 'all CPU s', 'idle estimate s', `x ${(variants[0] as Variant).label} (median)`, 'range'],
  variants.map((v, k) => {
    const list = samples[k] as Sample[];
    same &&= list.every((s) => s.result === first.result && s.states === first.states);
    const r = ratios[k] as number[];
    return [
      v.label,
      String(v.workers),
      v.nodeFlags.join(' ') || '-',
      v.dir === resolve('.') ? '.' : v.dir,
      median(list.map((s) => s.main)).toFixed(2),
      v.workers > 1 ? list.map((s) => s.workers.map((w) => w.toFixed(2)).join('+')).join(' ') : '-',
      median(list.map((s) => s.helpers)).toFixed(2),
      median(list.map(all)).toFixed(2),
      median(list.map(idle)).toFixed(2),
      median(r).toFixed(2),
      `${Math.min(...r).toFixed(2)}..${Math.max(...r).toFixed(2)}`,
    ];
  }),
);
if (!same) {
  process.stdout.write('STATE COUNTS OR VERDICTS DIFFER\n');
  process.exitCode = 1;
}
