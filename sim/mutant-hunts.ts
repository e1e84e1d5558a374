// Hunting every mutant at once on one pool of worker threads. Each mutant's
// plan is run in order until its first failing run, as sim/suite/hunt.ts
// does for one mutant; here the workers stay up for the whole command and
// pass from one mutant's runs to the next without waiting for a batch to
// end, so no worker idles at a batch's end nor starts again for the next.
// A run past a mutant's first known failure is never started. Results come
// out in mutant order and are the same whatever the worker count: a
// mutant's result is the first failure in plan order, known once every
// earlier run of its plan has passed.
import type { Worker } from 'node:worker_threads';
import { executeRun, type RunOutcome } from './suite/execute.ts';
import type { HuntResult } from './suite/hunt.ts';
import type { RunJob } from './suite/plan.ts';
import { crashedOutcome, startWorker } from './suite/pool.ts';
import { eventLoopTurn } from './steps.ts';
import { MUTANT_CATCHES } from '../protocol/mutants/catches.ts';

export interface MutantPlan {
  mutant: string;
  jobs: readonly RunJob[];
}

export interface MutantHuntControl {
  /** Polled before each run is handed out (after a turn of the event loop): true hands out no more. */
  shouldStop?: () => boolean;
  /** After every run, with the mutant's position in the plans, its runs so far and its plan's size. */
  onRun?: (mutant: number, runs: number, planned: number) => void;
  /** Each mutant's result, in plan order, as soon as it and every earlier mutant's are known. */
  onResult?: (result: HuntResult, mutant: number) => void;
}

export interface MutantHunts {
  /** The mutants hunted to the end, in plan order (a prefix of the plans). */
  results: HuntResult[];
  interrupted: boolean;
}

/** Where one mutant's hunt stands. */
class Hunt {
  readonly outcomes: (RunOutcome | undefined)[];
  /** Next job to hand out. */
  next = 0;
  /** The lowest index of a failing run seen so far (jobs.length: none). */
  firstFailure: number;
  runs = 0;

  constructor(readonly plan: MutantPlan) {
    this.outcomes = new Array(plan.jobs.length);
    this.firstFailure = plan.jobs.length;
  }

  /** The next job worth running, or undefined (all handed out, or past a known failure). */
  take(): { job: RunJob; k: number } | undefined {
    if (this.next >= this.firstFailure) return undefined;
    const k = this.next++;
    return { job: this.plan.jobs[k] as RunJob, k };
  }

  add(k: number, outcome: RunOutcome): void {
    this.outcomes[k] = outcome;
    this.runs++;
    if (!outcome.result.passed && k < this.firstFailure) this.firstFailure = k;
  }

  /** Known once every run before the first failure (or every run) is in. */
  result(): HuntResult | undefined {
    for (let k = 0; k < this.firstFailure; k++) if (this.outcomes[k] === undefined) return undefined;
    const upTo = Math.min(this.firstFailure + 1, this.plan.jobs.length);
    let seconds = 0;
    const seeds = new Set<number>();
    for (let k = 0; k < upTo; k++) {
      const o = this.outcomes[k] as RunOutcome;
      seconds += o.wallSeconds;
      seeds.add(o.seed);
    }
    const failing = this.outcomes[this.firstFailure];
    if (failing === undefined) {
      return {
        mutant: this.plan.mutant, caught: false, scenario: null, file: null, seed: null, properties: [], failure: null,
        runsToFailure: this.plan.jobs.length, seedsToFailure: seeds.size, secondsToFailure: seconds,
      };
    }
    const r = failing.result;
    return {
      mutant: this.plan.mutant, caught: true, scenario: r.scenario, file: failing.file, seed: failing.seed,
      properties: [...new Set(r.violations.map((v) => v.property))], failure: r.failure,
      runsToFailure: this.firstFailure + 1, seedsToFailure: seeds.size, secondsToFailure: seconds,
    };
  }
}

export async function huntMutants(plans: readonly MutantPlan[], workers: number, control: MutantHuntControl = {}): Promise<MutantHunts> {
  const hunts = plans.map((plan) => new Hunt(plan));
  const results: HuntResult[] = [];
  let stopped = false;
  const stop = (): boolean => {
    if (!stopped && control.shouldStop?.() === true) stopped = true;
    return stopped;
  };
  // Reports, in order, every mutant whose result is now known.
  const publish = (): void => {
    while (results.length < hunts.length) {
      const result = (hunts[results.length] as Hunt).result();
      if (result === undefined) return;
      control.onResult?.(result, results.length);
      results.push(result);
    }
  };
  // The earliest mutant with a run worth making: a worker that finds its mutant done moves on to the next.
  const take = (): { hunt: Hunt; m: number; job: RunJob; k: number } | undefined => {
    for (let m = results.length; m < hunts.length; m++) {
      const hunt = hunts[m] as Hunt;
      const taken = hunt.take();
      if (taken !== undefined) return { hunt, m, ...taken };
    }
    return undefined;
  };
  const record = (hunt: Hunt, m: number, k: number, outcome: RunOutcome): void => {
    hunt.add(k, outcome);
    control.onRun?.(m, hunt.runs, hunt.plan.jobs.length);
    publish();
  };

  publish(); // mutants with empty plans
  if (workers <= 1) {
    for (;;) {
      if (control.shouldStop !== undefined) await eventLoopTurn();
      if (stop()) break;
      const next = take();
      if (next === undefined) break;
      record(next.hunt, next.m, next.k, executeRun(next.job));
    }
  } else {
    await Promise.all(Array.from({ length: workers }, () => workerLoop(take, record, stop)));
  }
  return { results, interrupted: stopped && results.length < hunts.length };
}

type Take = () => { hunt: Hunt; m: number; job: RunJob; k: number } | undefined;
type Record = (hunt: Hunt, m: number, k: number, outcome: RunOutcome) => void;

/** One worker thread taking runs until none is left; a thread that dies is replaced (its run counts as a failure). */
function workerLoop(take: Take, record: Record, stop: () => boolean): Promise<void> {
  return new Promise<void>((resolve) => {
    let worker: Worker | null = null;
    let inHand: ReturnType<Take>;
    const feed = (): void => {
      inHand = stop() ? undefined : take();
      if (inHand === undefined) {
        const done = worker;
        worker = null;
        if (done === null) resolve();
        else void done.terminate().then(() => resolve());
        return;
      }
      if (worker === null) worker = spawn();
      worker.postMessage(inHand.job);
    };
    const spawn = (): Worker => {
      const w = startWorker();
      w.on('message', (outcome: RunOutcome) => {
        if (inHand !== undefined) record(inHand.hunt, inHand.m, inHand.k, outcome);
        feed();
      });
      w.on('error', (error: Error) => {
        worker = null;
        if (inHand !== undefined) record(inHand.hunt, inHand.m, inHand.k, crashedOutcome(inHand.job, error));
        feed();
      });
      return w;
    };
    feed();
  });
}

/**
 * The scenarios in catch-record order: those that catch the most mutants
 * in protocol/mutants/catches.ts first (the file order otherwise), so a
 * hunt tries first where mutants were caught before. Only the order
 * changes: every scenario and seed is still tried until the first failure.
 */
export function byCatchRecord<T extends { file: string }>(scenarios: readonly T[]): T[] {
  const catches = new Map<string, number>();
  for (const pin of Object.values(MUTANT_CATCHES)) catches.set(pin.file, (catches.get(pin.file) ?? 0) + 1);
  const record = (file: string): number => {
    const relative = file.replace(/\\/g, '/');
    let best = 0;
    for (const [pinned, count] of catches) if (relative === pinned || relative.endsWith(`/${pinned}`)) best = Math.max(best, count);
    return best;
  };
  return scenarios.map((s, k) => ({ s, k, n: record(s.file) })).sort((a, b) => b.n - a.n || a.k - b.k).map(({ s }) => s);
}
