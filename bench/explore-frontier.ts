// The explorer's BFS frontier: full child states (the old frontier) against
// (parent, action) pairs with children stepped again when expanded (the
// compact frontier), exhausting a configuration with --por. Each run is a
// fresh process (so peak memory is its own); the two alternate, A B A B,
// and each figure is the median of its runs. State counts and verdicts must
// be equal. Run:
//   npx tsx bench/explore-frontier.ts [scenario] [rounds]
// (default scenarios/explore/cbcast-3x2.json, 2 rounds).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import '../protocol/builtin.ts';
import { explore, loadExploreScenario } from '../sim/explore/index.ts';
import { printTable, median } from './report.ts';

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  const [file, frontier] = [process.argv[3] as string, process.argv[4] as string];
  const { scenario, config } = loadExploreScenario(file);
  const r = explore(scenario, config, { por: true, compactFrontier: frontier === 'compact' });
  process.stdout.write(JSON.stringify({ result: r.result, states: r.states, transitions: r.transitions, seconds: r.seconds, peakMemoryBytes: r.peakMemoryBytes }));
  process.exit(0);
}

interface Run {
  result: string;
  states: number;
  transitions: number;
  seconds: number;
  peakMemoryBytes: number;
}

const file = process.argv[2] ?? 'scenarios/explore/cbcast-3x2.json';
const rounds = Number(process.argv[3] ?? 2);
const variants = ['full', 'compact'] as const;
const runs: Record<string, Run[]> = { full: [], compact: [] };
for (let round = 0; round < rounds; round++) {
  for (const frontier of variants) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', file, frontier], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`${frontier}: ${child.stderr}`);
    runs[frontier]?.push(JSON.parse(child.stdout) as Run);
  }
}

const rows: string[][] = [];
const base = { seconds: 0, memory: 0 };
for (const frontier of variants) {
  const list = runs[frontier] ?? [];
  const first = list[0] as Run;
  const same = list.every((r) => r.result === first.result && r.states === first.states);
  const seconds = median(list.map((r) => r.seconds));
  const memory = median(list.map((r) => r.peakMemoryBytes));
  if (base.seconds === 0) Object.assign(base, { seconds, memory });
  rows.push([
    frontier,
    same ? first.result : 'DIFFERS',
    first.states.toLocaleString('en-US'),
    list.map((r) => r.seconds.toFixed(1)).join(' '),
    Math.round(first.states / seconds).toLocaleString('en-US'),
    (base.seconds / seconds).toFixed(2),
    String(Math.round(memory / 1048576)),
    (memory / base.memory).toFixed(2),
  ]);
}
process.stdout.write(`${file} --por, bfs; ${rounds} rounds alternating, medians; node ${process.version}\n`);
printTable(['frontier', 'result', 'states', 'seconds (each run)', 'states/s', 'speed x full', 'peak RSS MB', 'memory x full'], rows);
if (runs['full']?.[0]?.states !== runs['compact']?.[0]?.states) {
  process.stdout.write('STATE COUNTS DIFFER\n');
  process.exitCode = 1;
}
