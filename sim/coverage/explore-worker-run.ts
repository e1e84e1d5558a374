// The explore coverage worker's work (loaded by explore-worker.ts once
// coverage is on): load the plugins, explore the scenario of workerData
// (and again without reductions for --compare), then post the results with
// every branch point of the protocol's scripts and its count.
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../../core/input-error.ts';
import { exploreSteps, type ExploreResult, type ExploreOptions } from '../explore/index.ts';
import { loadPlugins } from '../plugins.ts';
import { driveYielding } from '../steps.ts';
import { ProtocolHandlerError } from '../system/handlers.ts';
import { CoverageCollector } from './collector.ts';
import type { ExploreWorkerData, ExploreWorkerFailure, FromExploreWorker, ToExploreWorker } from './explore-worker-messages.ts';
import { protocolScope } from './scope.ts';

const port = parentPort;
if (port === null) throw new Error('explore-worker-run.ts must run in a worker thread');
const data = workerData as ExploreWorkerData;
let stopAsked = false;
port.on('message', (message: ToExploreWorker) => {
  if (message.kind === 'stop') stopAsked = true;
});
const post = (message: FromExploreWorker): void => port.postMessage(message);

function failureOf(error: unknown): ExploreWorkerFailure {
  if (error instanceof InputError) return { kind: 'input', message: error.message };
  if (error instanceof ProtocolHandlerError) {
    const { process, handler, traceEventIndex, time, timeUnit, reason, protocolFrames, message } = error;
    return { kind: 'protocol', error: { process, handler, traceEventIndex, time, timeUnit, reason, protocolFrames: [...protocolFrames], message } };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'internal', message: e.message, stack: e.stack ?? e.message };
}

try {
  await loadPlugins(data.pluginUrls);
  const collector = new CoverageCollector(protocolScope(data.pluginPaths));
  collector.start();
  const { progress, ...searchOptions } = data.options;
  const options: ExploreOptions = {
    ...searchOptions,
    ...(progress ? { onProgress: (p) => post({ kind: 'progress', progress: p }) } : {}),
    shouldStop: () => stopAsked,
  };
  const result = await driveYielding(exploreSteps(data.scenario, data.config, options));
  let baseline: ExploreResult | null = null;
  if (data.compare && (options.por === true || options.sleepSets === true || options.symmetry === true) && !stopAsked) {
    baseline = await driveYielding(exploreSteps(data.scenario, data.config, { ...options, por: false, sleepSets: false, symmetry: false }));
  }
  collector.stop();
  post({ kind: 'done', result, baseline, points: collector.branches.points(), contents: collector.branches.contents() });
} catch (error) {
  post({ kind: 'failed', failure: failureOf(error) });
}
