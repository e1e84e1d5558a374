// The explorer's restart budget: a crashed process's host comes back as its
// next incarnation (`p3#2`), which joins with state transfer like a joiner,
// on the full ISIS stack. And loss: a dropped message is gone for good.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEvents } from '../../../checkers/index.ts';
import { explore, parseBudgetFlag, withBudgets } from '../../../sim/explore/index.ts';
import { pathTraceLines, replayChoices } from '../../../sim/explore/counterexample.ts';
import { ExploreModel } from '../../../sim/explore/model.ts';
import { replayExploration } from '../../../sim/explore/replay-exploration.ts';
import { replicaDisagreement } from '../../../sim/explore/replicas.ts';
import { staleStateTransfer } from '../../../protocol/mutants/stale-state-transfer.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import type { TraceEvent } from '../../../traces/schema.ts';
import { cliInProcess } from '../../cli/cli-harness.ts';
import { keyedFlood, type KeyedFloodState } from './fixtures/keyed-flood.ts';
import { fixture, shipped } from './helpers.ts';

/** Extends `choices` by delivering the oldest in-flight message until none is left (bounded). */
function deliverAll(model: ExploreModel, choices: string[]): string[] {
  const out = [...choices];
  let outcome = replayChoices(model, out);
  for (let k = 0; k < 300; k++) {
    expect(outcome.stuck).toBeNull();
    const next = model.enabled(outcome.state).find((a) => a.kind === 'deliver' || a.kind === 'suspect');
    if (next === undefined) break;
    out.push(model.label(outcome.state, next));
    outcome = replayChoices(model, out);
  }
  return out;
}

const events = (lines: readonly string[]): TraceEvent[] => lines.slice(1).map((l) => JSON.parse(l) as TraceEvent);

describe('explore: restarts', () => {
  it('ISIS, 3 processes, one crash and one restart anywhere: exhausted ok at a pinned state count', () => {
    const { scenario, config } = shipped('isis-crash-3x0');
    const crashOnly = explore(scenario, config);
    const r = explore(scenario, withBudgets(config, { crash: 1, restart: 1 }));
    expect(r.result).toBe('ok');
    expect(r.bound).toBeNull();
    expect(r.states).toBeGreaterThan(crashOnly.states);
    expect(r.states).toBe(3994);
  });

  it('is enabled only for a crashed process, within its budget, once per incarnation', () => {
    const { scenario, config } = shipped('isis-crash-3x0');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, withBudgets(config, { crash: 1, restart: 1 }), false);
    const kinds = (choices: string[]): string[] => model.enabled(replayChoices(model, choices).state).map((a) => model.label(replayChoices(model, choices).state, a));
    expect(kinds([]).some((l) => l.startsWith('restart'))).toBe(false);
    expect(kinds(['crash p3'])).toContain('restart p3');
    expect(kinds(['crash p3', 'restart p3']).some((l) => l.startsWith('restart'))).toBe(false);
    const none = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    expect(none.enabled(replayChoices(none, ['crash p3']).state).some((a) => a.kind === 'restart')).toBe(false);
  });

  it('a restarted host joins as p3#2 and is let in; the path replays byte for byte and view draws it', async () => {
    const { scenario, config, file } = shipped('isis-crash-3x0');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, withBudgets(config, { crash: 1, restart: 1 }), false);
    const settled = deliverAll(model, ['crash p3']);
    const choices = deliverAll(model, [...settled, 'restart p3']);
    const outcome = replayChoices(model, choices);
    expect(outcome.stuck).toBeNull();
    const lines = pathTraceLines(model, outcome.state, { timeUnit: 'step' });
    const trace = events(lines);
    expect(trace.find((e) => e.type === 'start' && (e as { node: string }).node === 'p3#2')).toMatchObject({ t: settled.length + 1 });
    // The new incarnation installs a view with the survivors, and so do they.
    const views = trace.filter((e) => e.type === 'view') as unknown as { node: string; view: { members: string[] } }[];
    expect(views.some((v) => v.node === 'p3#2' && v.view.members.includes('p1'))).toBe(true);
    expect(views.some((v) => v.node === 'p1' && v.view.members.includes('p3#2'))).toBe(true);
    expect(trace.every((e) => Number.isInteger(e.t))).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ timeUnit: 'step', exploreConfig: { budgets: { crash: 1, restart: 1 } } });
    expect(checkEvents(trace).ok).toBe(true);
    const replayed = replayExploration(lines, file);
    expect(replayed.difference).toBeNull();
    expect(replayed.identical).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-restart-'));
    const path = join(dir, 'restart.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const viewed = await cliInProcess('view', path);
    expect(viewed.status).toBe(0);
    expect(viewed.stdout).toContain('p3#2');
    const replayedCli = await cliInProcess('replay', path);
    expect(replayedCli.status).toBe(0);
  });
});

describe('explore: message loss (the drop budget)', () => {
  it('a dropped message is lost for good: never delivered later on the path, and liveness fails for want of it', () => {
    const { scenario, config, file } = fixture('keyed-flood-3x1');
    const r = explore(scenario, withBudgets(config, parseBudgetFlag(['loss=1'])));
    expect(r.result).toBe('violated');
    const cex = r.counterexample!;
    const trace = events(cex.lines);
    const drop = trace.find((e) => e.type === 'drop') as unknown as { node: string; from: string; i: number };
    expect(drop).toBeDefined();
    // The receiver never delivers the sender's message after the drop (no later copy exists).
    const later = trace.filter((e) => e.i > drop.i && e.type === 'deliver' && (e as unknown as { node: string; from: string }).node === drop.node);
    expect(later.some((e) => (e as unknown as { from: string }).from === drop.from)).toBe(false);
    expect(r.violation?.property).toBe('delivery-liveness');
    expect(replayExploration(cex.lines, file).identical).toBe(true);
  });
});

describe('explore: replica agreement at terminal states', () => {
  it('live replicas that end with different application states: violated under `replicas`, at a terminal state', () => {
    const { scenario, config } = fixture('keyed-flood-3x1');
    const base = keyedFlood();
    // What every replica delivered agrees at the end (ok); its own name never does.
    const agreeing = { ...base, appDigest: (s: KeyedFloodState) => Object.keys(s.delivered).sort().join(',') };
    expect(explore(scenario, config, { protocol: agreeing }).result).toBe('ok');
    const differing = { ...base, appDigest: (s: KeyedFloodState) => s.self };
    const r = explore(scenario, config, { protocol: differing });
    expect(r.result).toBe('violated');
    expect(r.violation).toMatchObject({ property: 'replicas', liveness: true });
    expect(r.violation?.message).toMatch(/^replicas disagree at the end: p1 holds p1, p2 holds p2$/);
    const lines = r.counterexample!.lines;
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({ type: 'end', quiescent: true });
  });
});

describe('explore: scenarios/explore/isis-restart-3x1.json (one crash and one restart that joins during traffic)', () => {
  it('its budgets and workload are read from the file', () => {
    const { config } = shipped('isis-restart-3x1');
    expect(config.budgets).toMatchObject({ crash: 1, restart: 1, join: 0 });
    expect(config.senders).toEqual(['p3']);
    expect(config.order).toBe('total');
  });

  it('the first 3,000 states hold no violation (the whole space: isis-restart.slow.spec.ts)', () => {
    const { scenario, config } = shipped('isis-restart-3x1');
    const r = explore(scenario, config, { maxStates: 3000 });
    expect(r.result).toBe('unknown');
    expect(r.bound).toBe('maxStates');
    expect(r.violation).toBeNull();
  });

  it('the stale-state-transfer mutant\'s counterexample (found by the slow spec) ends with replicas that disagree, and replays', () => {
    const { scenario, config, file } = shipped('isis-restart-3x1');
    const protocol = staleStateTransfer.factory(scenario.protocol.options ?? {});
    const model = new ExploreModel(protocol, scenario, config, false);
    const choices = [
      'request p3', 'deliver p3>p2 @1', 'crash p1', 'suspect p2 p1', 'deliver p2>p3 @0', 'suspect p3 p1', 'restart p1', 'deliver p1#2>p2 @1',
      'deliver p3>p2 @0', 'deliver p2>p3 @1', 'deliver p3>p2 @1', 'deliver p2>p3 @1', 'deliver p1#2>p3 @0', 'deliver p2>p1#2 @0',
      'deliver p3>p1#2 @0', 'deliver p1#2>p3 @0', 'suspect p1#2 p1',
    ];
    const outcome = replayChoices(model, choices);
    expect(outcome.stuck).toBeNull();
    expect(model.enabled(outcome.state)).toHaveLength(0);
    expect(replicaDisagreement(protocol, outcome.state)).toBe('replicas disagree at the end: p2 holds [["k1",1]], p1#2 holds []');
    const lines = pathTraceLines(model, outcome.state, { timeUnit: 'step' });
    expect(replayExploration(lines, file, { protocolFor: () => protocol }).identical).toBe(true);
    // The protocol itself transfers the map after the flush: on its own path to the same point the replicas agree.
    const real = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const same = replayChoices(real, choices);
    expect(same.stuck === null ? replicaDisagreement(real.protocol, same.state) : null).toBeNull();
  });
});
