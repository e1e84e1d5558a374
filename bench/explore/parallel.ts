// The explorer's worker-parallel search: `vsynclab explore --workers 2`
// against `--workers 1` (the sequential search), exhausting a configuration
// with --por through the compiled CLI (bin/vsynclab.js: the bundle, its
// workers loading dist/), each run a fresh process timed from outside, so
// the workers' start-up counts. The two alternate, A B A B, each figure is
// the median of its runs, and the ratio is 1 worker's median wall time over
// N workers'. State counts and verdicts must be equal. The load average is
// printed alongside: on a machine other work keeps busy, a second thread
// gets little more CPU and the ratio says so. Run (after `npm run build`):
//   npx tsx bench/explore/parallel.ts [scenario] [rounds] [workers]
// (default scenarios/explore/cbcast-3x2.json, 2 rounds, 2 workers).
// With --diagnose first: where the time goes, per thread and per level
// (parallel-diagnose.ts), instead of the timing; after it, --symmetry and
// --max-states N (default 5,000,000) apply to the diagnosed searches, and
// --keep-compare diagnoses N workers keeping every level as paths against
// N workers keeping the deep levels' states (the default) instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg, availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs, boundedCount } from '../args.ts';
import { printTable, median } from '../report.ts';
import { ThreadCpuSampler } from '../thread-cpu.ts';
import { diagnose } from './parallel-diagnose.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'vsynclab.js');
if (!existsSync(join(root, 'dist', 'sim', 'explore', 'parallel', 'worker.js'))) throw new Error('bench/explore/parallel.ts runs the compiled CLI: npm run build first');

interface Run {
  result: string;
  states: number;
  transitions: number;
  /** The search's own time (the report's `seconds`). */
  seconds: number;
  /** The whole process, start-up and workers included. */
  wallSeconds: number;
  /** CPU time of the whole process (every thread), user and system. */
  cpuSeconds: number;
  /** CPU seconds of its busiest thread (the main thread with 1 worker, the busiest worker with more), sampled from /proc; NaN elsewhere. */
  busiestThreadSeconds: number;
  peakMemoryBytes: number;
}

const diagnosing = process.argv[2] === '--diagnose';
const flags = benchArgs(process.argv.slice(diagnosing ? 3 : 2), ['--max-states']);
const positional = flags.positionals;
const file = positional[0] ?? 'scenarios/explore/cbcast-3x2.json';
const rounds = Number(positional[1] ?? 2);
const workers = Number(positional[2] ?? 2);
if (diagnosing) {
  await diagnose(file, rounds, workers, { symmetry: flags.has('--symmetry'), maxStates: boundedCount(flags.valueOf('--max-states'), 5_000_000, 1e9), keepCompare: flags.has('--keep-compare'), maxMemoryBytes: 20 * 1024 ** 3 });
  process.exit(0);
}
const variants = [1, workers];
const runs = new Map<number, Run[]>(variants.map((w) => [w, []]));
const loads: number[] = [];
/**
 * Preloaded into each run: the process's CPU time (all threads) on stderr
 * at exit. On a loaded machine the wall-time ratio says what a second
 * thread got; the idle estimate says what the ratio would be on idle
 * cores: a run cannot take less than its busiest thread's CPU time, nor
 * less than all its CPU time spread over the cores (no waiting counted).
 * With one worker the search thread is the busiest and V8's helper
 * threads (garbage collection, the optimising compiler) run beside it on
 * the spare core; with two, that core is a worker's.
 */
const CPU_AT_EXIT = `data:text/javascript,process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('cpu-seconds '+(c.user+c.system)/1e6+'\\n')})`;

/** One run of the compiled CLI, its threads' CPU sampled while it runs. */
async function timedRun(w: number): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', CPU_AT_EXIT, bin, 'explore', file, '--por', '--json', '--workers', String(w)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const sampler = new ThreadCpuSampler(child.pid as number);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The report is written as the search ends: stop sampling then, before the threads are gone.
  await new Promise<void>((resolve) => child.stdout.on('end', resolve));
  const threads = sampler.stop(w === 1 ? 0 : w);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallSeconds = (performance.now() - started) / 1000;
  if (status !== 0) throw new Error(`--workers ${w}: exit ${status}: ${stderr}`);
  const report = JSON.parse(stdout) as Omit<Run, 'wallSeconds' | 'cpuSeconds' | 'busiestThreadSeconds'>;
  const cpu = /cpu-seconds (\S+)/.exec(stderr);
  const busiest = threads === null ? NaN : Math.max(threads.main, ...threads.workerThreads.map((t) => t.cpuSeconds));
  return { ...report, wallSeconds, cpuSeconds: cpu === null ? NaN : Number(cpu[1]), busiestThreadSeconds: busiest };
}

for (let round = 0; round < rounds; round++) {
  for (const w of variants) {
    loads.push(loadavg()[0] as number);
    const run = await timedRun(w);
    runs.get(w)?.push(run);
    process.stderr.write(`round ${round + 1}, --workers ${w}: ${run.result}, ${run.states} states, ${run.wallSeconds.toFixed(1)} s\n`);
  }
}
const cores = availableParallelism();
/** What the run would take on idle cores (see CPU_AT_EXIT). */
const idleSeconds = (r: Run): number => Math.max(r.busiestThreadSeconds, r.cpuSeconds / cores);

const rows: string[][] = [];
const baseWall = median((runs.get(1) ?? []).map((r) => r.wallSeconds));
const baseIdle = median((runs.get(1) ?? []).map(idleSeconds));
const first = (runs.get(1) ?? [])[0] as Run;
let same = true;
for (const w of variants) {
  const list = runs.get(w) ?? [];
  same &&= list.every((r) => r.result === first.result && r.states === first.states && r.transitions === first.transitions);
  const wall = median(list.map((r) => r.wallSeconds));
  rows.push([
    String(w),
    list.every((r) => r.result === first.result) ? first.result : 'DIFFERS',
    (list[0] as Run).states.toLocaleString('en-US'),
    list.map((r) => r.wallSeconds.toFixed(1)).join(' '),
    median(list.map((r) => r.seconds)).toFixed(1),
    (baseWall / wall).toFixed(2),
    median(list.map((r) => r.cpuSeconds)).toFixed(1),
    median(list.map((r) => r.busiestThreadSeconds)).toFixed(1),
    (baseIdle / median(list.map(idleSeconds))).toFixed(2),
    String(Math.round(median(list.map((r) => r.peakMemoryBytes)) / 1048576)),
  ]);
}
const load = loads.map((l) => l.toFixed(1)).join(' ');
process.stdout.write(`${file} --por, bfs; ${rounds} rounds alternating, medians; node ${process.version}; ${availableParallelism()} cores; 1-minute load average before each run: ${load}\n`);
printTable(['workers', 'result', 'states', 'wall s (each run)', 'search s', 'speed x 1 worker', 'CPU s', 'busiest thread CPU s', 'idle estimate x 1 worker', 'peak RSS MB'], rows);
if (!same) {
  process.stdout.write('STATE COUNTS OR VERDICTS DIFFER\n');
  process.exitCode = 1;
}
