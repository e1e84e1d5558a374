// Suite throughput with 1 and 2 worker threads on the same plan, in the
// same process: seeds per second and the speed-up. Run:
//   npx tsx bench/suite-workers.ts [PATH...] [--seeds A..B]
import { loadScenarios } from '../sim/scenario-files.ts';
import { planRuns } from '../sim/suite/plan.ts';
import { runJobs } from '../sim/suite/pool.ts';
import { parseSeedRange } from '../scenarios/validate.ts';
import { hrSeconds, printTable } from './report.ts';

const args = process.argv.slice(2);
const seedsAt = args.indexOf('--seeds');
const seeds = seedsAt >= 0 ? parseSeedRange(args[seedsAt + 1] ?? '') ?? undefined : undefined;
const paths = args.filter((a, k) => a !== '--seeds' && k !== seedsAt + 1);
const plan = planRuns(loadScenarios(paths), seeds !== undefined ? { seeds } : {});

const rows: string[][] = [];
let baseline = 0;
for (const workers of [1, 2]) {
  const start = process.hrtime.bigint();
  const outcomes = await runJobs(plan, workers, () => {});
  const seconds = hrSeconds(start);
  const rate = outcomes.length / seconds;
  if (workers === 1) baseline = rate;
  const failed = outcomes.filter((o) => !o.result.passed).length;
  rows.push([String(workers), String(outcomes.length), String(failed), seconds.toFixed(2), rate.toFixed(2), (rate / baseline).toFixed(2)]);
}
printTable(['workers', 'runs', 'failed', 'seconds', 'runs/s', 'speed-up'], rows);
