// The job loop of a suite worker thread: take a job, run it, post the
// outcome. A module of its own (not worker-thread.ts, which starts the loop
// when imported) so the one-file CLI bundle can export it: a worker started
// from the bundle (bin/suite-worker.js) calls it with its parent port.
import type { MessagePort } from 'node:worker_threads';
import { executeRun, executeRunWatched } from './execute.ts';
import { Heartbeat } from './heartbeat.ts';
import type { RunJob } from './plan.ts';
import { loadPlugins } from '../plugins.ts';
import { bootAnnouncementWanted, WORKER_BOOTED } from './worker-ready.ts';

export function serveSuiteJobs(port: MessagePort): void {
  const loaded = new Set<string>();
  // Set when the pool watches this worker (sim/suite/heartbeat.ts): runs then go without node:vm's per-call watchdog.
  let heartbeat: Heartbeat | null = null;
  // Jobs arrive while a plugin loads (the pool keeps two in flight): they run in arrival order.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message: RunJob | SharedArrayBuffer) => {
    if (message instanceof SharedArrayBuffer) {
      heartbeat = new Heartbeat(message);
      return;
    }
    const job = message;
    queue = queue.then(async () => {
      const missing = job.plugins.filter((url) => !loaded.has(url));
      if (missing.length > 0) {
        await loadPlugins(missing);
        for (const url of missing) loaded.add(url);
      }
      const beat = heartbeat;
      if (beat === null) {
        port.postMessage(executeRun(job));
        return;
      }
      beat.running(true);
      const outcome = executeRunWatched(job, () => beat.beat());
      beat.running(false);
      port.postMessage(outcome);
    });
  });
  // This thread's code is loaded: the pool may now change V8's flags (sim/suite/worker-ready.ts).
  if (bootAnnouncementWanted()) port.postMessage(WORKER_BOOTED);
}
