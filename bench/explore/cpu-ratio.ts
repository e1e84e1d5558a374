// The explorer's CPU time against a baseline checkout, in the same run:
// each run is a fresh `node` process that imports a checkout's built
// explorer (dist/) and explores one configuration, timing `explore()` with
// process.cpuUsage() (every thread of the process, so garbage collection
// counts). Runs alternate baseline, current, baseline, current; each
// figure is the median of its runs, and the state counts must be equal.
// CPU time is the figure to compare on a loaded machine, where wall-clock
// time swings with the other processes.
// Run (both checkouts built with `npm run build`):
//   npx tsx bench/explore/cpu-ratio.ts BASELINE_DIR [scenario] [rounds] [maxStates] [--por|--no-por]
// (default scenarios/explore/cbcast-3x2.json, 3 rounds, exhaustive, --por).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');

interface Run {
  result: string;
  states: number;
  pathsChecked: number;
  cpuSeconds: number;
  wallSeconds: number;
  peakMemoryBytes: number;
}

/** The child: explores with one checkout's dist/ and prints a Run as JSON. */
const CHILD = `
const [checkout, file, maxStates, por] = process.argv.slice(1);
await import(checkout + '/dist/protocol/builtin.js');
const { explore, loadExploreScenario } = await import(checkout + '/dist/sim/explore/index.js');
const { scenario, config } = loadExploreScenario(file);
const cpu = process.cpuUsage();
const t0 = performance.now();
const r = explore(scenario, config, { por: por === 'true', maxStates: Number(maxStates) });
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ result: r.result, states: r.states, pathsChecked: r.pathsChecked, cpuSeconds: (used.user + used.system) / 1e6, wallSeconds: (performance.now() - t0) / 1000, peakMemoryBytes: r.peakMemoryBytes }));
`;

function runOnce(checkout: string, file: string, maxStates: number, por: boolean): Run {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, checkout, file, String(maxStates), String(por)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`explore in ${checkout} failed (${child.status}): ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() as string) as Run;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

function main(): void {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const por = !process.argv.includes('--no-por');
  const baseline = resolve(args[0] ?? '');
  const file = resolve(args[1] ?? join(ROOT, 'scenarios', 'explore', 'cbcast-3x2.json'));
  const rounds = Number(args[2] ?? 3);
  const maxStates = Number(args[3] ?? 50_000_000);
  for (const checkout of [baseline, ROOT]) {
    if (!existsSync(join(checkout, 'dist', 'sim', 'explore', 'index.js'))) {
      console.error(`bench/explore/cpu-ratio.ts: ${checkout} has no dist/ (run \`npm run build\` there)`);
      process.exit(2);
    }
  }
  const runs: { baseline: Run[]; current: Run[] } = { baseline: [], current: [] };
  console.log(`node ${process.version}; ${file.slice(ROOT.length + 1)} ${por ? '--por' : ''}, ${rounds} rounds`);
  console.log(`${'checkout'.padEnd(9)} ${'result'.padEnd(8)} ${'states'.padStart(9)} ${'paths'.padStart(8)} ${'cpu-s'.padStart(7)} ${'wall-s'.padStart(7)} ${'peak-MB'.padStart(7)}`);
  for (let round = 0; round < rounds; round++) {
    for (const [name, checkout] of [['baseline', baseline], ['current', ROOT]] as const) {
      const r = runOnce(checkout, file, maxStates, por);
      runs[name].push(r);
      console.log(`${name.padEnd(9)} ${r.result.padEnd(8)} ${String(r.states).padStart(9)} ${String(r.pathsChecked).padStart(8)} ${r.cpuSeconds.toFixed(2).padStart(7)} ${r.wallSeconds.toFixed(2).padStart(7)} ${String(Math.round(r.peakMemoryBytes / 1048576)).padStart(7)}`);
    }
  }
  const counts = new Set([...runs.baseline, ...runs.current].map((r) => `${r.result} ${r.states} ${r.pathsChecked}`));
  if (counts.size !== 1) {
    console.error(`the runs disagree on the result or the counts: ${[...counts].join('; ')}`);
    process.exit(1);
  }
  const cpu = median(runs.baseline.map((r) => r.cpuSeconds)) / median(runs.current.map((r) => r.cpuSeconds));
  const wall = median(runs.baseline.map((r) => r.wallSeconds)) / median(runs.current.map((r) => r.wallSeconds));
  const memory = median(runs.baseline.map((r) => r.peakMemoryBytes)) / median(runs.current.map((r) => r.peakMemoryBytes));
  console.log(`baseline / current (medians of ${rounds}): cpu ${cpu.toFixed(2)}x, wall ${wall.toFixed(2)}x, peak memory ${memory.toFixed(2)}x`);
}

main();
