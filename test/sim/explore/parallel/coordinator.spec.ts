// The worker-parallel search against the sequential one: the same states,
// transitions, terminal states and verdict, and the same counterexample,
// byte for byte. Worker threads load the sources through tsx here (a
// second or two each on a loaded machine), so the configurations are small, and the longer comparisons
// are in coordinator.slow.spec.ts (npm run test:slow).
import { describe, expect, it } from 'vitest';
import { explore, withBudgets } from '../../../../sim/explore/index.ts';
import { ExploreModel } from '../../../../sim/explore/model.ts';
import { parallelSearchSteps, type ParallelDiagnostics } from '../../../../sim/explore/parallel/coordinator.ts';
import { replayExploration } from '../../../../sim/explore/replay-exploration.ts';
import { resolveProtocol } from '../../../../sim/resolve-protocol.ts';
import { driveToEnd } from '../../../../sim/steps.ts';
import { fixture, shipped } from '../helpers.ts';
import { DYING_NAME, DYING_STATUS } from './fixtures/dying-plugin.ts';
import { bothWays, deterministicPart, DYING_PLUGINS, handOutAtOnce, PLUGINS } from './helpers.ts';

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

  it('a broken CBCAST: violated, with the sequential counterexample byte for byte, which replays', () => {
    const { scenario, config, file } = fixture('broken-cbcast-3x2');
    const { one, two } = bothWays(scenario, config);
    expect(two.result).toBe('violated');
    expect(two.violation?.property).toBe(one.violation?.property);
    expect(two.counterexample?.lines).toEqual(one.counterexample?.lines);
    const replayed = replayExploration(two.counterexample!.lines, file);
    expect(replayed.identical).toBe(true);
  });

});

describe('parallel explore: diagnostics', () => {
  it('accounts for every state: the entries the workers expanded add up to the states, and what one gave another received', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    let diagnostics: ParallelDiagnostics | null = null;
    const r = driveToEnd(parallelSearchSteps(model, { strategy: 'bfs', maxStates: 1_000_000, maxDepth: 1000, maxMemoryBytes: 4 * 1024 ** 3, por: false, workers: 2, plugins: PLUGINS, prefixStates: 1, onDiagnostics: (d) => (diagnostics = d) }));
    expect(r.result).toBe('ok');
    const d = diagnostics as ParallelDiagnostics | null;
    if (d === null) throw new Error('onDiagnostics was not called');
    expect(d.prefixLevels).toBe(0);
    const all = d.workers.flat();
    expect(all.reduce((n, s) => n + s.entries, 0)).toBe(r.states);
    // The first level is the coordinator's hand-out (the initial state alone here); later ones, what workers gave.
    expect(d.workers.reduce((n, w) => n + (w[0]?.receivedEntries ?? 0), 0)).toBe(1);
    const received = d.workers.flatMap((w) => w.slice(1)).reduce((n, s) => n + s.receivedEntries, 0);
    expect(received).toBeGreaterThan(0);
    expect(received).toBe(all.reduce((n, s) => n + s.givenEntries, 0));
    expect(all.some((s) => s.givenBytes > 0)).toBe(true);
    // One hand-out between two levels: as many as the levels, less the last.
    expect(d.handOutMs.length).toBe(Math.max(...d.workers.map((w) => w.length)) - 1);
  });
});

describe('parallel explore: deep levels kept as states (kept-states.ts)', () => {
  it('kept from the first level on, past a cap of 8 a worker as paths: the sequential states, transitions and terminal states; both ways taken, entries still moved between workers', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const one = explore(scenario, config, {});
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    let diagnostics: ParallelDiagnostics | null = null;
    const r = driveToEnd(
      parallelSearchSteps(model, {
        strategy: 'bfs',
        maxStates: 1_000_000,
        maxDepth: 1000,
        maxMemoryBytes: 4 * 1024 ** 3,
        por: false,
        workers: 2,
        plugins: PLUGINS,
        prefixStates: 1,
        keep: { statesCap: 8, aboveStepsPerEntry: 0 },
        onDiagnostics: (d) => (diagnostics = d),
      }),
    );
    expect([r.result, r.states, r.transitions, r.depth, r.terminalStates]).toEqual([one.result, one.states, one.transitions, one.depth, one.terminalStates]);
    const d = diagnostics as ParallelDiagnostics | null;
    if (d === null) throw new Error('onDiagnostics was not called');
    const all = d.workers.flat();
    expect(all.reduce((n, s) => n + s.keptEntries, 0)).toBeGreaterThan(0);
    expect(all.reduce((n, s) => n + s.pathSteps, 0)).toBeGreaterThan(0);
    expect(all.every((s) => s.keptStates <= 8)).toBe(true);
    expect(d.workers.flatMap((w) => w.slice(1)).reduce((n, s) => n + s.receivedEntries, 0)).toBeGreaterThan(0);
  });

  it('a broken CBCAST with every level kept: violated, the same property, its path stepped again here', () => {
    const { scenario, config } = fixture('broken-cbcast-3x2');
    const one = explore(scenario, config, {});
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const kept = driveToEnd(parallelSearchSteps(model, { strategy: 'bfs', maxStates: 1_000_000, maxDepth: 1000, maxMemoryBytes: 4 * 1024 ** 3, por: false, workers: 2, plugins: PLUGINS, prefixStates: 1, keep: { statesCap: 1_000_000, aboveStepsPerEntry: 0 } }));
    expect(kept.result).toBe('violated');
    expect(kept.violation?.property).toBe(one.violation?.property);
    // The worker's violation comes back as the path to a kept state, stepped again in the calling thread.
    expect(kept.violationTrail?.depth).toBe(kept.violation?.step);
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

  it('a worker that dies without reporting (as out of memory does) ends the synchronous search with an error naming it', () => {
    const { scenario, config } = fixture('keyed-flood-3x1');
    const dying = { ...scenario, protocol: { name: DYING_NAME } };
    expect(() => handOutAtOnce(dying, config, false, 2, DYING_PLUGINS)).toThrow(new RegExp(`explore worker \\d exited with status ${DYING_STATUS} without reporting`));
  });

  it('refuses depth first and a protocol object it cannot send to the workers', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    expect(() => explore(scenario, config, { workers: 2, strategy: 'dfs' })).toThrow(/breadth first/);
    expect(() => explore(scenario, config, { workers: 2, protocol: resolveProtocol(scenario) })).toThrow(/options.protocol/);
  });
});
