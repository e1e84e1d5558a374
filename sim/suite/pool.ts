// Runs a suite's jobs on worker threads. Each run is deterministic and
// independent, so outcomes do not depend on the number of workers; they are
// handed to the caller in plan order (an outcome waits until every earlier
// one is in), so even printed output is the same whatever the worker count.
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { RunResult } from '../run.ts';
import { executeRun, type RunOutcome } from './execute.ts';
import type { RunJob } from './plan.ts';
import { announceBootData, WORKER_BOOTED } from './worker-ready.ts';
import { heartbeatBuffer, HeartbeatWatch } from './heartbeat.ts';
import { DEFAULT_HANDLER_TIMEOUT_MS } from '../handler-watchdog.ts';

// Three ways to start a worker, fastest first:
// - the CLI runs from its one-file bundle (bin/vsynclab.js): the worker loads
//   the same bundle with its V8 code cache (bin/suite-worker.js), one file
//   instead of ~100 ES modules to resolve and compile;
// - compiled (dist/): the compiled worker-thread.js, no tsx;
// - from source (vitest, tsx): the worker needs tsx to read the .ts files.
const RUNNING_COMPILED = import.meta.url.endsWith('.js');
const SOURCE_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((tsx) => { tsx.register(); return import(workerData.entry); });
`;
/** Set by bin/vsynclab.js when it runs the bundle: the URL of the worker entry that loads the bundle too. */
const BUNDLE_WORKER = Symbol.for('vsynclab.bundle-worker');

/**
 * Jobs a worker holds at once: the one it runs and the next, so it never
 * waits for a round trip to the main thread between two runs. Near the end
 * of the plan a worker holds one: a job queued behind a long run while
 * another worker idles would lengthen the tail.
 */
const JOBS_IN_FLIGHT = 2;

/**
 * TurboFan's cumulative inlining budget (bytes of bytecode inlined into one
 * optimised function) while worker threads run a suite; V8's default is 920.
 * Each worker isolate optimises the simulator and the protocol on its own,
 * and re-optimises a function each time a new scenario deoptimises it (562
 * TurboFan jobs for the default suite, seeds 1..20, about two thirds of them
 * repeats). With one thread that compilation runs on the idle second core;
 * with two workers it takes CPU from them. A quarter of the budget makes each
 * job smaller (less inlined, less to throw away on a deoptimisation): the
 * helper threads' CPU of a 2-worker suite falls by about 40%, the workers'
 * own rises by 2-3%, and the whole costs 6-8% less (BENCHMARKS.md, "Suite
 * runner: worker scaling", session 6). Runs on the main thread (--workers 1)
 * keep V8's default: there the compiler threads cost the runs nothing, and
 * less inlining would slow the runs by about 2%. The budget is cut once the
 * workers have booted (SuiteWorkers), so they still load with the code caches.
 */
const WORKER_INLINING_BUDGET_BYTES = 230;
const DEFAULT_INLINING_BUDGET_BYTES = 920;

function setInliningBudget(bytes: number): void {
  // V8's flags are per process: every isolate's later compilations see it (the main thread only waits meanwhile).
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${bytes}`);
}

/** `announceBoot`: the worker posts WORKER_BOOTED once its code is loaded (sim/suite/worker-ready.ts). */
export function startWorker(options: { announceBoot?: boolean } = {}): Worker {
  const workerData = options.announceBoot === true ? announceBootData() : {};
  const bundleWorker = (globalThis as Record<symbol, unknown>)[BUNDLE_WORKER];
  if (typeof bundleWorker === 'string') return new Worker(new URL(bundleWorker), { workerData });
  if (RUNNING_COMPILED) return new Worker(new URL('./worker-thread.js', import.meta.url), { workerData });
  const entry = new URL('./worker-thread.ts', import.meta.url).href;
  return new Worker(SOURCE_BOOTSTRAP, { eval: true, workerData: { ...workerData, entry } });
}

export async function runJobs(
  jobs: readonly RunJob[],
  workers: number,
  onOutcome: (outcome: RunOutcome) => void,
  // Polled before each job is handed out: true hands out no more (Ctrl-C); the outcomes returned are those that finished.
  shouldStop: () => boolean = () => false,
): Promise<RunOutcome[]> {
  if (workers <= 1 || jobs.length <= 1) {
    const ordered = new OrderedDelivery(jobs.length, onOutcome);
    jobs.forEach((job, k) => ordered.add(k, executeRun(job)));
    return ordered.all();
  }
  return SuiteWorkers.start(Math.min(workers, jobs.length)).run(jobs, onOutcome, shouldStop);
}

/**
 * The worker threads of one suite. `start` spawns them at once, so they load
 * their code (Node's bootstrap, the bundle) while the caller still plans the
 * runs (cli/commands/run.ts), and `run` hands them the jobs. The smaller
 * inlining budget is set only once every worker has booted: set before, it
 * changes V8's flag hash and each worker rejects Node's built-in code cache
 * and the bundle's, compiling both from source (two workers took 216
 * against 123 CPU ms to boot at a load average of 35;
 * BENCHMARKS.md, session 7). Jobs are posted at once all the same: a worker
 * that has booted first runs its first jobs at V8's default budget for the
 * few milliseconds until the other has booted too.
 */
export class SuiteWorkers {
  private readonly workers: Worker[];
  /** Workers that have not yet posted WORKER_BOOTED (nor died). */
  private readonly booting: Set<Worker>;
  /** Workers that died before `run` listened to them: an error event is not repeated. */
  private readonly dead = new Set<Worker>();
  private budgetCut = false;
  private closed = false;

  private constructor(count: number) {
    this.workers = Array.from({ length: count }, () => startWorker({ announceBoot: true }));
    this.booting = new Set(this.workers);
    for (const worker of this.workers) {
      worker.on('message', (message: unknown) => {
        if (message === WORKER_BOOTED) this.booted(worker);
      });
      worker.once('error', () => {
        this.dead.add(worker);
        this.booted(worker);
      });
    }
  }

  static start(count: number): SuiteWorkers {
    return new SuiteWorkers(count);
  }

  private booted(worker: Worker): void {
    if (!this.booting.delete(worker) || this.booting.size > 0 || this.closed) return;
    setInliningBudget(WORKER_INLINING_BUDGET_BYTES);
    this.budgetCut = true;
  }

  /** Runs the jobs on these workers, then ends them: a SuiteWorkers runs one list of jobs. */
  async run(
    jobs: readonly RunJob[],
    onOutcome: (outcome: RunOutcome) => void,
    shouldStop: () => boolean = () => false,
  ): Promise<RunOutcome[]> {
    const ordered = new OrderedDelivery(jobs.length, onOutcome);
    let next = 0;
    const threads = this.workers.length;
    const watch = new StallWatch(jobs);
    await Promise.all(
      this.workers.map((worker) =>
        new Promise<void>((resolve) => {
          if (this.dead.has(worker)) return resolve();
          // Plan indices posted to this worker and not yet answered, oldest first (a worker answers in order).
          const inFlight: number[] = [];
          // A worker stuck in a slice past its run's bound is ended; its jobs are run again below, on this thread.
          let stuck = false;
          watch.add(worker, inFlight, () => {
            stuck = true;
            void worker.terminate();
            resolve();
          });
          const feed = (): void => {
            const wanted = jobs.length - next > threads * JOBS_IN_FLIGHT ? JOBS_IN_FLIGHT : 1;
            while (inFlight.length < wanted && next < jobs.length && !shouldStop()) {
              const k = next++;
              inFlight.push(k);
              worker.postMessage(jobs[k]);
            }
            if (inFlight.length === 0) void worker.terminate().then(() => resolve());
          };
          worker.on('message', (message: RunOutcome | typeof WORKER_BOOTED) => {
            if (message === WORKER_BOOTED || stuck) return;
            ordered.add(inFlight.shift() as number, message);
            feed();
          });
          worker.on('error', (error: Error) => {
            if (stuck) return;
            // The job in hand is reported as a failed run; the one queued behind it runs below, on this thread.
            const current = inFlight[0];
            if (current !== undefined) ordered.add(current, crashedOutcome(jobs[current] as RunJob, error));
            resolve();
          });
          feed();
        }),
      ),
    );
    watch.stop();
    // Back to V8's default for whatever this process runs next (the workers have ended; their promises never reject).
    await this.close();
    // A worker that died leaves its unstarted jobs to the others; any job never run is run here.
    for (let k = 0; k < jobs.length && !shouldStop(); k++) if (!ordered.has(k)) ordered.add(k, executeRun(jobs[k] as RunJob));
    return ordered.all().filter((outcome) => outcome !== undefined);
  }

  /** Ends the workers and gives V8 its default inlining budget back; for a caller that fails before `run`, too. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    if (this.budgetCut) setInliningBudget(DEFAULT_INLINING_BUDGET_BYTES);
  }
}

/**
 * Looks at the workers' heartbeats (sim/suite/heartbeat.ts) a few times per
 * bound, and ends a worker whose run in hand has not finished a slice
 * within that run's bound (RunJob.handlerTimeoutMs). Its jobs are then run
 * on the pool's thread, where node:vm bounds each slice and the failure
 * names the handler (sim/handler-watchdog.ts).
 */
class StallWatch {
  private readonly watched: { watch: HeartbeatWatch; inFlight: readonly number[]; onStall: () => void }[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly jobs: readonly RunJob[]) {
    const shortestMs = jobs.reduce((least, job) => Math.min(least, boundOf(job)), DEFAULT_HANDLER_TIMEOUT_MS);
    this.timer = setInterval(() => this.check(), Math.min(1000, Math.max(10, shortestMs / 4)));
    // A watch never keeps the process alive.
    this.timer.unref();
  }

  /** Watches `worker`, whose posted and unanswered jobs `inFlight` lists (the first is the one it runs). */
  add(worker: Worker, inFlight: readonly number[], onStall: () => void): void {
    const buffer = heartbeatBuffer();
    // Before any job: a worker takes messages in order.
    worker.postMessage(buffer);
    this.watched.push({ watch: new HeartbeatWatch(buffer), inFlight, onStall });
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    const nowMs = performance.now();
    for (const [k, entry] of this.watched.entries()) {
      const current = entry.inFlight[0];
      const boundMs = current === undefined ? DEFAULT_HANDLER_TIMEOUT_MS : boundOf(this.jobs[current] as RunJob);
      if (!entry.watch.stalled(nowMs, boundMs)) continue;
      this.watched.splice(k, 1);
      entry.onStall();
      return;
    }
  }
}

function boundOf(job: RunJob): number {
  return job.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
}

class OrderedDelivery {
  private readonly outcomes: (RunOutcome | undefined)[];
  private delivered = 0;

  constructor(size: number, private readonly onOutcome: (outcome: RunOutcome) => void) {
    this.outcomes = new Array(size);
  }

  has(k: number): boolean {
    return this.outcomes[k] !== undefined;
  }

  add(k: number, outcome: RunOutcome): void {
    this.outcomes[k] = outcome;
    while (this.delivered < this.outcomes.length && this.outcomes[this.delivered] !== undefined) {
      this.onOutcome(this.outcomes[this.delivered] as RunOutcome);
      this.delivered++;
    }
  }

  all(): RunOutcome[] {
    return this.outcomes as RunOutcome[];
  }
}

/** The outcome of a job whose worker thread died under it (also sim/mutant-hunts.ts). */
export function crashedOutcome(job: RunJob, error: Error): RunOutcome {
  const result: RunResult = {
    scenario: job.scenario.name, seed: String(job.seed), protocol: job.scenario.protocol.name, passed: false,
    failure: 'error: worker thread died', violations: [], checked: [], skipped: [], warnings: [],
    quiescent: false, boundHit: null, error: error.stack ?? error.message, replicasAgree: null,
    traceEvents: 0, simEvents: 0, simTimeUs: 0, multicasts: 0, deliveries: 0, messagesSent: 0, randomFaults: [],
  };
  return { index: job.index, file: job.file, seed: job.seed, result, tracePath: null, wallSeconds: 0 };
}
