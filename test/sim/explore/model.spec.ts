// Settled messages leave the history fingerprints (sim/explore/history.ts,
// "Settled messages"; session 6): the model prunes only where that is sound,
// and pruning changes no verdict, only the state counts.
import { describe, expect, it } from 'vitest';
import { ExploreModel } from '../../../sim/explore/model.ts';
import { search } from '../../../sim/explore/search.ts';
import type { SearchOptions } from '../../../sim/explore/search-types.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import type { ExploreConfig } from '../../../sim/explore/index.ts';
import type { Scenario } from '../../../scenarios/types.ts';
import { fixture, shipped } from './helpers.ts';

const model = (scenario: Scenario, config: ExploreConfig, prune: boolean, symmetry = false): ExploreModel =>
  new ExploreModel(resolveProtocol(scenario), scenario, config, symmetry, prune);

function run(scenario: Scenario, config: ExploreConfig, prune: boolean, options: Partial<SearchOptions>, symmetry = false) {
  const o = search(model(scenario, config, prune, symmetry), { strategy: 'bfs', maxStates: 200_000, maxDepth: 1000, maxMemoryBytes: 4e9, por: false, ...options });
  return { result: o.result, property: o.violation?.property ?? null, steps: o.violation === null ? null : o.violation.step, states: o.states };
}

describe('explore model: settled messages leave the histories', () => {
  it('prunes only with fifo or causal order and no joins or restarts', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    expect(model(scenario, config, true).pruneSettled).toBe(true);
    expect(model(scenario, config, false).pruneSettled).toBe(false);
    expect(model(scenario, { ...config, order: 'total' }, true).pruneSettled).toBe(false);
    expect(model(scenario, config, true, true).pruneSettled).toBe(true);
    const isis = shipped('isis-crash-3x1');
    expect(model(isis.scenario, isis.config, true).pruneSettled).toBe(true);
    expect(model(isis.scenario, { ...isis.config, budgets: { ...isis.config.budgets, join: 1 } }, true).pruneSettled).toBe(false);
    expect(model(isis.scenario, { ...isis.config, budgets: { ...isis.config.budgets, restart: 1 } }, true).pruneSettled).toBe(false);
  });

  it('the same verdicts, properties and shortest counterexamples, in fewer states', { timeout: 240_000 }, () => {
    const cases: [string, ReturnType<typeof fixture>][] = [
      ['cbcast-3x1', fixture('cbcast-3x1')],
      ['broken-cbcast-3x2', fixture('broken-cbcast-3x2')],
      ['keyed-flood-3x2', fixture('keyed-flood-3x2')],
      ['rank-batch-3x1', fixture('rank-batch-3x1')],
    ];
    const modes: (Partial<SearchOptions> & { symmetry?: boolean })[] = [
      {},
      { strategy: 'dfs' },
      { por: true },
      { por: true, strategy: 'dfs' },
      { symmetry: true },
      { symmetry: true, por: true },
    ];
    let fewer = 0;
    for (const [name, { scenario, config }] of cases) {
      for (const { symmetry, ...mode } of modes) {
        const kept = run(scenario, config, false, mode, symmetry);
        const pruned = run(scenario, config, true, mode, symmetry);
        const what = `${name} ${JSON.stringify(mode)}${symmetry === true ? ' symmetry' : ''}`;
        expect(pruned.result, what).toBe(kept.result);
        expect(pruned.property, what).toBe(kept.property);
        // Breadth first finds a shortest counterexample: pruning must not make it longer or shorter.
        if (mode.strategy !== 'dfs') expect(pruned.steps, what).toBe(kept.steps);
        if (kept.result === 'ok') {
          expect(pruned.states, what).toBeLessThan(kept.states);
          fewer++;
        }
      }
    }
    expect(fewer).toBe(6);
  });

  it('on the full ISIS stack with a crash (views, flush): the same verdict in fewer states', { timeout: 240_000 }, () => {
    const { scenario, config } = shipped('isis-crash-3x1');
    // Two senders: with one, no message settles that a path could have reached in another order (323 states either way).
    const twoSenders = { ...config, senders: ['p2', 'p3'] };
    const kept = run(scenario, twoSenders, false, {});
    const pruned = run(scenario, twoSenders, true, {});
    expect(kept.result).toBe('ok');
    expect(pruned.result).toBe('ok');
    expect(pruned.states).toBeLessThan(kept.states);
  });
});
