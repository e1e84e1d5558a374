// The worker-parallel search against the sequential one: the same states,
// transitions, terminal states and verdict, and the same counterexample,
// byte for byte. Worker threads load the sources through tsx here (a
// second or two each on a loaded machine), so the configurations are small.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explore, withBudgets, type ExploreConfig, type ExploreOptions, type ExploreResult } from '../../../../sim/explore/index.ts';
import { ExploreModel } from '../../../../sim/explore/model.ts';
import { parallelSearchSteps } from '../../../../sim/explore/parallel/coordinator.ts';
import { replayExploration } from '../../../../sim/explore/replay-exploration.ts';
import { resolveProtocol } from '../../../../sim/resolve-protocol.ts';
import { driveToEnd } from '../../../../sim/steps.ts';
import type { Scenario } from '../../../../scenarios/types.ts';
import { fixture, FIXTURE_PLUGIN, shipped } from '../helpers.ts';

const PLUGINS = [pathToFileURL(FIXTURE_PLUGIN).href];

/** What must not depend on the number of workers. */
function deterministicPart(r: ExploreResult): Record<string, unknown> {
  return { result: r.result, bound: r.bound, states: r.states, transitions: r.transitions, depth: r.depth, terminalStates: r.terminalStates };
}

function bothWays(scenario: Scenario, config: ExploreConfig, options: ExploreOptions = {}): { one: ExploreResult; two: ExploreResult } {
  const one = explore(scenario, config, options);
  const two = explore(scenario, config, { ...options, workers: 2, plugins: PLUGINS });
  return { one, two };
}

/** The coordinator alone, handing the work out from the first level on (the default waits for 128 entries). */
function handOutAtOnce(scenario: Scenario, config: ExploreConfig, por: boolean, workers = 2): ReturnType<typeof parallelSearchSteps> extends Generator<void, infer R, void> ? R : never {
  const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
  return driveToEnd(parallelSearchSteps(model, { strategy: 'bfs', maxStates: 1_000_000, maxDepth: 1000, maxMemoryBytes: 4 * 1024 ** 3, por, workers, plugins: PLUGINS, prefixStates: 1 }));
}

describe('parallel explore: the same states and verdict as one thread', () => {
  it('--symmetry: workers re-run multi-delivery steps in renamed worlds too, so rank-batch stays violated', () => {
    const { scenario, config } = fixture('rank-batch-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, true);
    const r = driveToEnd(parallelSearchSteps(model, { strategy: 'bfs', maxStates: 1_000_000, maxDepth: 1000, maxMemoryBytes: 4 * 1024 ** 3, por: false, workers: 2, plugins: PLUGINS, prefixStates: 1 }));
    expect(r.result).toBe('violated');
    expect(r.violation?.property).toBe('causal-order');
  });


  it('ISIS, 3 processes, a crash and a restart (isis-crash-3x0 with restart=1): 3,994 states either way', () => {
    const { scenario, config } = shipped('isis-crash-3x0');
    const { one, two } = bothWays(scenario, withBudgets(config, { restart: 1 }));
    expect(one.result).toBe('ok');
    expect(one.states).toBe(3994);
    expect(deterministicPart(two)).toEqual(deterministicPart(one));
  });

  it('CBCAST 3x2 with two senders, --por: the reduction (its cycle proviso reads depths) gives the same states', () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const small = { ...config, senders: ['p1', 'p2'] };
    const { one, two } = bothWays(scenario, small, { por: true });
    expect(one.result).toBe('ok');
    expect(one.states).toBeGreaterThan(1000);
    expect(deterministicPart(two)).toEqual(deterministicPart(one));
  });

  it('handing out single states from the first level on (tiny levels, many transfers) changes nothing', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    for (const [por, workers] of [[false, 2], [true, 3]] as const) {
      const one = explore(scenario, config, { por });
      const r = handOutAtOnce(scenario, config, por, workers);
      expect(r.result).toBe('ok');
      expect([r.states, r.transitions, r.depth, r.terminalStates]).toEqual([one.states, one.transitions, one.depth, one.terminalStates]);
    }
  }, 120_000);

  it('a broken CBCAST: violated, with the sequential counterexample byte for byte, which replays', () => {
    const { scenario, config, file } = fixture('broken-cbcast-3x2');
    const { one, two } = bothWays(scenario, config);
    expect(two.result).toBe('violated');
    expect(two.violation?.property).toBe(one.violation?.property);
    expect(two.counterexample?.lines).toEqual(one.counterexample?.lines);
    const replayed = replayExploration(two.counterexample!.lines, file);
    expect(replayed.identical).toBe(true);
  });

  it('a violation found by a worker after the hand-out comes back with its path, stepped again in the calling thread', () => {
    const { scenario, config } = fixture('broken-cbcast-3x2');
    const found = handOutAtOnce(scenario, config, false);
    expect(found.result).toBe('violated');
    expect(found.violationTrail).not.toBeNull();
    expect(found.violationTrail?.depth).toBe(found.violation?.step);
  });
});

describe('parallel explore: bounds, stops and errors', () => {
  it('--max-states: unknown at exactly that many states', () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const r = explore(scenario, config, { maxStates: 3000, workers: 2 });
    expect(r.result).toBe('unknown');
    expect(r.bound).toBe('maxStates');
    expect(r.states).toBe(3000);
  });

  it('--max-seconds stops every worker and reports the states so far', () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const r = explore(scenario, config, { maxSeconds: 4, workers: 2 });
    expect(r.result).toBe('unknown');
    expect(r.bound).toBe('maxSeconds');
    expect(r.states).toBeGreaterThan(0);
    // Exhausting it takes minutes. (Workers that load the sources through tsx may take seconds to start: the bound is loose.)
    expect(r.states).toBeLessThan(318_062);
    expect(r.seconds).toBeLessThan(30);
  });

  it('a stop request (Ctrl-C) ends the search with bound interrupted, progress reported on the way', () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const progress: number[] = [];
    const r = explore(scenario, config, { workers: 2, progressEverySeconds: 0.5, onProgress: (p) => progress.push(p.states), shouldStop: () => progress.length >= 2 });
    expect(r.result).toBe('unknown');
    expect(r.bound).toBe('interrupted');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(r.states).toBeGreaterThanOrEqual(progress[0] as number);
  });

  it('a protocol error in a worker is the sequential search\'s error (a false receiptsSend declaration)', () => {
    const { scenario, config } = shipped('isis-crash-3x0');
    const lie = { ...config, receiptsSend: false };
    let sequential = '';
    try {
      explore(scenario, lie);
    } catch (error) {
      sequential = (error as Error).message;
    }
    expect(sequential).toMatch(/explore.receiptsSend is false/);
    expect(() => explore(scenario, lie, { workers: 2 })).toThrow(sequential);
  });

  it('refuses depth first and a protocol object it cannot send to the workers', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    expect(() => explore(scenario, config, { workers: 2, strategy: 'dfs' })).toThrow(/breadth first/);
    expect(() => explore(scenario, config, { workers: 2, protocol: resolveProtocol(scenario) })).toThrow(/options.protocol/);
  });
});
