// CPU cost of `vsynclab run` variants, measured side by side: each round
// starts every variant at once, so all of them see the same machine, and
// each variant's CPU seconds (user + system, all threads) are divided by the
// first variant's in the same round. Wall times on a loaded machine swing by
// 2x between identical trials; these paired CPU ratios stay within a few
// percent, which is what deciding on a V8 flag needs. On 2 idle cores the
// 2-worker wall time is at least its CPU seconds / 2, so less CPU for the
// same runs is the speed-up that can be had. On Linux it also prints each
// variant's helper-thread CPU (V8's background compilation and GC,
// bench/thread-cpu.ts), and for each 2-worker variant the bound its CPU puts
// on the idle speed-up over the first 1-worker variant.
//
// A variant is LABEL=WORKERS or LABEL=WORKERS:NODE-FLAGS (flags separated
// by spaces); LABEL=WORKERS@DIR[:NODE-FLAGS] runs another built checkout's
// CLI (a baseline tree of main: `base1=1@/tmp/base w1=1`). Run (after `npm run build`):
//   npx tsx bench/suite-worker-flags.ts --seeds 1..3 --rounds 4 \
//     w1=1 w2=2 'w2-stgc=2:--single-threaded-gc' 'w2-semi32=2:--max-semi-space-size=32'
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { benchArgs, boundedCount, parseFlagVariant, type FlagVariant } from './args.ts';
import { printTable } from './report.ts';
import { ThreadCpuSampler } from './thread-cpu.ts';

const MAX_ROUNDS = 20;
const MAX_VARIANTS = 8;
const MAX_STDERR_CHARS = 8192;
// The child prints its own CPU time as it exits (getrusage covers every thread, ended ones too).
const CPU_MARK = 'suite-worker-flags-cpu-us ';
const REPORT_CPU = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\n${CPU_MARK}'+(u.user+u.system)+'\\n')})`;

const args = benchArgs(process.argv.slice(2), ['--seeds', '--rounds']);
const seeds = args.valueOf('--seeds') ?? '1..3';
const rounds = boundedCount(args.valueOf('--rounds'), 4, MAX_ROUNDS);
const variants = args.positionals.slice(0, MAX_VARIANTS).map((text) => parseFlagVariant(text, join('dist', 'cli', 'vsynclab.cjs')));
if (variants.length < 2) throw new Error('give at least two variants, for example w1=1 w2=2');

type Variant = FlagVariant;

interface Cpu { seconds: number; helpers: number | null }

async function cpuSeconds(variant: Variant): Promise<Cpu> {
  const child = spawn(
    process.execPath,
    [...variant.nodeFlags, '--import', REPORT_CPU, `${variant.dir}/bin/vsynclab.js`, 'run', '--seeds', seeds, '--workers', String(variant.workers), '--reporter', 'json'],
    { cwd: variant.dir, env: { ...process.env, FORCE_COLOR: '0', CI: 'true' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // Linux: which part went to V8's and Node's helper threads (background compilation, parallel and concurrent GC).
  const sampler = new ThreadCpuSampler(child.pid as number);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-MAX_STDERR_CHARS); });
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const threads = sampler.stop(variant.workers > 1 ? variant.workers : 0);
  const line = stderr.split('\n').find((l) => l.startsWith(CPU_MARK));
  if ((status !== 0 && status !== 1) || line === undefined) throw new Error(`${variant.label} exited ${status}: ${stderr}`);
  return { seconds: Number(line.slice(CPU_MARK.length)) / 1e6, helpers: threads?.helpers ?? null };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

process.stdout.write(`seeds ${seeds}, ${rounds} rounds of ${variants.length} variants at once; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
const ratios = variants.map((): number[] => []);
const seconds = variants.map((): number[] => []);
const helpers = variants.map((): number[] => []);
for (let round = 0; round < rounds; round++) {
  const cpu = await Promise.all(variants.map(cpuSeconds));
  cpu.forEach((c, k) => {
    seconds[k]!.push(c.seconds);
    ratios[k]!.push(c.seconds / cpu[0]!.seconds);
    if (c.helpers !== null) helpers[k]!.push(c.helpers);
  });
  process.stdout.write(`  round ${round + 1}: ${variants.map((v, k) => `${v.label} ${cpu[k]!.seconds.toFixed(2)} s`).join(', ')}\n`);
}
process.stdout.write(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
// The bound a 2-worker variant's CPU puts on the idle speed-up over the first
// 1-worker variant: one worker's wall time is at least its main thread's CPU
// (its total less the helpers, which have the second core), two workers' at
// least half their total (bench/suite-workers.ts prints the same bound).
const oneWorker = variants.findIndex((v) => v.workers === 1);
const mainThreadOfOne = oneWorker >= 0 && helpers[oneWorker]!.length === rounds
  ? median(seconds[oneWorker]!) - median(helpers[oneWorker]!)
  : null;
const bound = (k: number): string =>
  mainThreadOfOne === null || variants[k]!.workers !== 2 ? '-' : ((2 * mainThreadOfOne) / median(seconds[k]!)).toFixed(2);
printTable(
  ['variant', 'workers', 'node flags', 'median CPU s', 'helpers CPU s', `CPU / ${variants[0]!.label} (median)`, 'range', 'idle bound'],
  variants.map((v, k) => [
    v.label, String(v.workers), v.nodeFlags.join(' ') || '-', median(seconds[k]!).toFixed(2),
    helpers[k]!.length === rounds ? median(helpers[k]!).toFixed(2) : '-', median(ratios[k]!).toFixed(3),
    `${Math.min(...ratios[k]!).toFixed(3)}..${Math.max(...ratios[k]!).toFixed(3)}`, bound(k),
  ]),
);
