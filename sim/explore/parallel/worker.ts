// A worker thread of the parallel search (coordinator.ts starts it): it
// builds its own model of the scenario (the same protocol code, loaded as
// the suite's workers load it), then expands the share of each level the
// coordinator gives it, over the shared visited set, until told to finish
// or stop, and reports its counts and what it found.
import { performance } from 'node:perf_hooks';
import { getHeapStatistics, serialize } from 'node:v8';
import { workerData } from 'node:worker_threads';
import { BoundHit } from '../../world.ts';
import { runWithin, SliceTimeout } from '../../handler-watchdog.ts';
import { loadPlugins } from '../../plugins.ts';
import { resolveProtocol } from '../../resolve-protocol.ts';
import { ExploreModel } from '../model.ts';
import { stretchWithin, WORKER_SLICE_MS } from '../hang.ts';
import { Found, Frontier, LevelExpander, StepFailed } from './level-expander.ts';
import { COORDINATOR_SLOT, receive, requestStop, send, STOP, STOP_HURRY, STOP_PLAIN, WORKER_SLOTS } from './mailbox.ts';
import { MAX_LEVEL_STATS, PROGRESS_DEPTH, PROGRESS_QUEUED, PROGRESS_TRANSITIONS, PROGRESS_WORDS, type FromWorker, type ToWorker, type WorkerFailure, type WorkerLevelStats, type WorkerSetup } from './messages.ts';
import { SharedVisitedSet } from './shared-visited.ts';
import { threadCpuMs } from './thread-cpu.ts';
import { decodeFrontier, encodeFrontier, pathActions } from './transfer.ts';

/** Thrown by the look callback when another thread asked to stop. */
class Stopped extends Error {}

const setup = workerData as WorkerSetup;
/**
 * Milliseconds of expansion in one node:vm call bounded by the wall-clock
 * bound on handlers (sim/handler-watchdog.ts): a call costs some 0.1 ms (a
 * watchdog thread), more on a loaded machine, and a level of any size is
 * bounded slice by slice (hang.ts's WORKER_SLICE_MS, at most a tenth of the bound).
 */
const SLICE_MS = setup.handlerTimeoutMs === null ? Infinity : stretchWithin(setup.handlerTimeoutMs, WORKER_SLICE_MS);
const control = new Int32Array(setup.control);
const progress = new Float64Array(setup.progress);
const mySlot = WORKER_SLOTS + setup.index;

function post(message: FromWorker): void {
  send(setup.port, control, COORDINATOR_SLOT, message);
}

function nextCommand(): ToWorker {
  for (;;) {
    const got = receive([setup.port], control, mySlot, 60_000);
    if (got !== null) return got.message as ToWorker;
  }
}

async function main(): Promise<void> {
  let model: ExploreModel;
  try {
    await loadPlugins(setup.plugins);
    model = new ExploreModel(resolveProtocol(setup.scenario), setup.scenario, setup.config, setup.symmetry);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ kind: 'fatal', message: e.message, name: e.name });
    return;
  }
  try {
    searchLevels(model);
  } catch (error) {
    // A bug of the search itself: say so rather than leave the coordinator waiting.
    const e = error instanceof Error ? error : new Error(String(error));
    post({ kind: 'fatal', message: e.stack ?? e.message, name: e.name });
  }
}

function searchLevels(model: ExploreModel): void {
  // Parked in a slice (below): a slice that passes the bound while parked is no handler's fault.
  let parked = false;
  const visited: SharedVisitedSet = new SharedVisitedSet(setup.visited, () => {
    // Parked until the coordinator has grown the table (shared-visited.ts), or stopped the search.
    post({ kind: 'full' });
    parked = true;
    for (;;) {
      const command = nextCommand();
      if (command.kind === 'grown') {
        parked = false;
        return visited.attach(command.visited);
      }
      if (command.kind === 'stop') throw new Stopped();
    }
  });
  const at = setup.index * PROGRESS_WORDS;
  // Levels start with the coordinator's first `go`, which names the first one.
  let level = new Frontier(0);
  let next = new Frontier(1);
  // The slice in hand ends at this time (a look at the clock every LOOK_EVERY expansions).
  let sliceEndsMs = 0;
  let sliceDue = false;
  const expander: LevelExpander = new LevelExpander(
    model,
    { maxDepth: setup.maxDepth, por: setup.por },
    visited,
    () => {
      progress[at + PROGRESS_TRANSITIONS] = expander.counters.transitions;
      progress[at + PROGRESS_DEPTH] = expander.counters.maxDepthSeen;
      progress[at + PROGRESS_QUEUED] = level.size + next.size;
      if (Atomics.load(control, STOP) !== 0) throw new Stopped();
      if (performance.now() >= sliceEndsMs) sliceDue = true;
    },
    setup.keep,
  );
  const levels: WorkerLevelStats[] = [];
  let stats = emptyStats();
  let doneAt = performance.now();
  const report = (found: Found | null, bound: string | null, failure: StepFailed | SliceTimeout | null): void => {
    post({
      levels,
      kind: 'final',
      counters: expander.counters,
      found: found === null ? null : { violation: found.violation, path: pathActions(found.trail) },
      bound,
      failure: failure === null ? null : failure instanceof SliceTimeout ? hangFailure(model, failure, parked) : { path: pathActions(failure.parent.trail), action: failure.action, message: messageOf(failure.failure) },
    });
  };
  const pause = (): boolean => sliceDue;
  const slice = (): boolean => {
    sliceDue = false;
    sliceEndsMs = performance.now() + SLICE_MS;
    return expander.expandEntries(level, next, pause);
  };
  /** The level in slices, each within the wall-clock bound on handlers (none: one slice). */
  const expandLevel = (): void => {
    expander.beginLevel(level, next);
    const timeoutMs = setup.handlerTimeoutMs;
    if (timeoutMs === null) expander.expandEntries(level, next, () => false);
    else while (!runWithin(timeoutMs, slice));
  };
  for (;;) {
    const command = nextCommand();
    switch (command.kind) {
      case 'give': {
        const started = performance.now();
        const given = level.takeLast(command.count);
        // They travel as paths; what was kept of them here is dropped.
        expander.release(given);
        const batch = encodeFrontier(expander.lineage, given);
        post({ kind: 'gift', to: command.to, batch });
        stats.givenEntries += batch.entryNodes.length;
        stats.givenSteps += batch.nodeParents.length;
        // A gift or two a level at most: measuring its size costs one more serialisation of it.
        stats.givenBytes += serialize(batch).byteLength;
        stats.giveMs += performance.now() - started;
        break;
      }
      case 'grown':
        visited.attach(command.visited);
        break;
      case 'go': {
        visited.attach(command.visited);
        const started = performance.now();
        const cpuStarted = threadCpuMs();
        stats.waitMs = started - doneAt;
        if (level.depth !== command.depth) {
          if (level.size > 0) throw new Error(`explore worker ${setup.index}: told to expand level ${command.depth} with ${level.size} entries of level ${level.depth} in hand`);
          level = new Frontier(command.depth);
          next = new Frontier(command.depth + 1);
        }
        for (const gift of command.gifts) {
          decodeFrontier(gift, expander.lineage, level);
          stats.receivedEntries += gift.entryNodes.length;
          stats.replayedSteps += gift.nodeParents.length;
        }
        stats.replayMs = performance.now() - started;
        stats.entries = level.size;
        const stepsBefore = expander.counters.pathSteps;
        const keptBefore = expander.counters.keptEntries;
        const transitionsBefore = expander.counters.transitions;
        try {
          expandLevel();
        } catch (caught) {
          if (caught instanceof Found) {
            requestStop(control, STOP_PLAIN);
            report(caught, null, null);
          } else if (caught instanceof BoundHit) {
            requestStop(control, STOP_PLAIN);
            report(expander.checkFrontier(next, setup.frontierChecks, false), caught.bound, null);
          } else if (caught instanceof StepFailed || caught instanceof SliceTimeout) {
            requestStop(control, STOP_PLAIN);
            report(null, null, caught);
          } else if (caught instanceof Stopped) {
            report(expander.checkFrontier(next, setup.frontierChecks, Atomics.load(control, STOP) === STOP_HURRY), null, null);
          } else {
            throw caught;
          }
          return;
        }
        level = next;
        next = new Frontier(level.depth + 1);
        progress[at + PROGRESS_QUEUED] = level.size;
        doneAt = performance.now();
        stats.busyMs = doneAt - started;
        stats.pathSteps = expander.counters.pathSteps - stepsBefore;
        stats.keptEntries = expander.counters.keptEntries - keptBefore;
        stats.transitions = expander.counters.transitions - transitionsBefore;
        stats.keptStates = expander.keptStates;
        stats.cpuMs = threadCpuMs() - cpuStarted;
        // Once a level (well under a millisecond): what bench/explore/parallel.ts --diagnose prints per level.
        stats.heapUsedBytes = getHeapStatistics().used_heap_size;
        stats.lineageBytes = expander.lineage.bytes;
        if (levels.length < MAX_LEVEL_STATS) levels.push(stats);
        stats = emptyStats();
        post({ kind: 'levelDone', next: level.size });
        break;
      }
      case 'finish':
        report(null, null, null);
        return;
      case 'stop':
        // Between levels: the level in hand is what was not expanded.
        report(expander.checkFrontier(level, setup.frontierChecks, Atomics.load(control, STOP) === STOP_HURRY), null, null);
        return;
    }
  }
}

function emptyStats(): WorkerLevelStats {
  return { entries: 0, busyMs: 0, waitMs: 0, receivedEntries: 0, replayedSteps: 0, replayMs: 0, givenEntries: 0, givenSteps: 0, givenBytes: 0, giveMs: 0, heapUsedBytes: 0, lineageBytes: 0, pathSteps: 0, keptEntries: 0, keptStates: 0, transitions: 0, cpuMs: 0 };
}

/** A slice that passed the bound: the step in hand (model.inHand), or the park it was in. */
function hangFailure(model: ExploreModel, timeout: SliceTimeout, parked: boolean): WorkerFailure {
  const { parent, action } = model.inHand;
  const hang = { process: timeout.process, handler: timeout.handler, timeoutMs: timeout.timeoutMs, parked };
  return { path: parent === null ? [] : pathActions(parent.trail), action: parent === null ? null : action, message: timeout.message, hang };
}

function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

void main();
