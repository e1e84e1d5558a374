// `explore.keepMajority` (sim/explore/actions.ts, the crash kind's
// `keepsMajority` in sim/faults/crash.ts) and the pinned join+crash
// configuration it makes `ok` (scenarios/explore/isis-join-crash-2p1.json;
// the whole space: isis-join-crash.slow.spec.ts).
import { describe, expect, it } from 'vitest';
import { staleStateTransfer } from '../../../protocol/mutants/stale-state-transfer.ts';
import { pathTraceLines, replayChoices } from '../../../sim/explore/counterexample.ts';
import { explore, parseExploreConfig } from '../../../sim/explore/index.ts';
import { ExploreModel } from '../../../sim/explore/model.ts';
import { replayExploration } from '../../../sim/explore/replay-exploration.ts';
import { replicaDisagreement } from '../../../sim/explore/replicas.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import { shipped } from './helpers.ts';

describe('explore.keepMajority', () => {
  it('is read as a boolean, written only when true, and refused otherwise', () => {
    expect(parseExploreConfig({ keepMajority: true }, 'f.json').keepMajority).toBe(true);
    expect('keepMajority' in parseExploreConfig({ keepMajority: false }, 'f.json')).toBe(false);
    expect('keepMajority' in parseExploreConfig({}, 'f.json')).toBe(false);
    expect(() => parseExploreConfig({ keepMajority: 'yes' }, 'f.json')).toThrow('f.json: explore.keepMajority: expected true or false, got "yes"');
  });

  it('offers no crash of a member of a 2-member view, and a crash of any one of 3 once the joiner is in', () => {
    const { scenario, config } = shipped('isis-join-crash-2p1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const crashes = (choices: string[]): string[] => {
      const r = replayChoices(model, choices);
      expect(r.stuck).toBeNull();
      return model.enabled(r.state).filter((a) => a.kind === 'crash').map((a) => model.label(r.state, a));
    };
    expect(crashes([])).toEqual([]);
    // The joiner itself may crash: the view {p1, p2} keeps both.
    expect(crashes(['join p3'])).toEqual(['crash p3']);
    // Without keepMajority, either member may crash at once.
    const free = new ExploreModel(resolveProtocol(scenario), scenario, { ...config, keepMajority: false }, false);
    expect(free.enabled(free.initial()).filter((a) => a.kind === 'crash')).toHaveLength(2);
    // Once p1 installs view 2 {p1, p2, p3}, any one of the three may crash.
    const admitted = replayChoices(model, ['join p3', 'deliver p3>p1 @0']);
    expect(admitted.stuck).toBeNull();
    let s = admitted.state;
    for (let k = 0; k < 40 && !model.enabled(s).some((a) => a.kind === 'crash' && model.label(s, a) === 'crash p1'); k++) {
      const next = model.enabled(s).find((a) => a.kind === 'deliver');
      if (next === undefined) break;
      s = model.step(s, next);
    }
    expect(model.enabled(s).filter((a) => a.kind === 'crash').map((a) => model.label(s, a))).toEqual(['crash p1', 'crash p2', 'crash p3']);
  });

  it('without it, 2 members and a joiner with a crash are violated: a crash before the join leaves 1 of 2, which blocks', () => {
    const { scenario, config } = shipped('isis-join-crash-2p1');
    const r = explore(scenario, { ...config, keepMajority: false });
    expect(r.result).toBe('violated');
    expect(r.violation?.property).toBe('view-convergence');
    expect(r.counterexample!.choices).toContain('crash p2');
  });
});

describe('explore: scenarios/explore/isis-join-crash-2p1.json (a join during traffic and a crash, 3 processes)', () => {
  it('its budgets and workload are read from the file', () => {
    const { scenario, config } = shipped('isis-join-crash-2p1');
    expect(scenario.processes).toBe(2);
    expect(config.budgets).toMatchObject({ crash: 1, join: 1, restart: 0 });
    expect(config.keepMajority).toBe(true);
    expect(config.senders).toEqual(['p2']);
    expect(config.order).toBe('total');
  });

  it('the first 3,000 states hold no violation (the whole space: isis-join-crash.slow.spec.ts)', () => {
    const { scenario, config } = shipped('isis-join-crash-2p1');
    const r = explore(scenario, config, { maxStates: 3000 });
    expect(r.result).toBe('unknown');
    expect(r.bound).toBe('maxStates');
    expect(r.violation).toBeNull();
  });

  it("the stale-state-transfer mutant's counterexample (found by the slow spec) ends with the joiner's map stale, and replays", () => {
    const { scenario, config, file } = shipped('isis-join-crash-2p1');
    const protocol = staleStateTransfer.factory(scenario.protocol.options ?? {});
    const model = new ExploreModel(protocol, scenario, config, false);
    const choices = [
      'request p2', 'join p3', 'deliver p3>p1 @1', 'deliver p2>p1 @0', 'deliver p1>p2 @1', 'deliver p2>p1 @1', 'deliver p1>p2 @1',
      'deliver p2>p1 @1', 'deliver p1>p3 @2', 'crash p2', 'suspect p1 p2', 'deliver p1>p3 @0', 'deliver p3>p1 @0', 'deliver p1>p3 @0',
      'deliver p3>p1 @0', 'deliver p1>p3 @0', 'suspect p3 p2',
    ];
    const outcome = replayChoices(model, choices);
    expect(outcome.stuck).toBeNull();
    expect(model.enabled(outcome.state)).toHaveLength(0);
    expect(replicaDisagreement(protocol, outcome.state)).toBe('replicas disagree at the end: p1 holds [["k1",1]], p3 holds []');
    const lines = pathTraceLines(model, outcome.state, { timeUnit: 'step' });
    expect(replayExploration(lines, file, { protocolFor: () => protocol }).identical).toBe(true);
    // The protocol itself transfers the map after the flush: on its own path to the same point the replicas agree.
    const real = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const same = replayChoices(real, choices);
    expect(same.stuck === null ? replicaDisagreement(real.protocol, same.state) : null).toBeNull();
  });
});
