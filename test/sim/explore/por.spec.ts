// The ample set's choice under --symmetry (por.ts): a tie between processes
// is broken by their rank under the state's canonical renaming, not by
// index, so the reduced successors of every member of an orbit are renamings
// of each other, and the count no longer depends on which renaming of a
// state was reached first. Before (session 8): cbcast-3x2 gave 34,006 /
// 34,007 / 34,021 states on three runs with 2 workers, 33,961 with one.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../../sim/explore/actions.ts';
import { explore, type ExploreOptions } from '../../../sim/explore/index.ts';
import { ExploreModel } from '../../../sim/explore/model.ts';
import { parallelSearchSteps } from '../../../sim/explore/parallel/coordinator.ts';
import { ampleSet, porInapplicable } from '../../../sim/explore/por.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import { driveToEnd } from '../../../sim/steps.ts';
import { fixture, shipped } from './helpers.ts';
import { deterministicPart, PLUGINS } from './parallel/helpers.ts';

const POR_SYMMETRY: ExploreOptions = { por: true, symmetry: true };

describe('ampleSet: ties under --symmetry', () => {
  it('without ranks a tie goes to the lowest index; with ranks, to the lowest rank', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, true);
    // Walk breadth first to a state where two non-senders tie (each has one delivery and nothing else to send).
    let level = [model.initial()];
    let tie: { byIndex: number; byRank: number; ranks: readonly number[] } | null = null;
    for (let depth = 0; depth < 12 && tie === null; depth++) {
      const next = [];
      for (const s of level) {
        const actions = model.enabled(s);
        const byIndex = ampleSet(s, actions, config);
        const ranks = model.canonicalRanks(s) as readonly number[];
        // A rank order that disagrees with the index order: the reverse of the canonical one.
        const reversed = ranks.map((r) => ranks.length - 1 - r);
        const byRank = ampleSet(s, actions, config, () => reversed);
        if (byIndex !== null && byRank !== null && byIndex.length === byRank.length && byIndex.some((a, k) => a !== byRank[k])) {
          // The process whose actions one set has and the other lacks.
          const ownerOnlyIn = (set: readonly Action[], other: readonly Action[]): number => {
            const a = set.find((x) => !other.includes(x));
            return a !== undefined && 'owner' in a ? a.owner : -1;
          };
          tie = { byIndex: ownerOnlyIn(byIndex, byRank), byRank: ownerOnlyIn(byRank, byIndex), ranks: reversed };
          break;
        }
        for (const a of actions) next.push(model.step(s, a));
      }
      level = next.slice(0, 2000);
    }
    expect(tie).not.toBeNull();
    const { byIndex, byRank, ranks } = tie!;
    expect(byIndex).toBeGreaterThanOrEqual(0);
    expect(byIndex).toBeLessThan(byRank);
    expect(ranks[byRank]).toBeLessThan(ranks[byIndex] as number);
  });

  it('the canonical ranks are a permutation of the processes, and none without symmetry', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const symmetric = new ExploreModel(resolveProtocol(scenario), scenario, config, true);
    expect([...(symmetric.canonicalRanks(symmetric.initial()) as readonly number[])].sort()).toEqual([0, 1, 2]);
    const plain = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    expect(plain.canonicalRanks(plain.initial())).toBeNull();
  });
});

describe('explore --por --symmetry: the same count on every run and thread count', () => {
  it('cbcast-3x2: one thread, DFS and three runs of 2 workers give 35,294 states', { timeout: 120_000 }, () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const one = explore(scenario, config, POR_SYMMETRY);
    expect(one.result).toBe('ok');
    // 33,961 one thread before the ties were broken by rank; the workers' count varied.
    expect(one.states).toBe(35_294);
    expect(explore(scenario, config, { ...POR_SYMMETRY, strategy: 'dfs' }).states).toBe(35_294);
    for (let run = 0; run < 3; run++) {
      const two = explore(scenario, config, { ...POR_SYMMETRY, workers: 2 });
      expect(deterministicPart(two), `run ${run}`).toEqual(deterministicPart(one));
    }
  });

  it('workers from the first level on (many hand-outs, the most room for races): the one-thread count on cbcast-3x1 and keyed-flood-3x1', { timeout: 120_000 }, () => {
    for (const name of ['cbcast-3x1', 'keyed-flood-3x1']) {
      const { scenario, config } = fixture(name);
      const one = explore(scenario, config, POR_SYMMETRY);
      for (const workers of [2, 3]) {
        const model = new ExploreModel(resolveProtocol(scenario), scenario, config, true);
        const r = driveToEnd(parallelSearchSteps(model, { strategy: 'bfs', maxStates: 1_000_000, maxDepth: 1000, maxMemoryBytes: 4 * 1024 ** 3, por: true, workers, plugins: PLUGINS, prefixStates: 1 }));
        expect(r.states, `${name}, ${workers} workers`).toBe(one.states);
        expect(r.transitions, `${name}, ${workers} workers`).toBe(one.transitions);
      }
    }
  });

  it('broken fixtures: the same verdict and a shortest counterexample as long as one thread\'s', { timeout: 120_000 }, () => {
    for (const name of ['broken-cbcast-3x2', 'keyed-flood-3x2']) {
      const { scenario, config } = fixture(name);
      const one = explore(scenario, config, POR_SYMMETRY);
      expect(one.result, name).toBe('violated');
      for (let run = 0; run < 2; run++) {
        const two = explore(scenario, config, { ...POR_SYMMETRY, workers: 2, plugins: PLUGINS });
        expect(two.result, name).toBe('violated');
        expect(two.violation?.property, name).toBe(one.violation?.property);
        expect(two.counterexample?.lines.length, name).toBe(one.counterexample?.lines.length);
        expect(two.depth, name).toBe(one.depth);
      }
    }
  });
});

describe('porInapplicable: when --por can reduce nothing', () => {
  it('receipts that may send: said so, and --por explores exactly the full space', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const sending = { ...config, receiptsSend: true };
    expect(porInapplicable(sending)).toContain('receiptsSend');
    const full = explore(scenario, sending);
    const reduced = explore(scenario, sending, { por: true });
    expect([reduced.states, reduced.transitions]).toEqual([full.states, full.transitions]);
  });

  it('receipts that send nothing: no note, and the reduction saves states', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    expect(porInapplicable(config)).toBeNull();
    expect(explore(scenario, config, { por: true }).states).toBeLessThan(explore(scenario, config).states);
  });
});
