// Sleep sets (sim/explore/sleep-sets.ts) prune transitions only: on every
// configuration, breadth and depth first, the states, the verdict, the
// depth, the terminal states and (breadth first) the counterexample are
// those of the search without them, with fewer transitions where processes
// act concurrently.
import { describe, expect, it } from 'vitest';
import { explore, type ExploreResult } from '../../../sim/explore/index.ts';
import { NO_SLEEP, SleepSets, childSleep, choose } from '../../../sim/explore/sleep-sets.ts';
import { smallCases } from './sleep-sets-configs.ts';

const CASES = smallCases();

function same(full: ExploreResult, sleeping: ExploreResult): void {
  expect(sleeping.result).toBe(full.result);
  expect(sleeping.bound).toBe(full.bound);
  expect(sleeping.states).toBe(full.states);
  expect(sleeping.depth).toBe(full.depth);
  expect(sleeping.terminalStates).toBe(full.terminalStates);
  expect(sleeping.violation?.property).toBe(full.violation?.property);
}

describe('explore --sleep-sets: the same states and verdict, fewer transitions', () => {
  for (const strategy of ['bfs', 'dfs'] as const) {
    // A depth-bounded DFS is not exhaustive even without sleep sets: a state first met deep is cut there and not expanded when met
    // shallower later, so its counts depend on the order states are met in. Those cases run breadth first only.
    for (const c of CASES.filter((k) => strategy === 'bfs' || k.options.maxDepth === undefined)) {
      it(`${c.name}, ${strategy}`, () => {
        const full = explore(c.scenario, c.config, { ...c.options, strategy });
        const sleeping = explore(c.scenario, c.config, { ...c.options, strategy, sleepSets: true });
        same(full, sleeping);
        expect(sleeping.sleepSets).toBe(true);
        // Every configuration here has two processes that can move at once somewhere; depth first, a violation on the
        // first path is found before any transition sleeps.
        if (strategy === 'dfs' && full.result === 'violated') expect(sleeping.transitions).toBeLessThanOrEqual(full.transitions);
        else expect(sleeping.transitions).toBeLessThan(full.transitions);
        // Breadth first, the counterexample comes from the shortest-path search, which runs without sleep sets. Depth first,
        // a sleeping transition leads to a state its earlier sibling's subtree already reached, so states are met in the same
        // order and the first violation is the same. Either way: the same trace.
        if (full.counterexample !== null) expect(sleeping.counterexample?.lines).toEqual(full.counterexample.lines);
      });
    }
  }

  it('the broken CBCAST is still found, and its counterexample still violates causal order', () => {
    const c = CASES.find((k) => k.name === 'broken-cbcast-3x2')!;
    const r = explore(c.scenario, c.config, { strategy: 'dfs', sleepSets: true });
    expect(r.result).toBe('violated');
    expect(r.violation?.property).toBe('causal-order');
  });

  it('is refused with --por, --symmetry and workers (a clear error)', () => {
    const c = CASES[0]!;
    expect(() => explore(c.scenario, c.config, { sleepSets: true, por: true })).toThrow(/not combined with --por/);
    expect(() => explore(c.scenario, c.config, { sleepSets: true, symmetry: true })).toThrow(/not combined with --symmetry/);
    expect(() => explore(c.scenario, c.config, { sleepSets: true, workers: 2 })).toThrow(/--workers 1/);
  });
});

describe('SleepSets: state caching (Godefroid)', () => {
  it('a state reached again with a smaller sleep set explores what slept only before, and keeps the intersection', () => {
    const sleep = new SleepSets();
    const record = sleep.admit([1, 2, 3]);
    expect(sleep.firstExpansion(record).running).toEqual([1, 2, 3]);
    expect(sleep.arriveAgain(record, [2, 3, 4])).toEqual({ redo: [1], sleep: [2, 3] });
    // The same arrival again: nothing left to do.
    expect(sleep.arriveAgain(record, [2, 3])).toBeNull();
    expect(sleep.arriveAgain(record, [])).toEqual({ redo: [2, 3], sleep: [] });
    expect(sleep.arriveAgain(record, [7])).toBeNull();
  });

  it('before its expansion (breadth first), a state only narrows its sleep set', () => {
    const sleep = new SleepSets();
    const record = sleep.admit([1, 2]);
    expect(sleep.arriveAgain(record, [2])).toBeNull();
    expect(sleep.firstExpansion(record).running).toEqual([2]);
  });

  it('an expansion skips the sleeping actions, and each child inherits the earlier ones independent of its own', () => {
    // Names (independence.ts): owner in the bits above 2^46.
    const p0 = (k: number): number => 0 * 2 ** 46 + k;
    const p1 = (k: number): number => 1 * 2 ** 46 + k;
    const sleep = new SleepSets();
    const record = sleep.admit([p1(5)]);
    const plan = sleep.firstExpansion(record);
    const chosen = choose(['a', 'b', 'c', 'g'], [p0(1), p1(5), p1(6), -1], plan);
    expect(chosen).toEqual(['a', 'c', 'g']);
    // a (p0): p1(5) sleeps on, independent; c (p1): p0(1) is, p1(5) is not; g (global): nothing.
    expect(childSleep(plan, 0)).toEqual([p1(5)]);
    expect(childSleep(plan, 1)).toEqual([p0(1)]);
    expect(childSleep(plan, 2)).toBe(NO_SLEEP);
  });
});
