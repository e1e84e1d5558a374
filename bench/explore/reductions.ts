// The explorer's reductions against no reduction, on the same configuration:
// states, verdict and seconds with none, --symmetry, --por and both. Each
// run is a fresh process (a warm cache or a grown heap from the previous run
// would favour the later ones); within a round the four alternate, A B C D,
// and each figure is the median of its rounds. The verdicts must be equal.
// Run:
//   npx tsx bench/explore/reductions.ts [scenario] [rounds] [multicastsPerProcess]
// (default scenarios/explore/cbcast-3x2.json with 1 multicast each, 3 rounds;
// the shipped 2 multicasts take minutes per run without reduction).
//
// Against another tree (a baseline checkout of main, with its node_modules):
//   npx tsx bench/explore/reductions.ts --against DIR [--modes por,por+symmetry] [scenario] [rounds]
// runs the given modes from this tree and from DIR (its own copy of this
// file's --child), alternating A B A B, and prints medians of the search's
// seconds and of each process's CPU seconds (user + system, /usr/bin/time),
// with this tree's over the baseline's; the verdicts and states must agree.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import '../../protocol/builtin.ts';
import { explore, loadExploreScenario } from '../../sim/explore/index.ts';
import { printTable, median } from '../report.ts';

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

if (process.argv[2] === '--against') {
  await compareTrees();
  process.exit(process.exitCode ?? 0);
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

interface TimedRun extends Run {
  cpuSeconds: number;
}

/** One --child run of `script` (this file in some tree), with its CPU time measured from outside. */
function timedChild(script: string, file: string, mode: Mode): TimedRun {
  const child = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, '--import', 'tsx', script, '--child', file, mode, ''], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    cwd: dirname(dirname(dirname(script))),
  });
  if (child.status !== 0) throw new Error(`${script} ${mode}: ${child.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(child.stderr);
  if (cpu === null) throw new Error(`no CPU time from /usr/bin/time: ${child.stderr}`);
  return { ...(JSON.parse(child.stdout) as Run), cpuSeconds: Number(cpu[1]) + Number(cpu[2]) };
}

async function compareTrees(): Promise<void> {
  const args = process.argv.slice(3);
  const baseDir = resolve(args.shift() as string);
  let modes: Mode[] = ['por+symmetry'];
  if (args[0] === '--modes') {
    args.shift();
    modes = (args.shift() as string).split(',') as Mode[];
    for (const m of modes) if (!(m in MODES)) throw new Error(`unknown mode ${m}; one of ${Object.keys(MODES).join(', ')}`);
  }
  const file = resolve(args[0] ?? 'scenarios/explore/cbcast-3x2.json');
  const rounds = Number(args[1] ?? 2);
  const trees = { this: self, baseline: resolve(baseDir, 'bench/explore/reductions.ts') };
  const loads: string[] = [];
  const runs = new Map<string, TimedRun[]>();
  for (let round = 0; round < rounds; round++) {
    for (const mode of modes) {
      for (const [tree, script] of Object.entries(trees)) {
        loads.push(loadavg()[0]!.toFixed(1));
        const r = timedChild(script, file, mode);
        process.stderr.write(`round ${round + 1}, ${mode}, ${tree}: ${r.result}, ${r.states} states, ${r.seconds.toFixed(1)} s, ${r.cpuSeconds.toFixed(1)} CPU s\n`);
        const key = `${mode}/${tree}`;
        runs.set(key, [...(runs.get(key) ?? []), r]);
      }
    }
  }
  process.stdout.write(`${file}, bfs; this tree against ${baseDir}; ${rounds} rounds alternating, medians; node ${process.version}; 1-minute load average before each run: ${loads.join(' ')}\n`);
  const rows: string[][] = [];
  for (const mode of modes) {
    const mine = runs.get(`${mode}/this`) as TimedRun[];
    const base = runs.get(`${mode}/baseline`) as TimedRun[];
    const first = mine[0] as TimedRun;
    const agree = [...mine, ...base].every((r) => r.result === first.result && r.states === first.states);
    if (!agree) process.exitCode = 1;
    for (const [tree, list] of [['this', mine], ['baseline', base]] as const) {
      const cpu = median(list.map((r) => r.cpuSeconds));
      const baseCpu = median(base.map((r) => r.cpuSeconds));
      rows.push([
        mode,
        tree,
        agree ? (list[0] as TimedRun).result : 'DIFFERS',
        (list[0] as TimedRun).states.toLocaleString('en-US'),
        list.map((r) => r.seconds.toFixed(1)).join(' '),
        list.map((r) => r.cpuSeconds.toFixed(1)).join(' '),
        (cpu / baseCpu).toFixed(2),
        String(Math.round(median(list.map((r) => r.peakMemoryBytes)) / 1048576)),
      ]);
    }
  }
  printTable(['reduction', 'tree', 'result', 'states', 'search s (each run)', 'CPU s (each run)', 'CPU x baseline', 'peak RSS MB'], rows);
}
