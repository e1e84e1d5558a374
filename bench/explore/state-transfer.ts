// The pinned state-transfer configuration (scenarios/explore/isis-restart-3x1.json:
// full ISIS, 3 processes, one total-order write, one crash and one restart
// that joins with state transfer) exhausted, and the stale-state-transfer
// mutant's counterexample found on it, against the baseline of the same
// run: the membership configuration pinned before (isis-crash-3x1.json,
// one crash, no restart). Each run is a fresh process; the three alternate
// (A B C A B C); each figure is the median of its runs. Run:
//   npx tsx bench/explore/state-transfer.ts [rounds]     (default 2)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import '../../protocol/builtin.ts';
import { staleStateTransfer } from '../../protocol/mutants/stale-state-transfer.ts';
import { explore, loadExploreScenario } from '../../sim/explore/index.ts';
import { printTable, median } from '../report.ts';

const self = fileURLToPath(import.meta.url);
/** Every run stops within this (a bound: the verdict is then `unknown`). */
const MAX_SECONDS = 600;

const VARIANTS = {
  'crash-3x1 (baseline)': { file: 'scenarios/explore/isis-crash-3x1.json', mutant: false },
  'restart-3x1': { file: 'scenarios/explore/isis-restart-3x1.json', mutant: false },
  'restart-3x1 stale-state-transfer': { file: 'scenarios/explore/isis-restart-3x1.json', mutant: true },
} as const;
type Variant = keyof typeof VARIANTS;

if (process.argv[2] === '--child') {
  const { file, mutant } = VARIANTS[process.argv[3] as Variant];
  const { scenario, config } = loadExploreScenario(file);
  const protocol = mutant ? staleStateTransfer.factory(scenario.protocol.options ?? {}) : undefined;
  const r = explore(scenario, config, { maxSeconds: MAX_SECONDS, ...(protocol !== undefined ? { protocol } : {}) });
  const steps = r.counterexample?.choices.length ?? 0;
  process.stdout.write(JSON.stringify({ result: r.result, property: r.violation?.property ?? '', steps, states: r.states, seconds: r.seconds, peakMemoryBytes: r.peakMemoryBytes }));
  process.exit(0);
}

interface Run {
  result: string;
  property: string;
  steps: number;
  states: number;
  seconds: number;
  peakMemoryBytes: number;
}

const rounds = Number(process.argv[2] ?? 2);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 10) throw new Error('rounds: expected a whole number from 1 to 10');
const names = Object.keys(VARIANTS) as Variant[];
const runs = new Map<Variant, Run[]>(names.map((n) => [n, []]));
for (let round = 0; round < rounds; round++) {
  for (const name of names) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', name], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
    runs.get(name)?.push(JSON.parse(child.stdout) as Run);
  }
}

const rows: string[][] = [];
let baseRate = 0;
let baseSeconds = 0;
for (const name of names) {
  const list = runs.get(name) ?? [];
  const first = list[0] as Run;
  const same = list.every((r) => r.result === first.result && r.states === first.states);
  const seconds = median(list.map((r) => r.seconds));
  const rate = first.states / seconds;
  if (baseRate === 0) {
    baseRate = rate;
    baseSeconds = seconds;
  }
  rows.push([
    name,
    same ? `${first.result}${first.property === '' ? '' : ` ${first.property} (${first.steps} steps)`}` : 'DIFFERS',
    first.states.toLocaleString('en-US'),
    list.map((r) => r.seconds.toFixed(1)).join(' '),
    (seconds / baseSeconds).toFixed(2),
    Math.round(rate).toLocaleString('en-US'),
    (rate / baseRate).toFixed(2),
    String(Math.round(median(list.map((r) => r.peakMemoryBytes)) / 1048576)),
  ]);
}
process.stdout.write(`explore, bfs, no reduction; ${rounds} rounds alternating, medians; node ${process.version}\n`);
printTable(['configuration', 'result', 'states', 'seconds (each run)', 'time x baseline', 'states/s', 'rate x baseline', 'peak RSS MB'], rows);
