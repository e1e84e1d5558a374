// A suite's runs with coverage, in a fresh worker thread started for them
// (coverage-worker.ts): there precise coverage starts before any protocol
// module is loaded, so the report of a set of runs is the same whatever ran
// before in this process (a library caller's plain runs, an earlier
// coverage run). The worker runs the jobs one after another (V8's coverage
// is per isolate); this thread gets each outcome with its trace facts as it
// finishes, and the branch counts at the end, and adds them to `collector`.
import { Worker } from 'node:worker_threads';
import type { RunOutcome } from '../suite/execute.ts';
import type { RunJob } from '../suite/plan.ts';
import type { TraceDetail } from '../../traces/schema.ts';
import { assertNever } from '../../core/assert-never.ts';
import type { CoverageCollector } from './collector.ts';
import type { CoverageWorkerData, FromCoverageWorker, ToCoverageWorker } from './coverage-worker-messages.ts';

// As sim/suite/pool.ts: compiled (dist/), the worker is plain JavaScript;
// from source (vitest, tsx) it needs tsx to read the .ts files. The one-file
// bundle never gets here: bin/vsynclab.js loads dist/ for --coverage.
const RUNNING_COMPILED = import.meta.url.endsWith('.js');
const SOURCE_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((tsx) => { tsx.register(); return import(workerData.entry); });
`;
/** How often this thread looks at `shouldStop` while the worker runs (a Ctrl-C is passed on within this). */
const STOP_POLL_MS = 50;

export async function runJobsWithCoverage(
  jobs: readonly RunJob[],
  collector: CoverageCollector,
  onOutcome: (outcome: RunOutcome) => void,
  shouldStop: () => boolean = () => false,
  /** `run --detail`: what the observed runs record (frames feed the message-kind facts); default each scenario's own. */
  detail?: TraceDetail,
): Promise<RunOutcome[]> {
  const data: CoverageWorkerData = { jobs, pluginPaths: collector.scope.pluginPaths, detail: detail ?? null };
  const worker = startCoverageWorker(data);
  const outcomes: RunOutcome[] = [];
  const poll = setInterval(() => {
    if (!shouldStop()) return;
    const stop: ToCoverageWorker = { kind: 'stop' };
    worker.postMessage(stop);
    clearInterval(poll);
  }, STOP_POLL_MS);
  try {
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromCoverageWorker) => {
        switch (message.kind) {
          case 'outcome':
            collector.endRun({ facts: message.facts });
            outcomes.push(message.outcome);
            onOutcome(message.outcome);
            break;
          case 'done':
            collector.branches.merge(message.points, message.contents);
            resolve();
            break;
          default:
            assertNever(message, 'coverage worker message');
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`coverage worker exited (status ${code}) before its report`)));
    });
  } finally {
    clearInterval(poll);
    await worker.terminate();
  }
  return outcomes;
}

function startCoverageWorker(workerData: CoverageWorkerData): Worker {
  if (RUNNING_COMPILED) return new Worker(new URL('./coverage-worker.js', import.meta.url), { workerData });
  const entry = new URL('./coverage-worker.ts', import.meta.url).href;
  return new Worker(SOURCE_BOOTSTRAP, { eval: true, workerData: { ...workerData, entry } });
}

