// An exploration with coverage, in a fresh worker thread started for it
// (explore-worker.ts): as run-jobs.ts does for a suite's runs, so that the
// report of an exploration is the same whatever protocol code ran before in
// this process (the CLI checks the scenario's options before it explores;
// measured on this thread, those functions counted as wholes). The worker
// explores; this thread passes progress and a stop on, and adds the branch
// counts to `collector` at the end.
import { Worker } from 'node:worker_threads';
import { assertNever } from '../../core/assert-never.ts';
import { InputError } from '../../core/input-error.ts';
import type { ExploreResult, SearchProgress } from '../explore/index.ts';
import { ProtocolHandlerError } from '../system/handlers.ts';
import type { CoverageCollector } from './collector.ts';
import type { ExploreWorkerData, ExploreWorkerFailure, FromExploreWorker, ToExploreWorker } from './explore-worker-messages.ts';

// As run-jobs.ts: compiled (dist/), the worker is plain JavaScript; from
// source (vitest, tsx) it needs tsx to read the .ts files.
const RUNNING_COMPILED = import.meta.url.endsWith('.js');
const SOURCE_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((tsx) => { tsx.register(); return import(workerData.entry); });
`;
/** How often this thread looks at `shouldStop` while the worker explores (a Ctrl-C is passed on within this). */
const STOP_POLL_MS = 50;

export interface CoveredExploration {
  result: ExploreResult;
  /** The --compare exploration without reductions, when asked for and not stopped first. */
  baseline: ExploreResult | null;
}

export async function exploreWithCoverage(
  data: ExploreWorkerData,
  collector: CoverageCollector,
  onProgress: (progress: SearchProgress) => void = () => undefined,
  shouldStop: () => boolean = () => false,
): Promise<CoveredExploration> {
  const worker = startExploreWorker(data);
  const poll = setInterval(() => {
    if (!shouldStop()) return;
    const stop: ToExploreWorker = { kind: 'stop' };
    worker.postMessage(stop);
    clearInterval(poll);
  }, STOP_POLL_MS);
  try {
    return await new Promise<CoveredExploration>((resolve, reject) => {
      worker.on('message', (message: FromExploreWorker) => {
        switch (message.kind) {
          case 'progress':
            onProgress(message.progress);
            break;
          case 'done':
            collector.branches.merge(message.points, message.contents);
            collector.subject = 'the exploration';
            resolve({ result: message.result, baseline: message.baseline });
            break;
          case 'failed':
            reject(rebuild(message.failure));
            break;
          default:
            assertNever(message, 'explore coverage worker message');
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`explore coverage worker exited (status ${code}) before its report`)));
    });
  } finally {
    clearInterval(poll);
    await worker.terminate();
  }
}

/** The worker's error as the CLI reports it: bad input (exit 2), a protocol handler's throw (exit 1), or internal. */
function rebuild(failure: ExploreWorkerFailure): Error {
  switch (failure.kind) {
    case 'input':
      return new InputError(failure.message);
    case 'protocol': {
      const f = failure.error;
      const error = new ProtocolHandlerError(f.process, f.handler, f.traceEventIndex, f.time, f.timeUnit, f.reason, f.protocolFrames);
      error.message = f.message;
      return error;
    }
    case 'internal': {
      const error = new Error(`explore coverage worker: ${failure.message}`);
      error.stack = failure.stack;
      return error;
    }
    default:
      return assertNever(failure, 'explore coverage worker failure');
  }
}

function startExploreWorker(workerData: ExploreWorkerData): Worker {
  if (RUNNING_COMPILED) return new Worker(new URL('./explore-worker.js', import.meta.url), { workerData });
  const entry = new URL('./explore-worker.ts', import.meta.url).href;
  return new Worker(SOURCE_BOOTSTRAP, { eval: true, workerData: { ...workerData, entry } });
}
