// The explorer's reductions against no reduction, on the same configuration:
// states, verdict and seconds with none, --symmetry, --por and both. Each
// run is a fresh process (a warm cache or a grown heap from the previous run
// would favour the later ones); within a round the four alternate, A B C D,
// and each figure is the median of its rounds. The verdicts must be equal.
// Run:
//   npx tsx bench/explore/reductions.ts [scenario] [rounds] [multicastsPerProcess]
// (default scenarios/explore/cbcast-3x2.json with 1 multicast each, 3 rounds;
// the shipped 2 multicasts take minutes per run without reduction).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import '../../protocol/builtin.ts';
import { explore, loadExploreScenario } from '../../sim/explore/index.ts';
import { printTable } from '../report.ts';

const self = fileURLToPath(import.meta.url);

const MODES = {
  none: {},
  symmetry: { symmetry: true },
  por: { por: true },
  'por+symmetry': { por: true, symmetry: true },
} as const;
type Mode = keyof typeof MODES;

interface Run {
  result: string;
  states: number;
  transitions: number;
  seconds: number;
  peakMemoryBytes: number;
}

if (process.argv[2] === '--child') {
  const [file, mode, multicasts] = [process.argv[3] as string, process.argv[4] as Mode, process.argv[5] as string];
  const { scenario, config } = loadExploreScenario(file);
  const r = explore(scenario, multicasts === '' ? config : { ...config, multicastsPerProcess: Number(multicasts) }, MODES[mode]);
  process.stdout.write(JSON.stringify({ result: r.result, states: r.states, transitions: r.transitions, seconds: r.seconds, peakMemoryBytes: r.peakMemoryBytes }));
  process.exit(0);
}

const file = process.argv[2] ?? 'scenarios/explore/cbcast-3x2.json';
const rounds = Number(process.argv[3] ?? 3);
const multicasts = process.argv[4] ?? (process.argv[2] === undefined ? '1' : '');
const modes = Object.keys(MODES) as Mode[];
const runs = Object.fromEntries(modes.map((m) => [m, [] as Run[]])) as Record<Mode, Run[]>;
for (let round = 0; round < rounds; round++) {
  for (const mode of modes) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', file, mode, multicasts], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`${mode}: ${child.stderr}`);
    runs[mode].push(JSON.parse(child.stdout) as Run);
  }
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const base = runs.none[0] as Run;
const baseSeconds = median(runs.none.map((r) => r.seconds));
const rows = modes.map((mode) => {
  const list = runs[mode];
  const first = list[0] as Run;
  const same = list.every((r) => r.result === first.result && r.states === first.states);
  const seconds = median(list.map((r) => r.seconds));
  return [
    mode,
    same ? first.result : 'DIFFERS',
    first.states.toLocaleString('en-US'),
    (first.states / base.states).toFixed(3),
    list.map((r) => r.seconds.toFixed(2)).join(' '),
    (seconds / baseSeconds).toFixed(2),
    String(Math.round(median(list.map((r) => r.peakMemoryBytes)) / 1048576)),
  ];
});
const what = multicasts === '' ? '' : ` with ${multicasts} multicast(s) each`;
process.stdout.write(`${file}${what}, bfs; ${rounds} rounds alternating, medians; node ${process.version}\n`);
printTable(['reduction', 'result', 'states', 'states x none', 'seconds (each run)', 'time x none', 'peak RSS MB'], rows);
if (modes.some((m) => runs[m].some((r) => r.result !== base.result))) {
  process.stdout.write('VERDICTS DIFFER\n');
  process.exitCode = 1;
}
