// A suite worker thread started from dist/'s ES modules (or from source
// under tsx): the job loop of worker-serve.ts on this thread's parent port.
// Compiled, this file runs as plain JavaScript; tsx comes in only when a job
// names a TypeScript plugin (sim/plugins.ts registers it in this thread).
import { parentPort } from 'node:worker_threads';
import { serveSuiteJobs } from './worker-serve.ts';

if (parentPort === null) throw new Error('worker-thread.ts must run in a worker thread');
serveSuiteJobs(parentPort);
