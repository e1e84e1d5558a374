// What the wall-clock bound on handlers (sim/explore/hang.ts) costs a search
// whose handlers return: this checkout's built explorer (dist/) with the
// bound (the default: one node:vm call per 25 ms stretch of search, and per
// 25 ms slice of each worker's level) and without it (handlerTimeoutMs
// null), alternating A B A B, each run a fresh `node` process. Prints each
// run's states/s (the search's own clock) and CPU seconds (every thread),
// then the medians' ratios; the state counts must be equal.
// Run (after `npm run build`):
//   npx tsx bench/explore-handler-bound.ts [scenario] [rounds] [--por] [--workers N] [--max-states N]
// (default scenarios/explore/cbcast-3x2.json, 4 rounds, no reduction, 1 thread, exhaustive).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

interface Run {
  result: string;
  states: number;
  transitions: number;
  statesPerSecond: number;
  cpuSeconds: number;
}

const CHILD = `
const [root, file, maxStates, por, workers, bound] = process.argv.slice(1);
await import(root + '/dist/protocol/builtin.js');
const { explore, loadExploreScenario } = await import(root + '/dist/sim/explore/index.js');
const { scenario, config } = loadExploreScenario(file);
const cpu = process.cpuUsage();
const r = explore(scenario, config, { por: por === 'true', maxStates: Number(maxStates), workers: Number(workers), ...(bound === 'off' ? { handlerTimeoutMs: null } : {}) });
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ result: r.result, states: r.states, transitions: r.transitions, statesPerSecond: r.states / r.seconds, cpuSeconds: (used.user + used.system) / 1e6 }));
`;

function runOnce(file: string, maxStates: number, por: boolean, workers: number, bound: 'on' | 'off'): Run {
  const args = ['--input-type=module', '-e', CHILD, ROOT, file, String(maxStates), String(por), String(workers), bound];
  // A run that takes ten minutes is stuck: said, not waited for.
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20, timeout: 600_000 });
  if (child.status !== 0) throw new Error(`explore (bound ${bound}) failed (${child.status ?? child.signal}): ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() as string) as Run;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length / 2;
  return sorted.length % 2 === 1 ? (sorted[Math.floor(mid)] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

function main(): void {
  const positional = process.argv.slice(2).filter((a, k, all) => !a.startsWith('--') && !(all[k - 1] ?? '').match(/^--(workers|max-states)$/));
  const file = resolve(positional[0] ?? join(ROOT, 'scenarios', 'explore', 'cbcast-3x2.json'));
  const rounds = Number(positional[1] ?? 4);
  const por = process.argv.includes('--por');
  const workers = flag('--workers', 1);
  const maxStates = flag('--max-states', 50_000_000);
  if (!existsSync(join(ROOT, 'dist', 'sim', 'explore', 'hang.js'))) {
    console.error('bench/explore-handler-bound.ts runs the built explorer: npm run build first');
    process.exit(2);
  }
  console.log(`node ${process.version}; ${file.slice(ROOT.length + 1)}${por ? ' --por' : ''} --workers ${workers}, ${rounds} rounds; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const runs: Record<'on' | 'off', Run[]> = { on: [], off: [] };
  for (let round = 0; round < rounds; round++) {
    // A B, then B A: neither always runs first.
    const order: ('on' | 'off')[] = round % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
    for (const bound of order) {
      const r = runOnce(file, maxStates, por, workers, bound);
      runs[bound].push(r);
      console.log(`bound ${bound.padEnd(3)} ${r.result.padEnd(8)} ${String(r.states).padStart(9)} states ${Math.round(r.statesPerSecond).toString().padStart(7)} states/s ${r.cpuSeconds.toFixed(2).padStart(7)} cpu-s`);
    }
  }
  const counts = new Set([...runs.on, ...runs.off].map((r) => `${r.result} ${r.states} ${r.transitions}`));
  if (counts.size !== 1) {
    console.error(`the runs disagree on the result or the counts: ${[...counts].join('; ')}`);
    process.exit(1);
  }
  const rate = median(runs.on.map((r) => r.statesPerSecond)) / median(runs.off.map((r) => r.statesPerSecond));
  const cpu = median(runs.on.map((r) => r.cpuSeconds)) / median(runs.off.map((r) => r.cpuSeconds));
  console.log(`with / without the bound (medians of ${rounds}): states/s ${rate.toFixed(3)}x, cpu ${cpu.toFixed(3)}x; load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

main();
