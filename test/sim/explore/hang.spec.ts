// A protocol handler that never returns during an exploration: the search's
// stretches between yields, and each worker's slices of a level, run within
// a wall-clock bound (sim/handler-watchdog.ts), and passing it ends the
// exploration with ExploreHang naming the process, the handler, the path to
// the step that did not end and what was explored by then, serial and
// parallel. A search whose handlers return is the same with or without it.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explore, ExploreHang } from '../../../sim/explore/index.ts';
import { ExploreModel } from '../../../sim/explore/model.ts';
import { parallelSearchSteps } from '../../../sim/explore/parallel/coordinator.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import { driveToEnd } from '../../../sim/steps.ts';
import { ProtocolHandlerError, runningHandler } from '../../../sim/system/handlers.ts';
import { HANGING_FLOOD_NAME } from './fixtures/hanging-flood.ts';
import { fixture } from './helpers.ts';

const BOUND_MS = 300;
const PLUGINS = [pathToFileURL(new URL('./fixtures/hanging-flood.ts', import.meta.url).pathname).href];
// Breadth first, level 1 is every process's multicast (3 states); expanding p3's delivers its message to p2 first.
const BFS_PATH = ['request p3', 'deliver p3>p2 @1'];
const bfsLine = (boundMs: number): string =>
  `p2's message handler did not return within ${boundMs / 1000} s (a wall-clock bound: --handler-timeout-s) at step 2 of path ${JSON.stringify(BFS_PATH)}; 11 states explored to depth 1 (11 transitions) before it, no violation found in them`;
const BFS_LINE = bfsLine(BOUND_MS);
// A worker's first slices run cold code, on a loaded machine slowly: a bound well above them.
const WORKER_BOUND_MS = 2000;

/** The ExploreHang that `run` throws (fails the test if it throws something else or nothing). */
function hangOf(run: () => unknown): ExploreHang {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExploreHang);
    return error as ExploreHang;
  }
  throw new Error('expected the exploration to end with ExploreHang');
}

describe('explore with a handler that never returns', () => {
  const { scenario, config } = fixture('hanging-flood-3x1');

  it('breadth first: ends at the bound, naming p2, its message handler, the path and what was explored', () => {
    expect(scenario.protocol.name).toBe(HANGING_FLOOD_NAME);
    const started = Date.now();
    const hang = hangOf(() => explore(scenario, config, { handlerTimeoutMs: BOUND_MS }));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(hang.message).toBe(BFS_LINE);
    expect(hang.site).toEqual({ process: 'p2', handler: 'message', timeoutMs: BOUND_MS });
    expect(hang.step).toBe(2);
    expect(hang.path).toEqual(BFS_PATH);
    expect(hang.explored).toEqual({ states: 11, transitions: 11, depth: 1 });
    // Reported as a protocol failure (the CLI: one line, exit 1), with no stack frames to print.
    expect(hang).toBeInstanceOf(ProtocolHandlerError);
    expect(hang.describe()).toBe(BFS_LINE);
    expect(runningHandler.process).toBeNull();
  });

  it('depth first: the path is the first one that delivers p3\'s message to p2', () => {
    const hang = hangOf(() => explore(scenario, config, { strategy: 'dfs', handlerTimeoutMs: BOUND_MS }));
    expect(hang.path.at(-1)).toMatch(/^deliver p3>p2 /);
    expect(hang.step).toBe(hang.path.length);
    expect(hang.path.slice(0, -1)).toContain('request p3');
    expect(hang.explored.states).toBeGreaterThan(0);
  });

  it('the next exploration in this thread runs to its end, as it would have', () => {
    const flood = fixture('keyed-flood-3x1');
    const before = explore(flood.scenario, flood.config);
    hangOf(() => explore(scenario, config, { handlerTimeoutMs: BOUND_MS }));
    const after = explore(flood.scenario, flood.config);
    expect(after.result).toBe('ok');
    expect({ ...after, seconds: 0, statesPerSecond: 0, peakMemoryBytes: 0 }).toEqual({ ...before, seconds: 0, statesPerSecond: 0, peakMemoryBytes: 0 });
  });

  it('a search whose handlers return: the same outcome with the bound, without it, and with a small one', () => {
    const flood = fixture('keyed-flood-3x2');
    const counts = (timeout: number | null | undefined): unknown => {
      const r = explore(flood.scenario, flood.config, timeout === undefined ? {} : { handlerTimeoutMs: timeout });
      return { result: r.result, states: r.states, transitions: r.transitions, depth: r.depth, paths: r.pathsChecked, choices: r.counterexample?.choices ?? null };
    };
    const unbounded = counts(null);
    expect(counts(undefined)).toEqual(unbounded);
    expect(counts(5_000)).toEqual(unbounded);
  });
});

describe('parallel explore with a handler that never returns', () => {
  const { scenario, config } = fixture('hanging-flood-3x1');

  it('in a worker: the worker ends its slice at the bound and the coordinator raises the same ExploreHang as one thread', () => {
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    // Handed out from the first level on: only the workers step anything.
    const options = { strategy: 'bfs' as const, maxStates: 1_000_000, maxDepth: 1000, maxMemoryBytes: 4 * 1024 ** 3, por: false, workers: 2, plugins: PLUGINS, prefixStates: 1, handlerTimeoutMs: WORKER_BOUND_MS };
    const hang = hangOf(() => driveToEnd(parallelSearchSteps(model, options)));
    expect(hang.message).toBe(bfsLine(WORKER_BOUND_MS));
    expect(hang.explored).toEqual({ states: 11, transitions: 11, depth: 1 });
  }, 60_000);

  it('in the coordinator (the first levels are expanded there): the same ExploreHang, and the workers are let go', () => {
    const hang = hangOf(() => explore(scenario, config, { workers: 2, plugins: PLUGINS, handlerTimeoutMs: BOUND_MS }));
    expect(hang.message).toBe(BFS_LINE);
  }, 60_000);
});
