// The one message a suite worker thread sends that is not a run's outcome:
// "booted", posted once its code is loaded (the bundle with its V8 code
// cache, or dist/'s modules), when the pool asked for it. The pool changes a
// V8 flag for the workers only after every one has booted: a flag changed
// earlier changes V8's flag hash, and a worker booting after that rejects
// both Node's built-in code cache and the bundle's, and compiles all of it
// from source (BENCHMARKS.md, "Suite runner: worker scaling", session 7).
import { workerData } from 'node:worker_threads';

export const WORKER_BOOTED = 'vsynclab-suite-worker-booted';

/** The workerData field that asks a worker to post WORKER_BOOTED (sim/mutant-hunts.ts does not ask). */
const ANNOUNCE_BOOT = 'announceBoot';

export function announceBootData(): Record<string, unknown> {
  return { [ANNOUNCE_BOOT]: true };
}

export function bootAnnouncementWanted(): boolean {
  return typeof workerData === 'object' && workerData !== null && (workerData as Record<string, unknown>)[ANNOUNCE_BOOT] === true;
}
