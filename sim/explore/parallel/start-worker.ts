// Starts the worker threads of the parallel search under a supervisor
// thread. Why a supervisor: a worker that dies without reporting (out of
// memory, an exit) is announced only by 'exit' and 'error' events, which
// need the event loop of the thread that started it, and the coordinator
// never gives its own a turn inside a synchronous `explore()` (it sleeps in
// Atomics.wait). The supervisor has nothing else to do: it starts the
// workers, and when one ends it posts that on its port and wakes the
// coordinator as the workers do (mailbox.ts). Terminating the supervisor
// terminates the workers it started.
//
// As the suite's pool (sim/suite/pool.ts): compiled (the CLI, dist/; the
// one-file bundle keeps each module's own import.meta.url), a worker loads
// dist/'s compiled worker.js directly and starts in milliseconds; from
// source (vitest, tsx) it needs tsx to read the .ts files.
import { Worker, type MessagePort } from 'node:worker_threads';
import type { WorkerSetup } from './messages.ts';

const RUNNING_COMPILED = import.meta.url.endsWith('.js');
const SOURCE_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

/**
 * The supervisor, plain CommonJS so it starts without a module loader. It
 * reports each worker's end once, the first of 'error' and 'exit' (a
 * worker that reported its result also ends: the coordinator tells the
 * two apart).
 */
const SUPERVISOR = `
const { workerData, Worker } = require('node:worker_threads');
const { control, slot, port, workers, execArgv } = workerData;
const counter = new Int32Array(control);
const tell = (message) => {
  port.postMessage(message);
  Atomics.add(counter, slot, 1);
  Atomics.notify(counter, slot);
};
workers.forEach((spec, index) => {
  const worker = new Worker(spec.eval ? spec.code : new URL(spec.code), { eval: spec.eval, workerData: spec.workerData, transferList: [spec.workerData.port], execArgv });
  let told = false;
  const ended = (how) => {
    if (told) return;
    told = true;
    tell({ kind: 'ended', worker: index, how });
  };
  worker.on('error', (error) => ended('failed: ' + (error instanceof Error ? error.message : String(error))));
  worker.on('exit', (code) => ended('exited with status ' + code));
});
`;

/**
 * The node flags the threads start with: this process's, but for
 * --input-type (a process started with `node --input-type=module -e` would
 * have its threads read the CommonJS supervisor and bootstrap as modules;
 * the supervisor then died at once, and a synchronous `explore()`, which
 * hears of that only when the event loop turns, waited for good).
 */
function threadExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k] as string;
    if (flag === '--input-type') k++;
    else if (!flag.startsWith('--input-type=')) out.push(flag);
  }
  return out;
}

/** What the supervisor posts: worker `worker` ended (`how`: "failed: ..." or "exited with status N"). */
export interface WorkerEnded {
  kind: 'ended';
  worker: number;
  how: string;
}

/**
 * Starts the supervisor, which starts one worker per setup (each setup's
 * port goes to its worker). The supervisor posts WorkerEnded messages on
 * `supervisorPort` and wakes `slot` of `control`.
 */
export function startSupervisedWorkers(setups: readonly WorkerSetup[], control: SharedArrayBuffer, slot: number, supervisorPort: MessagePort): Worker {
  const workers = setups.map((setup) =>
    RUNNING_COMPILED
      ? { eval: false, code: new URL('./worker.js', import.meta.url).href, workerData: setup }
      : { eval: true, code: SOURCE_BOOTSTRAP, workerData: { ...setup, entry: new URL('./worker.ts', import.meta.url).href } },
  );
  const transferList: MessagePort[] = [supervisorPort, ...setups.map((s) => s.port)];
  const execArgv = threadExecArgv();
  return new Worker(SUPERVISOR, { eval: true, workerData: { control, slot, port: supervisorPort, workers, execArgv }, transferList, execArgv });
}
