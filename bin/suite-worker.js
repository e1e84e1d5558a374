// A `vsynclab run --workers N` thread when the CLI runs from its bundle:
// the same bundle and code cache as the main thread (bin/load-bundle.js),
// then the suite's job loop (sim/suite/worker-serve.ts). sim/suite/pool.ts
// starts this file when bin/vsynclab.js says so.
import { parentPort } from 'node:worker_threads';
import { loadBundle } from './load-bundle.js';

if (parentPort === null) throw new Error('bin/suite-worker.js must run in a worker thread');
const bundle = loadBundle();
if (bundle === null) throw new Error('bin/suite-worker.js: dist/cli/vsynclab.cjs is missing: run `npm run build`');
bundle.serveSuiteJobs(parentPort);
