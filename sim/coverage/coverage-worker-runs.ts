// The coverage worker's work (loaded by coverage-worker.ts once coverage is
// on): run the jobs of workerData, post each outcome with its trace facts,
// then every branch point of the protocol's scripts with its count.
import { parentPort, workerData } from 'node:worker_threads';
import { loadPlugins } from '../plugins.ts';
import { CoverageCollector } from './collector.ts';
import type { CoverageWorkerData, FromCoverageWorker, ToCoverageWorker } from './coverage-worker-messages.ts';
import { runJobsObserved } from './observed-runs.ts';
import { protocolScope } from './scope.ts';

const port = parentPort;
if (port === null) throw new Error('coverage-worker-runs.ts must run in a worker thread');
const data = workerData as CoverageWorkerData;
let stopAsked = false;
port.on('message', (message: ToCoverageWorker) => {
  if (message.kind === 'stop') stopAsked = true;
});
await loadPlugins([...new Set(data.jobs.flatMap((job) => job.plugins))]);
const collector = new CoverageCollector(protocolScope(data.pluginPaths));
collector.start();
const post = (message: FromCoverageWorker): void => port.postMessage(message);
await runJobsObserved(data.jobs, collector, (outcome, facts) => post({ kind: 'outcome', outcome, facts }), () => stopAsked, data.detail ?? undefined);
collector.stop();
post({ kind: 'done', points: collector.branches.points(), contents: collector.branches.contents() });
