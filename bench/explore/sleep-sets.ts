// Sleep sets against the same search without them, on one configuration:
// states, transitions, verdict, the search's seconds and the process's CPU
// seconds. Each run is a fresh process; the two alternate, A B A B, and
// each figure is the median of its rounds. States and verdicts must agree.
// Run:
//   npx tsx bench/explore/sleep-sets.ts SCENARIO [--rounds N] [--strategy bfs|dfs] [--max-depth D] [--timers]
// --timers: the ISIS stack over a network that may lose (reliableNetwork
// false: acknowledgements, retransmission and stability timers), whose space
// is too big to exhaust; give it a --max-depth.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import '../../protocol/builtin.ts';
import { explore, loadExploreScenario, type Strategy } from '../../sim/explore/index.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { benchArgs, boundedCount } from '../args.ts';
import { printTable, median } from '../report.ts';

const self = fileURLToPath(import.meta.url);

interface Run {
  result: string;
  states: number;
  transitions: number;
  depth: number;
  seconds: number;
  cpuSeconds: number;
}

function withTimers(scenario: Scenario): Scenario {
  const protocol = scenario.protocol as { name: string; options?: Record<string, unknown> };
  return { ...scenario, protocol: { ...protocol, options: { ...protocol.options, reliableNetwork: false } } } as Scenario;
}

if (process.argv[2] === '--child') {
  const [file, sleep, strategy, maxDepth, timers] = process.argv.slice(3) as [string, string, Strategy, string, string];
  const { scenario, config } = loadExploreScenario(file);
  const before = process.cpuUsage();
  const r = explore(timers === '1' ? withTimers(scenario) : scenario, config, {
    strategy,
    sleepSets: sleep === '1',
    ...(maxDepth === '' ? {} : { maxDepth: Number(maxDepth) }),
  });
  const cpu = process.cpuUsage(before);
  const run: Run = { result: r.result, states: r.states, transitions: r.transitions, depth: r.depth, seconds: r.seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  process.stdout.write(JSON.stringify(run));
  process.exit(0);
}

const args = benchArgs(process.argv.slice(2), ['--rounds', '--strategy', '--max-depth']);
const file = args.positionals[0] ?? 'scenarios/explore/isis-crash-3x1.json';
const rounds = boundedCount(args.valueOf('--rounds'), 3, 20);
const strategy = (args.valueOf('--strategy') ?? 'bfs') as Strategy;
const maxDepth = args.valueOf('--max-depth') ?? '';
const timers = args.has('--timers') ? '1' : '0';
const runs: Record<'without' | 'with', Run[]> = { without: [], with: [] };
const loadBefore = loadavg()[0] as number;
for (let round = 0; round < rounds; round++) {
  for (const mode of ['without', 'with'] as const) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', file, mode === 'with' ? '1' : '0', strategy, maxDepth, timers], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`${mode}: ${child.stderr}`);
    runs[mode].push(JSON.parse(child.stdout) as Run);
  }
}

const base = runs.without[0] as Run;
const baseSeconds = median(runs.without.map((r) => r.seconds));
const baseCpu = median(runs.without.map((r) => r.cpuSeconds));
const rows = (['without', 'with'] as const).map((mode) => {
  const list = runs[mode];
  const first = list[0] as Run;
  if (list.some((r) => r.result !== base.result || r.states !== base.states || r.depth !== base.depth)) throw new Error(`${mode}: states, depth or verdict differ from the search without sleep sets`);
  const seconds = median(list.map((r) => r.seconds));
  const cpu = median(list.map((r) => r.cpuSeconds));
  return [
    mode === 'with' ? 'sleep sets' : 'none',
    first.result,
    first.states.toLocaleString('en-US'),
    first.transitions.toLocaleString('en-US'),
    (first.transitions / base.transitions).toFixed(2),
    seconds.toFixed(1),
    (seconds / baseSeconds).toFixed(2),
    cpu.toFixed(1),
    (cpu / baseCpu).toFixed(2),
  ];
});
console.log(`${file}${timers === '1' ? ' with timers' : ''}, ${strategy}${maxDepth === '' ? '' : `, max depth ${maxDepth}`}: ${rounds} rounds, A B A B, medians; load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] as number).toFixed(1)} after`);
printTable(['reduction', 'result', 'states', 'transitions', 'x', 'seconds', 'x', 'CPU s', 'x'], rows);
