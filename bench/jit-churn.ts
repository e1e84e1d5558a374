// How much V8 re-optimises while a suite runs: TurboFan jobs per function and
// deoptimisations by reason, by function and by source file of the site, so
// a change to the protocol's object shapes is judged before and after with
// one command. Why it matters: each worker isolate repeats this compilation
// on its own background threads, which with two workers no longer have a
// free core (BENCHMARKS.md, "Why 2 workers stay short of 1.8x").
// Run (after `npm run build`; the CLI runs dist/cli/vsynclab.cjs):
//   npx tsx bench/jit-churn.ts [--seeds 1..10] [--workers 1] [--dir TREE] [--top 12] [--sites 15] [--keep FILE]
// `--dir` runs another built checkout's CLI (a baseline tree of main);
// `--keep FILE` writes V8's raw trace there too.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchArgs, boundedCount } from './args.ts';

const args = benchArgs(process.argv.slice(2), ['--seeds', '--workers', '--dir', '--top', '--sites', '--keep']);
const seedsText = args.valueOf('--seeds') ?? '1..10';
const workers = boundedCount(args.valueOf('--workers'), 1, 64);
const treeDir = resolve(args.valueOf('--dir') ?? new URL('..', import.meta.url).pathname);
const topCount = boundedCount(args.valueOf('--top'), 12, 1000);
const siteCount = boundedCount(args.valueOf('--sites'), 15, 1000);
const keepPath = args.valueOf('--keep');
const bundlePath = join(treeDir, 'dist', 'cli', 'vsynclab.cjs');
if (!existsSync(bundlePath)) {
  process.stderr.write(`jit-churn: ${bundlePath} is missing: npm run build in ${treeDir} first\n`);
  process.exit(2);
}

// --trace-deopt-verbose names each deopt's source position ("deoptimize at
// <file:line:col>"); the frame dumps it adds are skipped below.
const child = spawnSync(
  process.execPath,
  ['--trace-opt', '--trace-deopt-verbose', join(treeDir, 'bin', 'vsynclab.js'), 'run', '--seeds', seedsText, '--workers', String(workers), '--reporter', 'json'],
  { cwd: treeDir, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } },
);
if (child.status !== 0 && child.status !== 1) {
  process.stderr.write(`jit-churn: the run exited with status ${String(child.status)}\n${child.stderr}`);
  process.exit(3);
}
if (keepPath !== undefined) writeFileSync(keepPath, child.stdout);

/** The bundle's module of each line: esbuild starts each with `// dist/<path>.js`. */
function moduleStarts(bundleText: string): { line: number; module: string }[] {
  const starts: { line: number; module: string }[] = [];
  bundleText.split('\n').forEach((text, k) => {
    const m = /^\/\/ (dist\/\S+)\.js$/.exec(text);
    if (m !== null) starts.push({ line: k + 1, module: (m[1] as string).slice('dist/'.length) });
  });
  return starts;
}
const starts = moduleStarts(readFileSync(bundlePath, 'utf8'));
const bundleLines = readFileSync(bundlePath, 'utf8').split('\n');

function moduleOf(line: number): string {
  let found = '(bundle prelude)';
  for (const start of starts) {
    if (start.line > line) break;
    found = start.module;
  }
  return found;
}

interface Job {
  fn: string;
  compileMs: number;
}
interface Deopt {
  fn: string;
  reason: string;
  /** The innermost position V8 names (the inlined function's, if inlined), bundle line:column. */
  site: string | null;
}

const jobs: Job[] = [];
const deopts: Deopt[] = [];
let pendingDeopt: Deopt | null = null;
/** Optimised code thrown away because an assumption it made (a map, a constant field) broke elsewhere. */
let invalidated = 0;
for (const line of child.stdout.split('\n')) {
  if (line.startsWith('[marking dependent code ') && line.includes('reason: code dependencies')) {
    invalidated++;
    continue;
  }
  const job = /^\[completed compiling .*<JSFunction (?:(\S+) )?\(sfi.*\(target TURBOFAN\).* - took ([\d.]+), ([\d.]+), ([\d.]+) ms\]/.exec(line);
  if (job !== null) {
    jobs.push({ fn: job[1] ?? '(anonymous)', compileMs: Number(job[2]) + Number(job[3]) + Number(job[4]) });
    continue;
  }
  const bailout = /^\[bailout \(kind: ([^,]+), reason: ([^)]+)\): begin\. deoptimizing \S+ <JSFunction (?:(\S+) )?\(sfi/.exec(line);
  if (bailout !== null) {
    pendingDeopt = { fn: bailout[3] ?? '(anonymous)', reason: bailout[2] as string, site: null };
    deopts.push(pendingDeopt);
    continue;
  }
  const at = /;;; deoptimize at <[^>]*:(\d+):(\d+)>/.exec(line);
  if (at !== null && pendingDeopt !== null && pendingDeopt.site === null) pendingDeopt.site = `${at[1]}:${at[2]}`;
}

function countBy<T>(items: readonly T[], key: (item: T) => string, weight: (item: T) => number = () => 1): [string, number, number][] {
  const rows = new Map<string, [number, number]>();
  for (const item of items) {
    const row = rows.get(key(item)) ?? [0, 0];
    row[0] += 1;
    row[1] += weight(item);
    rows.set(key(item), row);
  }
  return [...rows].map(([k, [n, w]]): [string, number, number] => [k, n, w]).sort((a, b) => b[1] - a[1] || b[2] - a[2] || a[0].localeCompare(b[0]));
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const fmt = (r: string[]): string => r.map((c, k) => c.padEnd(widths[k] ?? 0)).join('  ').trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

const moduleOfSite = (d: Deopt): string => (d.site === null ? '(no position)' : moduleOf(Number(d.site.split(':')[0])));
const compileMs = jobs.reduce((sum, j) => sum + j.compileMs, 0);
const deoptsByFn = new Map(countBy(deopts, (d) => d.fn).map(([fn, n]) => [fn, n]));
const out: string[] = [];
out.push(`seeds ${seedsText}, ${workers} worker(s), tree ${treeDir}`);
out.push(`${jobs.length} TurboFan jobs (${compileMs.toFixed(0)} ms of compile, sum of the jobs' phases), ${deopts.length} deopts, ${invalidated} code invalidations (code dependencies)`);
out.push('', 'deopts by reason:', table(['deopts', 'reason'], countBy(deopts, (d) => d.reason).map(([k, n]) => [String(n), k])));
out.push(
  '',
  `TurboFan jobs by function (top ${topCount}):`,
  table(
    ['jobs', 'compile ms', 'deopts', 'function'],
    countBy(jobs, (j) => j.fn, (j) => j.compileMs)
      .slice(0, topCount)
      .map(([fn, n, ms]) => [String(n), ms.toFixed(0), String(deoptsByFn.get(fn) ?? 0), fn]),
  ),
);
out.push('', 'deopts by source file of the site:', table(['deopts', 'file'], countBy(deopts, moduleOfSite).map(([k, n]) => [String(n), k])));
out.push(
  '',
  `deopt sites (top ${siteCount}):`,
  table(
    ['deopts', 'reasons', 'file', 'function', 'source'],
    countBy(deopts, (d) => d.site ?? '(no position)')
      .slice(0, siteCount)
      .map(([site, n]) => {
        const here = deopts.filter((d) => (d.site ?? '(no position)') === site);
        const reasons = countBy(here, (d) => d.reason).map(([r, k]) => `${k} ${r}`).join(', ');
        const line = site === '(no position)' ? '' : (bundleLines[Number(site.split(':')[0]) - 1] ?? '').trim().slice(0, 60);
        return [String(n), reasons, moduleOfSite(here[0] as Deopt), here[0]?.fn ?? '', line];
      }),
  ),
);
process.stdout.write(`${out.join('\n')}\n`);
