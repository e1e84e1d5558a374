// The CPU cost of one explored state, this tree against a baseline tree, in
// the same run: each run is the CLI (`node bin/vsynclab.js explore ...
// --json`) in a fresh process under /usr/bin/time, so the CPU seconds are
// user + system of every thread (workers, GC and compiler threads, start-up
// included). The trees alternate, baseline then this one, for each round;
// the figures are medians, and every exhaustive run of one configuration
// must count the same states and transitions within a tree. CPU time is the figure to
// compare on a loaded machine, where wall-clock time swings with the load.
// Run (both trees built with `npm run build`):
//   npx tsx bench/explore/state-cost.ts BASELINE_DIR ROUNDS CONFIG...
// where CONFIG is SCENARIO:WORKERS[:MAX_STATES], e.g.
//   npx tsx bench/explore/state-cost.ts /tmp/base 3 cbcast-3x2:1 cbcast-3x2:2 cbcast-3x3:2:1000000
// (scenarios/explore/NAME.json, always --por --symmetry).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');

interface Config {
  name: string;
  workers: number;
  maxStates: number | null;
}

interface Run {
  result: string;
  states: number;
  transitions: number;
  cpuSeconds: number;
  wallSeconds: number;
  maxRssMb: number;
}

function parseConfig(text: string): Config {
  const [name, workers, maxStates] = text.split(':');
  if (name === undefined || workers === undefined) throw new Error(`bad configuration ${text}: SCENARIO:WORKERS[:MAX_STATES]`);
  return { name, workers: Number(workers), maxStates: maxStates === undefined ? null : Number(maxStates) };
}

function runOnce(tree: string, c: Config): Run {
  const args = ['-f', '%U %S %M', process.execPath, join(tree, 'bin', 'vsynclab.js'), 'explore', join(tree, 'scenarios', 'explore', `${c.name}.json`), '--por', '--symmetry', '--workers', String(c.workers), '--json'];
  if (c.maxStates !== null) args.push('--max-states', String(c.maxStates));
  const child = spawnSync('/usr/bin/time', args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  // Exit 4 is `unknown` (the state bound), expected for a bounded run.
  if (child.status !== 0 && child.status !== 4) throw new Error(`${tree}: exit ${child.status}: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const report = JSON.parse(child.stdout) as { result: string; states: number; transitions: number; seconds: number };
  const timeLine = child.stderr.trim().split('\n').pop() as string;
  const [user, system, rssKb] = timeLine.split(' ').map(Number) as [number, number, number];
  return { result: report.result, states: report.states, transitions: report.transitions, cpuSeconds: user + system, wallSeconds: report.seconds, maxRssMb: rssKb / 1024 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(mid)] as number) + (sorted[Math.ceil(mid)] as number)) / 2;
}

function main(): void {
  const [baselineArg, roundsArg, ...configArgs] = process.argv.slice(2);
  if (baselineArg === undefined || roundsArg === undefined || configArgs.length === 0) {
    console.error('usage: npx tsx bench/explore/state-cost.ts BASELINE_DIR ROUNDS SCENARIO:WORKERS[:MAX_STATES]...');
    process.exit(2);
  }
  const baseline = resolve(baselineArg);
  const rounds = Number(roundsArg);
  const configs = configArgs.map(parseConfig);
  console.log(`node ${process.version}; --por --symmetry; ${rounds} rounds, baseline ${baseline} then this tree ${ROOT}; load average before: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`${'configuration'.padEnd(24)} ${'tree'.padEnd(8)} ${'result'.padEnd(8)} ${'states'.padStart(9)} ${'transitions'.padStart(11)} ${'cpu-s'.padStart(7)} ${'wall-s'.padStart(7)} ${'rss-MB'.padStart(7)} ${'cpu-us/state'.padStart(12)} load`);
  let failed = false;
  for (const c of configs) {
    const label = `${c.name} w${c.workers}${c.maxStates === null ? '' : ` <=${c.maxStates}`}`;
    const runs: Record<'base' | 'this', Run[]> = { base: [], this: [] };
    for (let round = 0; round < rounds; round++) {
      for (const [tree, dir] of [['base', baseline], ['this', ROOT]] as const) {
        const r = runOnce(dir, c);
        runs[tree].push(r);
        console.log(`${label.padEnd(24)} ${tree.padEnd(8)} ${r.result.padEnd(8)} ${String(r.states).padStart(9)} ${String(r.transitions).padStart(11)} ${r.cpuSeconds.toFixed(2).padStart(7)} ${r.wallSeconds.toFixed(2).padStart(7)} ${r.maxRssMb.toFixed(0).padStart(7)} ${((1e6 * r.cpuSeconds) / r.states).toFixed(1).padStart(12)} ${loadavg()[0]?.toFixed(1)}`);
      }
    }
    // Each tree's exhaustive runs must agree among themselves (a bounded run stops where it stops). The trees may differ from
    // each other (session 8 changed the --por --symmetry counts), and a tree before session 8 varied with 2 workers (a race on
    // which renaming of a state was kept), so there only one thread is checked.
    for (const tree of ['base', 'this'] as const) {
      const counts = new Set(runs[tree].map((r) => `${r.result} ${r.states} ${r.transitions}`));
      const exact = c.workers === 1 || tree === 'this';
      if (c.maxStates === null && exact && counts.size !== 1) {
        console.log(`  ${label}: the runs of ${tree} disagree: ${[...counts].join('; ')}`);
        failed = true;
      }
    }
    const perState = (rs: readonly Run[]): number => median(rs.map((r) => (1e6 * r.cpuSeconds) / r.states));
    const base = perState(runs.base);
    const mine = perState(runs.this);
    console.log(`  ${label}: CPU us per state, medians: baseline ${base.toFixed(1)}, this tree ${mine.toFixed(1)}; this / baseline = ${(mine / base).toFixed(2)}`);
  }
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (failed) process.exit(1);
}

main();
