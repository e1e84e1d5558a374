// Suite throughput of the compiled CLI with 1 and 2 worker threads: the same
// `vsynclab run` (default suite unless paths are given) alternating
// 1, 2, 1, 2, ... so both see the same machine, then the median wall time of
// each and the speed-up. Each trial is a fresh process, as a user runs it,
// so start-up and worker start-up are included. Run:
//   npm run build && npx tsx bench/suite-workers.ts [PATH...] [--seeds A..B] [--pairs N]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { hrSeconds, printTable } from './report.ts';

const MAX_PAIRS = 20;
const args = process.argv.slice(2);
const valueOf = (flag: string): string | undefined => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const seeds = valueOf('--seeds') ?? '1..20';
const pairs = Math.min(MAX_PAIRS, Math.max(1, Number(valueOf('--pairs') ?? 2) || 2));
const paths = args.filter((a, k) => !a.startsWith('--') && !['--seeds', '--pairs'].includes(args[k - 1] ?? ''));
if (!existsSync('dist/cli/bin-main.js')) throw new Error('dist/ is missing: npm run build first');

interface Trial { workers: number; seconds: number; runs: number; failed: number }

function trial(workers: number): Trial {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['bin/vsynclab.js', 'run', ...paths, '--seeds', seeds, '--workers', String(workers), '--reporter', 'json'], {
    encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0', CI: 'true' },
  });
  const seconds = hrSeconds(start);
  if (r.status !== 0 && r.status !== 1) throw new Error(`--workers ${workers} exited ${r.status}: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as { runs: number; failed: number };
  process.stdout.write(`  --workers ${workers}: ${seconds.toFixed(2)} s (${report.runs} runs)\n`);
  return { workers, seconds, runs: report.runs, failed: report.failed };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

process.stdout.write(`seeds ${seeds}, ${pairs} pairs; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
const trials: Trial[] = [];
for (let pair = 0; pair < pairs; pair++) for (const workers of [1, 2]) trials.push(trial(workers));
process.stdout.write(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);

const runs = trials[0]!.runs;
if (trials.some((t) => t.runs !== runs || t.failed !== trials[0]!.failed)) throw new Error('the trials disagree on the runs: not the same work');
const baseline = median(trials.filter((t) => t.workers === 1).map((t) => t.seconds));
printTable(
  ['workers', 'runs', 'failed', 'median s', 'runs/s', 'speed-up'],
  [1, 2].map((workers) => {
    const seconds = median(trials.filter((t) => t.workers === workers).map((t) => t.seconds));
    return [String(workers), String(runs), String(trials[0]!.failed), seconds.toFixed(2), (runs / seconds).toFixed(2), (baseline / seconds).toFixed(2)];
  }),
);
