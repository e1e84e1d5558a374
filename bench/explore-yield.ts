// Does a search that yields (so Ctrl-C reaches `vsynclab explore`) cost
// states/s? Times cbcast-3x2 with --por to a fixed number of states three
// ways, in one process, alternating (A B C, B C A, C A B, ...), and prints the medians:
//   A  another checkout's explore() (DIR, e.g. the main branch before the change)
//   B  this tree's explore() (the search driven to the end synchronously)
//   C  this tree's exploreSteps() driven by driveYielding (what the CLI does:
//      an event-loop turn at each yield)
// Run:
//   npx tsx bench/explore-yield.ts /work/main [states] [rounds]
import type { Scenario } from '../scenarios/types.ts';
import { explore, exploreSteps, loadExploreScenario } from '../sim/explore/index.ts';
import { driveYielding } from '../sim/steps.ts';
import { hrSeconds, printTable } from './report.ts';

const BASELINE_DIR = process.argv[2];
const STATES = Number(process.argv[3] ?? 100_000);
const ROUNDS = Number(process.argv[4] ?? 5);
if (BASELINE_DIR === undefined) throw new Error('usage: npx tsx bench/explore-yield.ts BASELINE_DIR [states] [rounds]');

type Explore = (scenario: Scenario, config: unknown, options: Record<string, unknown>) => { states: number };
type LoadExplore = (file: string) => { scenario: Scenario; config: unknown };
await import(`${BASELINE_DIR}/protocol/builtin.ts`);
const baseline = (await import(`${BASELINE_DIR}/sim/explore/index.ts`)) as { explore: Explore; loadExploreScenario: LoadExplore };

const here = new URL('..', import.meta.url).pathname;
const file = `${here}/scenarios/explore/cbcast-3x2.json`;
const options = { por: true, maxStates: STATES };

const ways: [string, () => Promise<number>][] = [
  [`before: ${BASELINE_DIR} explore()`, async () => {
    const { scenario, config } = baseline.loadExploreScenario(file);
    return baseline.explore(scenario, config, options).states;
  }],
  ['after: explore() (driveToEnd)', async () => {
    const { scenario, config } = loadExploreScenario(file);
    return explore(scenario, config, options).states;
  }],
  ['after: exploreSteps() + driveYielding (the CLI)', async () => {
    const { scenario, config } = loadExploreScenario(file);
    return (await driveYielding(exploreSteps(scenario, config, options))).states;
  }],
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const times: number[][] = ways.map(() => []);
const counts = new Set<number>();
for (const [, work] of ways) await work(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  // The order rotates each round (A B C, B C A, C A B), so no way always runs after the same one (its garbage, its heap).
  for (let k = 0; k < ways.length; k++) {
    const w = (round + k) % ways.length;
    const start = process.hrtime.bigint();
    counts.add(await ways[w]![1]());
    times[w]!.push(hrSeconds(start));
  }
}
if (counts.size !== 1) throw new Error(`the ways did different work: ${[...counts].join(', ')} states`);
const before = median(times[0]!);
printTable(
  ['cbcast-3x2 --por', 'states', 's (median)', 'states/s', 'speed / before'],
  ways.map(([label], w) => {
    const s = median(times[w]!);
    return [label, String(STATES), s.toFixed(3), String(Math.round(STATES / s)), (before / s).toFixed(2)];
  }),
);
process.exit(0);
