// Breadth-first level sizes of an exploration under --por (and --symmetry),
// to size a space too big to exhaust: the same expansion as the search's
// BFS (bfs-levels.ts: successors.ts with the BFS cycle proviso), counting each level's
// new states. With --extrapolate REFERENCE it also exhausts the reference
// scenario (smaller, same shape) and carries the last level on with the
// reference's growth at the same relative depth, three ways (as is, scaled
// by the ratio of the last growths, scaled in the logarithm): an estimate
// of the whole space, not a count.
// Run:
//   npx tsx bench/explore/levels.ts SCENARIO [--symmetry] [--max-states N] [--extrapolate REFERENCE] [--keep-settled]
// (--keep-settled: settled messages stay in the history fingerprints, as
// before session 6 (sim/explore/history.ts): the same tree's baseline.)
import { cpuUsage } from 'node:process';
import '../../protocol/builtin.ts';
import { loadExploreScenario } from '../../sim/explore/index.ts';
import { ExploreModel } from '../../sim/explore/model.ts';
import { resolveProtocol } from '../../sim/resolve-protocol.ts';
import { benchArgs } from '../args.ts';
import { bfsLevels } from './bfs-levels.ts';

/** New states per BFS level (level 0: the initial state), stopping after the level that passes maxStates. */
function levels(file: string, symmetry: boolean, maxStates: number, say: (line: string) => void): number[] {
  const { scenario, config } = loadExploreScenario(file);
  const model = new ExploreModel(resolveProtocol(scenario), scenario, config, symmetry, !keepSettled);
  const counts: number[] = [];
  const start = cpuUsage();
  bfsLevels(model, true, maxStates, {
    onNew: (_state, depth) => void (depth === 0 && counts.push(1)),
    afterLevel: (depth, newStates, allStates) => {
      if (newStates > 0) counts.push(newStates);
      const cpu = cpuUsage(start);
      say(`level ${depth}: ${newStates} new, ${allStates} in all, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU s`);
    },
  });
  return counts;
}

/** The whole space, estimated from the first levels of `partial` and the exhausted `reference` profile. */
function extrapolate(partial: readonly number[], reference: readonly number[], maxDepth: number): Record<string, number> {
  const refDepth = reference.length - 1;
  const growth = (x: number): number => {
    const i = Math.min(Math.max(Math.floor(x), 1), refDepth - 1);
    const f = Math.min(Math.max(x - i, 0), 1);
    const g = (k: number): number => (reference[k] as number) / (reference[k - 1] as number);
    return g(i) * (1 - f) + g(Math.min(i + 1, refDepth)) * f;
  };
  const last = partial.length - 1;
  const observed = (partial[last] as number) / (partial[last - 1] as number);
  const atSameDepth = growth((last * refDepth) / maxDepth);
  const ways: Record<string, (g: number) => number> = {
    'as is': (g) => g,
    scaled: (g) => (g * observed) / atSameDepth,
    'scaled in the logarithm': (g) => Math.exp((Math.log(g) * Math.log(observed)) / Math.log(atSameDepth)),
  };
  const out: Record<string, number> = {};
  for (const [name, way] of Object.entries(ways)) {
    let total = partial.reduce((a, b) => a + b, 0);
    let at = partial[last] as number;
    for (let depth = last + 1; depth <= maxDepth; depth++) {
      at *= way(growth((depth * refDepth) / maxDepth));
      total += at;
    }
    out[name] = Math.round(total);
  }
  return out;
}

const args = benchArgs(process.argv.slice(2), ['--max-states', '--extrapolate']);
const symmetry = args.has('--symmetry');
const keepSettled = args.has('--keep-settled');
const maxStates = Number(args.valueOf('--max-states') ?? 1_000_000);
const reference = args.valueOf('--extrapolate');
const file = args.positionals[0] ?? 'scenarios/explore/cbcast-3x3.json';
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const what = `--por${symmetry ? ' --symmetry' : ''}${keepSettled ? ' (settled messages kept)' : ''}`;
const partial = levels(file, symmetry, maxStates, say);
say(`${file} ${what}, levels 0-${partial.length - 1}: ${partial.join(' ')}`);
if (reference !== undefined) {
  const full = levels(reference, symmetry, Number.MAX_SAFE_INTEGER, () => {});
  say(`${reference} ${what}, levels 0-${full.length - 1} (exhausted, ${full.reduce((a, b) => a + b, 0)} states): ${full.join(' ')}`);
  // The deepest level of a full-workload path: each process's multicasts, and each delivered at the other processes.
  const { scenario, config } = loadExploreScenario(file);
  const maxDepth = scenario.processes * config.multicastsPerProcess * scenario.processes;
  const estimate = extrapolate(partial, full, maxDepth);
  say(`estimate of ${file} ${what} to depth ${maxDepth}: ${Object.entries(estimate).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}`);
}
