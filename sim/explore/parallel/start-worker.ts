// Starts a worker thread of the parallel search. As the suite's pool
// (sim/suite/pool.ts): compiled (the CLI, dist/; the one-file bundle keeps
// each module's own import.meta.url), the worker loads dist/'s compiled
// worker.js directly and starts in milliseconds; from source (vitest, tsx)
// it needs tsx to read the .ts files.
import { Worker, type MessagePort } from 'node:worker_threads';
import type { WorkerSetup } from './messages.ts';

const RUNNING_COMPILED = import.meta.url.endsWith('.js');
const SOURCE_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

export function startSearchWorker(setup: WorkerSetup, port: MessagePort): Worker {
  const transferList = [port];
  if (RUNNING_COMPILED) return new Worker(new URL('./worker.js', import.meta.url), { workerData: setup, transferList });
  const entry = new URL('./worker.ts', import.meta.url).href;
  return new Worker(SOURCE_BOOTSTRAP, { eval: true, workerData: { ...setup, entry }, transferList });
}
