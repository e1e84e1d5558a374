// The worker side of the suite pool: take a job, run it, post the outcome.
// Compiled, this file runs as plain JavaScript; tsx comes in only when a job
// names a TypeScript plugin (sim/plugins.ts registers it in this thread).
import { parentPort } from 'node:worker_threads';
import { executeRun } from './execute.ts';
import type { RunJob } from './plan.ts';
import { loadPlugins } from '../plugins.ts';

const port = parentPort;
if (port === null) throw new Error('worker-thread.ts must run in a worker thread');
const loaded = new Set<string>();
port.on('message', (job: RunJob) => {
  const missing = job.plugins.filter((url) => !loaded.has(url));
  void loadPlugins(missing).then(() => {
    for (const url of missing) loaded.add(url);
    port.postMessage(executeRun(job));
  });
});
