// Suite throughput of the compiled CLI with 1 and 2 worker threads: the same
// `vsynclab run` (default suite unless paths are given) alternating
// 1, 2, 1, 2, ... so both see the same machine, then the median wall time of
// each, absolute runs/s and the speed-up. Each trial is a fresh process, as
// a user runs it, so start-up and worker start-up are included. Run:
//   npm run build && npx tsx bench/suite-workers.ts [PATH...] [--seeds A..B] [--pairs N] [--baseline DIR]
//
// With `--baseline DIR` (another built checkout, for example a tree of
// main), each pair runs both trees in turn (this 1, base 1, this 2, base
// 2), and a last table divides this tree's figures by the baseline's for
// each worker count: wall time, and the CPU seconds, which a loaded
// machine disturbs much less.
//
// On Linux each trial also says where its CPU went (bench/thread-cpu.ts):
// the main thread, each worker thread, and Node's and V8's helper threads
// (parallel and concurrent garbage collection, background compilation).
// With --workers 1 the runs are on the main thread and the helpers have the
// second core to themselves; with 2 workers they share both cores with the
// workers. "tail" is how long the first worker to finish sat idle before
// the last one finished.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { benchArgs, boundedCount } from './args.ts';
import { hrSeconds, printTable } from './report.ts';
import { ThreadCpuSampler, type ThreadCpuReport } from './thread-cpu.ts';

const MAX_PAIRS = 20;
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
const args = benchArgs(process.argv.slice(2), ['--seeds', '--pairs', '--baseline']);
const seeds = args.valueOf('--seeds') ?? '1..20';
const pairs = boundedCount(args.valueOf('--pairs'), 2, MAX_PAIRS);
const baselineDir = args.valueOf('--baseline');
const paths = args.positionals;
const trees: { name: string; dir: string }[] = [{ name: 'this', dir: process.cwd() }];
if (baselineDir !== undefined) trees.push({ name: 'base', dir: resolve(baselineDir) });
for (const tree of trees) if (!existsSync(`${tree.dir}/dist/cli/bin-main.js`)) throw new Error(`${tree.dir}/dist/ is missing: npm run build there first`);

interface Trial { tree: string; workers: number; seconds: number; runs: number; failed: number; cpu: ThreadCpuReport | null }

async function trial(tree: { name: string; dir: string }, workers: number): Promise<Trial> {
  const start = process.hrtime.bigint();
  // Scenario paths are resolved here, so both trees run the same files.
  const child = spawn(process.execPath, [`${tree.dir}/bin/vsynclab.js`, 'run', ...paths.map((p) => resolve(p)), '--seeds', seeds, '--workers', String(workers), '--reporter', 'json'], {
    cwd: tree.dir, env: { ...process.env, FORCE_COLOR: '0', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = new ThreadCpuSampler(child.pid as number);
  const out: Buffer[] = [];
  let outBytes = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    outBytes += chunk.length;
    if (outBytes > MAX_OUTPUT_BYTES) child.kill();
    else out.push(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4096); });
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = hrSeconds(start);
  const cpu = sampler.stop(workers > 1 ? workers : 0);
  if (status !== 0 && status !== 1) throw new Error(`--workers ${workers} exited ${status}: ${stderr}`);
  const report = JSON.parse(Buffer.concat(out).toString('utf8')) as { runs: number; failed: number };
  const label = trees.length > 1 ? `${tree.name} ` : '';
  process.stdout.write(`  ${label}--workers ${workers}: ${seconds.toFixed(2)} s (${report.runs} runs)${cpu === null ? '' : `; ${describeCpu(cpu)}`}\n`);
  return { tree: tree.name, workers, seconds, runs: report.runs, failed: report.failed, cpu };
}

function describeCpu(cpu: ThreadCpuReport): string {
  const parts = [`CPU s: main ${cpu.main.toFixed(2)}`];
  if (cpu.workerThreads.length > 0) parts.push(`workers ${cpu.workerThreads.map((t) => t.cpuSeconds.toFixed(2)).join(' + ')}`);
  parts.push(`helpers ${cpu.helpers.toFixed(2)}`);
  if (cpu.workerThreads.length > 1) parts.push(`tail ${tailSeconds(cpu).toFixed(2)} s`);
  return parts.join(', ');
}

const totalCpu = (cpu: ThreadCpuReport): number => cpu.main + cpu.helpers + cpu.workerThreads.reduce((sum, t) => sum + t.cpuSeconds, 0);
const tailSeconds = (cpu: ThreadCpuReport): number => {
  const ends = cpu.workerThreads.map((t) => t.lastBusySeconds);
  return Math.max(...ends) - Math.min(...ends);
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

process.stdout.write(`seeds ${seeds}, ${pairs} pairs${trees.length > 1 ? `, baseline ${trees[1]!.dir}` : ''}; load average before: ${load()}\n`);
const allTrials: Trial[] = [];
for (let pair = 0; pair < pairs; pair++) for (const workers of [1, 2]) for (const tree of trees) allTrials.push(await trial(tree, workers));
process.stdout.write(`load average after: ${load()}\n`);

const runs = allTrials[0]!.runs;
if (allTrials.some((t) => t.runs !== runs || t.failed !== allTrials[0]!.failed)) throw new Error('the trials disagree on the runs: not the same work');
const sampled = allTrials.every((t) => t.cpu !== null);
const medianOf = (tree: string, workers: number, figure: (t: Trial) => number): number =>
  median(allTrials.filter((t) => t.tree === tree && t.workers === workers).map(figure));

for (const tree of trees) {
  if (trees.length > 1) process.stdout.write(`${tree.name} (${tree.dir}):\n`);
  const trials = allTrials.filter((t) => t.tree === tree.name);
  const baseline = median(trials.filter((t) => t.workers === 1).map((t) => t.seconds));
  printTable(
    ['workers', 'runs', 'failed', 'median s', 'runs/s', 'speed-up', ...(sampled ? ['CPU s', 'helpers CPU s', 'CPU ms/run'] : [])],
    [1, 2].map((workers) => {
      const mine = trials.filter((t) => t.workers === workers);
      const seconds = median(mine.map((t) => t.seconds));
      const cpuSeconds = sampled ? median(mine.map((t) => totalCpu(t.cpu!))) : 0;
      const cpu = sampled ? [cpuSeconds.toFixed(2), median(mine.map((t) => t.cpu!.helpers)).toFixed(2), ((cpuSeconds / runs) * 1000).toFixed(1)] : [];
      return [String(workers), String(runs), String(trials[0]!.failed), seconds.toFixed(2), (runs / seconds).toFixed(2), (baseline / seconds).toFixed(2), ...cpu];
    }),
  );
  if (sampled) {
    // Wall times on a loaded machine say little; CPU seconds bound what 2 idle cores can do. One worker's
    // wall time is at least its main thread's CPU (its helpers use the idle second core); two workers'
    // is at least all their CPU / 2. So the speed-up is at most 2 x main(1) / CPU(2).
    const main1 = median(trials.filter((t) => t.workers === 1).map((t) => t.cpu!.main));
    const cpu2 = median(trials.filter((t) => t.workers === 2).map((t) => totalCpu(t.cpu!)));
    process.stdout.write(`speed-up bound from CPU on 2 idle cores: 2 x ${main1.toFixed(2)} / ${cpu2.toFixed(2)} = ${((2 * main1) / cpu2).toFixed(2)}\n`);
    // The ceiling even if a second worker cost nothing extra: two workers then spend one worker's CPU in all
    // (its main thread and its V8 helper threads, GC and compilers, which run on the second core while one
    // worker runs) on 2 cores, so their wall time is at least CPU(1) / 2, against one worker's wall(1).
    const wall1 = median(trials.filter((t) => t.workers === 1).map((t) => t.seconds));
    const cpu1 = median(trials.filter((t) => t.workers === 1).map((t) => totalCpu(t.cpu!)));
    process.stdout.write(
      `ceiling with no cost for the second worker: 2 x wall(1) / CPU(1) = 2 x ${wall1.toFixed(2)} / ${cpu1.toFixed(2)} = ${((2 * wall1) / cpu1).toFixed(2)}\n`,
    );
  }
}
if (trees.length > 1) {
  process.stdout.write('this / base (medians):\n');
  printTable(
    ['workers', 'wall', ...(sampled ? ['CPU', 'helpers CPU'] : [])],
    [1, 2].map((workers) => {
      const ratio = (figure: (t: Trial) => number): string => (medianOf('this', workers, figure) / medianOf('base', workers, figure)).toFixed(3);
      return [String(workers), ratio((t) => t.seconds), ...(sampled ? [ratio((t) => totalCpu(t.cpu!)), ratio((t) => t.cpu!.helpers)] : [])];
    }),
  );
}
