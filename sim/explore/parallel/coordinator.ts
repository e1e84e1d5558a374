// The worker-parallel breadth-first search (`vsynclab explore --workers N`),
// level synchronous, as TLC's and Stateright's: every worker thread expands
// its share of one level over a shared visited set (shared-visited.ts), the
// children it claims first make its share of the next level, and at the
// end of each level the coordinator (this thread) moves entries from the
// workers with more to those with fewer (transfer.ts). The first levels,
// too small to share, are expanded here while the workers load.
//
// Which worker reaches a state first is a race, but the states of each
// level are not: the same states, transitions and verdict as search.ts's
// BFS, whatever the timing. The violation a worker reports is one of
// several possible; exploreSteps (index.ts) recomputes the counterexample
// with the sequential shortest-path search, which is deterministic.
//
// The coordinator never needs the event loop: it sleeps in Atomics.wait
// (mailbox.ts), so `explore()` stays synchronous; as a generator it yields
// about every 25 ms, so the CLI's Ctrl-C handler can run. A worker that
// dies without reporting is announced by the supervisor thread that
// started it (start-worker.ts), so that too needs no event loop here.
import { performance } from 'node:perf_hooks';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { InputError } from '../../../core/input-error.ts';
import { BoundHit } from '../../world.ts';
import type { PathViolation } from '../check-path.ts';
import type { ExploreModel } from '../model.ts';
import { SearchPacer } from '../search-pacer.ts';
import { searchOutcome } from '../search-outcome.ts';
import type { SearchOptions, SearchOutcome } from '../search-types.ts';
import type { Trail } from '../state.ts';
import { DEFAULT_HANDLER_TIMEOUT_MS, SliceTimeout, stepsWithin } from '../../handler-watchdog.ts';
import { BOUNDED_STRETCH_MS, hangInModel, hangSiteOf, stretchWithin, type Explored } from '../hang.ts';
import type { ParallelDiagnostics, ParallelSearchOptions } from './parallel-options.ts';
import { raiseWorkerFailures, reproduceFailure } from './worker-failures.ts';
import { defaultKeep } from './keep-budget.ts';
import { Found, Frontier, LevelExpander, StepFailed, type KeepOptions, type LevelCounters } from './level-expander.ts';
import { controlWords, COORDINATOR_SLOT, receive, requestStop, send, STOP, STOP_HURRY, STOP_PLAIN, WORKER_SLOTS } from './mailbox.ts';
import { PROGRESS_DEPTH, PROGRESS_QUEUED, PROGRESS_TRANSITIONS, PROGRESS_WORDS, type FromWorker, type ToWorker, type WorkerFailure, type WorkerLevelStats } from './messages.ts';
import { createSharedVisited, grownTable, SharedVisitedSet, type SharedVisitedBuffers } from './shared-visited.ts';
import { startSupervisedWorkers, type WorkerEnded } from './start-worker.ts';
import { encodeFrontier, replayPath, type FrontierBatch } from './transfer.ts';
import { planTransfers } from './transfer-plan.ts';

export type { ParallelDiagnostics, ParallelSearchOptions } from './parallel-options.ts';
export { defaultKeep } from './keep-budget.ts';

/** More workers than this is a typo, not a machine. */
export const MAX_WORKERS = 64;
/** After a bound, at most this many frontier states are judged, shared among the threads (search.ts's FRONTIER_CHECKS). */
const FRONTIER_CHECKS = 10_000;
/** The coordinator's sleep between two looks at the clock, the stop request and progress. */
const POLL_MS = 25;
/** The first levels are expanded here until one holds this many entries per worker. */
const DEFAULT_PREFIX_PER_WORKER = 64;
/** The visited table may take at most this share of --max-memory-mb. */
const TABLE_MEMORY_SHARE = 0.5;
/** The whole parallel search, as a generator that yields about every 25 ms (search.ts's searchSteps does the same). */
export function* parallelSearchSteps(model: ExploreModel, options: ParallelSearchOptions): Generator<void, SearchOutcome, void> {
  if (options.strategy !== 'bfs') throw new InputError(`--workers ${options.workers}: the parallel search is breadth first; use --strategy bfs or --workers 1`);
  if (options.checkEveryState === true) throw new Error('parallelSearchSteps: checkEveryState is for the sequential shortest-path search');
  const run = new ParallelRun(model, options);
  const timeoutMs = handlerTimeoutOf(options);
  try {
    // This thread's stretches of some 100 ms (the first levels, expanded here; then waiting on the workers) each in one node:vm call, as search.ts's.
    return yield* timeoutMs === null ? run.search() : stepsWithin(timeoutMs, run.search(), stretchWithin(timeoutMs, BOUNDED_STRETCH_MS));
  } catch (caught) {
    if (!(caught instanceof SliceTimeout)) throw caught;
    throw hangInModel(model, hangSiteOf(caught), run.explored());
  } finally {
    run.close();
  }
}

class ParallelRun {
  private readonly n: number;
  private readonly visited: SharedVisitedSet;
  private readonly control: Int32Array;
  private readonly progress: Float64Array;
  /** One per worker, then the supervisor's (start-worker.ts). */
  private readonly ports: MessagePort[] = [];
  private readonly supervisor: Worker;
  private readonly pacer: SearchPacer;
  private readonly expander: LevelExpander;
  private queuedHere = 0;
  /** Per worker: how its thread ended, once the supervisor said so. */
  private readonly ended: (string | undefined)[] = [];
  /** How the supervisor itself ended (seen only when the event loop turns: the CLI gives it turns). */
  private supervisorEnded: string | undefined;
  private buffers: SharedVisitedBuffers;
  private readonly handOutMs: number[] = [];
  private prefixMs = 0;
  private prefixLevels = 0;

  constructor(private readonly model: ExploreModel, private readonly options: ParallelSearchOptions) {
    this.n = options.workers;
    if (!Number.isInteger(this.n) || this.n < 2 || this.n > MAX_WORKERS) throw new InputError(`--workers: expected a whole number from 1 to ${MAX_WORKERS}, got ${JSON.stringify(this.n)}`);
    const buffers = createSharedVisited(options.maxStates, options.maxMemoryBytes * TABLE_MEMORY_SHARE);
    this.buffers = buffers;
    // While the coordinator expands alone, the table grows at once; afterwards the workers add, and `grow` coordinates.
    this.visited = new SharedVisitedSet(buffers, () => this.growTable());
    this.control = new Int32Array(new SharedArrayBuffer(4 * controlWords(this.n)));
    this.progress = new Float64Array(new SharedArrayBuffer(8 * PROGRESS_WORDS * this.n));
    this.pacer = new SearchPacer(options, () => this.counts());
    this.expander = new LevelExpander(model, options, this.visited, () => this.pacer.look());
    const frontierChecks = Math.ceil(FRONTIER_CHECKS / this.n);
    const keep = options.keep ?? defaultKeep(options.maxMemoryBytes, this.n);
    const setups = [];
    for (let index = 0; index < this.n; index++) {
      const { port1, port2 } = new MessageChannel();
      this.ports.push(port1);
      setups.push({
        index,
        workers: this.n,
        plugins: options.plugins,
        scenario: model.scenario,
        config: model.config,
        symmetry: model.symmetric,
        maxDepth: options.maxDepth,
        por: options.por,
        handlerTimeoutMs: handlerTimeoutOf(options),
        frontierChecks,
        keep,
        visited: buffers,
        control: this.control.buffer as SharedArrayBuffer,
        progress: this.progress.buffer as SharedArrayBuffer,
        port: port2,
      });
    }
    const { port1, port2 } = new MessageChannel();
    this.ports.push(port1);
    this.supervisor = startSupervisedWorkers(setups, this.control.buffer as SharedArrayBuffer, COORDINATOR_SLOT, port2);
    // The coordinator waits for the workers' reports; the threads must not keep the process alive by themselves.
    this.supervisor.unref();
    this.supervisor.on('error', (error: Error) => (this.supervisorEnded ??= `failed: ${error.message}`));
    this.supervisor.on('exit', (code: number) => (this.supervisorEnded ??= `exited with status ${code}`));
  }

  /** A table twice the size; only while no worker touches it. */
  private growTable(): void {
    this.buffers = grownTable(this.buffers);
    this.visited.attach(this.buffers);
  }

  close(): void {
    // Terminating the supervisor ends the workers it started.
    void this.supervisor.terminate();
    for (const port of this.ports) port.close();
  }

  *search(): Generator<void, SearchOutcome, void> {
    let level = this.expander.admitRoot();
    let next = new Frontier(1);
    let ended: Ending | null = null;
    // The first levels here, while the workers start.
    const prefixStates = this.options.prefixStates ?? DEFAULT_PREFIX_PER_WORKER * this.n;
    const started = performance.now();
    try {
      while (level.size > 0 && level.size < prefixStates) {
        this.queuedHere = level.size;
        this.expander.expandLevel(level, next);
        this.prefixLevels++;
        level = next;
        next = new Frontier(level.depth + 1);
        if (this.pacer.yieldDue) {
          this.pacer.yielded();
          yield;
        }
      }
    } catch (caught) {
      // The level being expanded is the expander's; `next` holds the children found so far.
      ended = this.endingOf(caught, next);
    }
    this.prefixMs = performance.now() - started;
    this.queuedHere = 0;
    const finals: WorkerFinal[] = [];
    if (ended === null && level.size > 0) {
      const parts = yield* this.levels(level);
      ended = parts.ending;
      finals.push(...parts.finals);
    }
    return this.outcome(ended, finals);
  }

  /** What ended the search in this thread: a violation, a bound (with a frontier check), or a protocol error (thrown). */
  private endingOf(caught: unknown, next: Frontier): Ending {
    if (caught instanceof Found) return { found: { violation: caught.violation, trail: caught.trail }, bound: null };
    if (caught instanceof BoundHit) {
      const hurry = caught.bound === 'maxSeconds' || caught.bound === 'interrupted';
      const found = this.expander.checkFrontier(next, FRONTIER_CHECKS, hurry);
      return { found: found === null ? null : { violation: found.violation, trail: found.trail }, bound: caught.bound };
    }
    if (caught instanceof StepFailed) reproduceFailure(this.model, caught.parent, caught.action, caught.failure);
    throw caught;
  }

  /** The levels the workers share, until the space is exhausted or something stops them. */
  private *levels(first: Frontier): Generator<void, { ending: Ending | null; finals: WorkerFinal[] }, void> {
    const n = this.n;
    // Contiguous slices: siblings share their paths, so each slice travels as a small tree.
    for (let w = 0; w < n; w++) {
      const from = Math.floor((w * first.size) / n);
      const to = Math.floor(((w + 1) * first.size) / n);
      this.tell(w, { kind: 'go', depth: first.depth, gifts: [encodeFrontier(this.expander.lineage, first.slice(from, to))], visited: this.buffers });
    }
    // The level the workers expand next.
    let depth = first.depth;
    let stopping = false;
    let mainBound: string | null = null;
    let levelDone = 0;
    // Workers parked in `full` (shared-visited.ts): the table grows once every worker is parked or between levels.
    const parked = new Set<number>();
    const growWhenQuiet = (): void => {
      if (parked.size === 0 || parked.size + levelDone < n) return;
      this.growTable();
      for (const w of parked) this.tell(w, { kind: 'grown', visited: this.buffers });
      parked.clear();
    };
    const sizes = new Array<number>(n).fill(0);
    let handOutStarted = 0;
    const giftsFor = new Map<number, FrontierBatchList>();
    const finals: (WorkerFinal | undefined)[] = new Array<WorkerFinal | undefined>(n);
    let finalsIn = 0;
    const stopAll = (): void => {
      if (stopping) return;
      stopping = true;
      for (let w = 0; w < n; w++) this.tell(w, { kind: 'stop' });
    };
    while (finalsIn < n) {
      const got = receive(this.ports, this.control, COORDINATOR_SLOT, POLL_MS);
      if (got !== null && got.from === n) {
        // The supervisor: a worker's thread ended (its report, if it made one, is already in its port).
        const ending = got.message as WorkerEnded;
        this.ended[ending.worker] ??= ending.how;
      } else if (got !== null) {
        const message = got.message as FromWorker;
        switch (message.kind) {
          case 'levelDone':
            sizes[got.from] = message.next;
            if (++levelDone === n && !stopping) {
              levelDone = 0;
              const handOut = performance.now();
              const goesOn = this.nextLevel(++depth, sizes, giftsFor);
              if (goesOn && giftsFor.size === 0) this.handOutMs.push(performance.now() - handOut);
              else handOutStarted = handOut;
            } else if (!stopping) {
              growWhenQuiet();
            }
            break;
          case 'full':
            parked.add(got.from);
            if (!stopping) growWhenQuiet();
            break;
          case 'gift': {
            const wanted = giftsFor.get(message.to);
            if (stopping || wanted === undefined) break;
            wanted.batches.push(message.batch);
            if (wanted.batches.length === wanted.expected) {
              giftsFor.delete(message.to);
              this.tell(message.to, { kind: 'go', depth, gifts: wanted.batches, visited: this.buffers });
              if (giftsFor.size === 0) this.handOutMs.push(performance.now() - handOutStarted);
            }
            break;
          }
          case 'final':
            if (finals[got.from] === undefined) finalsIn++;
            finals[got.from] = message;
            // A worker that ends by itself (a violation, a bound, an error) has asked the others to stop.
            if (message.found !== null || message.bound !== null || message.failure !== null) stopAll();
            break;
          case 'fatal':
            throw message.name === 'InputError' ? new InputError(message.message) : new Error(`explore worker ${got.from}: ${message.message}`);
        }
      }
      // Every message a dead worker posted was taken (`got` is null), and one has not reported: it never will.
      if (got === null) {
        for (let w = 0; w < n; w++) if (finals[w] === undefined && this.ended[w] !== undefined) throw new Error(`explore worker ${w} ${this.ended[w]} without reporting`);
        if (this.supervisorEnded !== undefined) throw new Error(`explore: the thread supervising the workers ${this.supervisorEnded}`);
      }
      if (!stopping && Atomics.load(this.control, STOP) !== 0) stopAll();
      try {
        this.pacer.look();
        this.pacer.sampleMemory(true);
      } catch (caught) {
        if (!(caught instanceof BoundHit)) throw caught;
        if (mainBound === null) mainBound = caught.bound;
        requestStop(this.control, caught.bound === 'maxSeconds' || caught.bound === 'interrupted' ? STOP_HURRY : STOP_PLAIN);
        stopAll();
        // The pacer throws before it sets yieldDue: yield anyway while the workers report, so that this wait,
        // however long, is short stretches (each within the bound on handlers: stepsWithin).
        this.pacer.yieldDue = true;
      }
      if (this.pacer.yieldDue) {
        this.pacer.yielded();
        yield;
      }
    }
    return { ending: mainBound === null ? null : { found: null, bound: mainBound }, finals: finals as WorkerFinal[] };
  }

  /** Every worker finished a level: the next one, balanced (true), or the end (false). */
  private nextLevel(depth: number, sizes: readonly number[], giftsFor: Map<number, FrontierBatchList>): boolean {
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total === 0) {
      for (let w = 0; w < this.n; w++) this.tell(w, { kind: 'finish' });
      return false;
    }
    const transfers = planTransfers(sizes);
    const expected = new Array<number>(this.n).fill(0);
    for (const t of transfers) {
      this.tell(t.from, { kind: 'give', to: t.to, count: t.count });
      expected[t.to] = (expected[t.to] as number) + 1;
    }
    for (let w = 0; w < this.n; w++) {
      if ((expected[w] as number) > 0) giftsFor.set(w, { expected: expected[w] as number, batches: [] });
      else this.tell(w, { kind: 'go', depth, gifts: [], visited: this.buffers });
    }
    return true;
  }

  private tell(w: number, message: ToWorker): void {
    send(this.ports[w] as MessagePort, this.control, WORKER_SLOTS + w, message);
  }

  /** What a progress line counts: the shared table and each worker's last published counters. */
  private counts(): { states: number; transitions: number; depth: number; queued: number } {
    let transitions = this.expander.counters.transitions;
    let depth = this.expander.counters.maxDepthSeen;
    let queued = this.queuedHere;
    for (let w = 0; w < this.n; w++) {
      transitions += this.progress[w * PROGRESS_WORDS + PROGRESS_TRANSITIONS] as number;
      depth = Math.max(depth, this.progress[w * PROGRESS_WORDS + PROGRESS_DEPTH] as number);
      queued += this.progress[w * PROGRESS_WORDS + PROGRESS_QUEUED] as number;
    }
    return { states: this.visited.count, transitions, depth, queued };
  }

  /** What the search has done so far, as a progress line counts it (a handler that never returned ends it: hang.ts). */
  explored(): Explored {
    const { states, transitions, depth } = this.counts();
    return { states, transitions, depth };
  }

  /** The outcome, as search.ts reports it: counters summed over the threads; a worker's failure is raised here. */
  private outcome(ended: Ending | null, finals: readonly WorkerFinal[]): SearchOutcome {
    const counters: LevelCounters = { ...this.expander.counters };
    for (const f of finals) {
      counters.transitions += f.counters.transitions;
      counters.terminalStates += f.counters.terminalStates;
      counters.pathsChecked += f.counters.pathsChecked;
      counters.maxDepthSeen = Math.max(counters.maxDepthSeen, f.counters.maxDepthSeen);
      counters.depthCut ||= f.counters.depthCut;
    }
    const failures = finals.flatMap((f) => (f.failure === null ? [] : [f.failure]));
    if (failures.length > 0) raiseWorkerFailures(this.model, failures, { states: this.visited.count, transitions: counters.transitions, depth: counters.maxDepthSeen });
    let found = ended?.found ?? null;
    let bound: string | null = null;
    for (const f of finals) {
      if (found === null && f.found !== null) found = { violation: f.found.violation, trail: replayPath(this.model, f.found.path).trail };
      bound ??= f.bound;
    }
    bound ??= ended?.bound ?? null;
    this.options.onDiagnostics?.({ prefixMs: this.prefixMs, prefixLevels: this.prefixLevels, handOutMs: this.handOutMs, workers: finals.map((f) => f.levels) });
    return searchOutcome(found, bound, counters, this.visited.count, this.pacer);
  }
}

interface Ending {
  found: { violation: PathViolation; trail: Trail } | null;
  bound: string | null;
}

type WorkerFinal = Extract<FromWorker, { kind: 'final' }>;

interface FrontierBatchList {
  expected: number;
  batches: FrontierBatch[];
}

/** SearchOptions.handlerTimeoutMs with its default. */
function handlerTimeoutOf(options: SearchOptions): number | null {
  return options.handlerTimeoutMs === undefined ? DEFAULT_HANDLER_TIMEOUT_MS : options.handlerTimeoutMs;
}
