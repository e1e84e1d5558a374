// The job loop of a suite worker thread: take a job, run it, post the
// outcome. A module of its own (not worker-thread.ts, which starts the loop
// when imported) so the one-file CLI bundle can export it: a worker started
// from the bundle (bin/suite-worker.js) calls it with its parent port.
import type { MessagePort } from 'node:worker_threads';
import { executeRun } from './execute.ts';
import type { RunJob } from './plan.ts';
import { loadPlugins } from '../plugins.ts';
import { bootAnnouncementWanted, WORKER_BOOTED } from './worker-ready.ts';

export function serveSuiteJobs(port: MessagePort): void {
  const loaded = new Set<string>();
  // Jobs arrive while a plugin loads (the pool keeps two in flight): they run in arrival order.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (job: RunJob) => {
    queue = queue.then(async () => {
      const missing = job.plugins.filter((url) => !loaded.has(url));
      if (missing.length > 0) {
        await loadPlugins(missing);
        for (const url of missing) loaded.add(url);
      }
      port.postMessage(executeRun(job));
    });
  });
  // This thread's code is loaded: the pool may now change V8's flags (sim/suite/worker-ready.ts).
  if (bootAnnouncementWanted()) port.postMessage(WORKER_BOOTED);
}
