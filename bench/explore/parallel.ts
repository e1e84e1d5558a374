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
// (parallel-diagnose.ts), instead of the timing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg, availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable } from '../report.ts';
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
  peakMemoryBytes: number;
}

const diagnosing = process.argv[2] === '--diagnose';
const positional = process.argv.slice(diagnosing ? 3 : 2);
const file = positional[0] ?? 'scenarios/explore/cbcast-3x2.json';
const rounds = Number(positional[1] ?? 2);
const workers = Number(positional[2] ?? 2);
if (diagnosing) {
  await diagnose(file, rounds, workers);
  process.exit(0);
}
const variants = [1, workers];
const runs = new Map<number, Run[]>(variants.map((w) => [w, []]));
const loads: number[] = [];
/**
 * Preloaded into each run: the process's CPU time (all threads) on stderr
 * at exit. On a loaded machine the wall-time ratio says what a second
 * thread got; 1 worker's CPU time over N workers' CPU time divided by N
 * says what the ratio would be with N idle cores (no waiting counted).
 */
const CPU_AT_EXIT = `data:text/javascript,process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('cpu-seconds '+(c.user+c.system)/1e6+'\\n')})`;

for (let round = 0; round < rounds; round++) {
  for (const w of variants) {
    loads.push(loadavg()[0] as number);
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--import', CPU_AT_EXIT, bin, 'explore', file, '--por', '--json', '--workers', String(w)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const wallSeconds = (performance.now() - started) / 1000;
    if (child.status !== 0) throw new Error(`--workers ${w}: exit ${child.status}: ${child.stderr}`);
    const report = JSON.parse(child.stdout) as Omit<Run, 'wallSeconds' | 'cpuSeconds'>;
    const cpu = /cpu-seconds (\S+)/.exec(child.stderr);
    runs.get(w)?.push({ ...report, wallSeconds, cpuSeconds: cpu === null ? NaN : Number(cpu[1]) });
    process.stderr.write(`round ${round + 1}, --workers ${w}: ${report.result}, ${report.states} states, ${wallSeconds.toFixed(1)} s\n`);
  }
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const rows: string[][] = [];
const baseWall = median((runs.get(1) ?? []).map((r) => r.wallSeconds));
const baseCpu = median((runs.get(1) ?? []).map((r) => r.cpuSeconds));
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
    (baseCpu / (median(list.map((r) => r.cpuSeconds)) / w)).toFixed(2),
    String(Math.round(median(list.map((r) => r.peakMemoryBytes)) / 1048576)),
  ]);
}
const load = loads.map((l) => l.toFixed(1)).join(' ');
process.stdout.write(`${file} --por, bfs; ${rounds} rounds alternating, medians; node ${process.version}; ${availableParallelism()} cores; 1-minute load average before each run: ${load}\n`);
printTable(['workers', 'result', 'states', 'wall s (each run)', 'search s', 'speed x 1 worker', 'CPU s', 'CPU-time estimate x 1 worker', 'peak RSS MB'], rows);
if (!same) {
  process.stdout.write('STATE COUNTS OR VERDICTS DIFFER\n');
  process.exitCode = 1;
}
