// The explorer's voluntary-leave budget: a `leave` request to a live
// process, at any point of a path, on the full ISIS stack.
import { describe, expect, it } from 'vitest';
import { explore, withBudgets } from '../../../sim/explore/index.ts';
import { pathTraceLines, replayChoices } from '../../../sim/explore/counterexample.ts';
import { ExploreModel } from '../../../sim/explore/model.ts';
import { replayExploration } from '../../../sim/explore/replay-exploration.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import { shipped } from './helpers.ts';

describe('explore: voluntary leaves', () => {
  it('ISIS, 3 processes, one leave anywhere: exhausted ok at a pinned state count', () => {
    const { scenario, config } = shipped('isis-crash-3x0');
    const without = explore(scenario, withBudgets(config, { crash: 0 }));
    const r = explore(scenario, withBudgets(config, { crash: 0, leave: 1 }));
    expect(r.result).toBe('ok');
    expect(r.bound).toBeNull();
    expect(r.states).toBeGreaterThan(without.states);
    expect(r.states).toBe(167);
  });

  it('a path with a leave has a `leave` step, an exit `left`, and replays byte for byte', () => {
    const { scenario, config, file } = shipped('isis-crash-3x0');
    const leaving = withBudgets(config, { crash: 0, leave: 1 });
    const model = new ExploreModel(resolveProtocol(scenario), scenario, leaving, false);
    // Leave p3, then let every message arrive, oldest first.
    let outcome = replayChoices(model, ['leave p3']);
    expect(outcome.stuck).toBeNull();
    const choices = ['leave p3'];
    for (let k = 0; k < 200; k++) {
      const actions = model.enabled(outcome.state).filter((a) => a.kind === 'deliver');
      if (actions.length === 0) break;
      choices.push(model.label(outcome.state, actions[0]!));
      outcome = replayChoices(model, choices);
    }
    const lines = pathTraceLines(model, outcome.state);
    expect(lines.some((l) => l.includes('"type":"exit"') && l.includes('"reason":"left"'))).toBe(true);
    expect(JSON.parse(lines[0]!).exploreConfig.budgets.leave).toBe(1);
    const replayed = replayExploration(lines, file);
    expect(replayed.difference).toBeNull();
    expect(replayed.identical).toBe(true);
  });
});
