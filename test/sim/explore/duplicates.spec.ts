// The explorer's duplication budget: a copy of an in-flight message joins
// those in flight. A protocol that delivers every copy it receives breaks
// no-duplication only when the budget allows a duplicate.
import { describe, expect, it } from 'vitest';
import { explore, withBudgets } from '../../../sim/explore/index.ts';
import { replayExploration } from '../../../sim/explore/replay-exploration.ts';
import type { NodeContext } from '../../../protocol/types.ts';
import { keyedFlood, type KeyedFloodState } from './fixtures/keyed-flood.ts';
import { fixture } from './helpers.ts';

/** keyedFlood without its duplicate check: every received copy is delivered. */
function deliversEveryCopy() {
  const base = keyedFlood();
  return {
    ...base,
    onMessage: (state: KeyedFloodState, _from: string, msg: { id: string; from: string }, _ctx: NodeContext) => ({
      state,
      effects: [{ kind: 'observe' as const, observation: { type: 'deliver' as const, msg: msg.id, from: msg.from, view: 1 } }],
    }),
  };
}

describe('explore: message duplication', () => {
  it('is not explored without a budget (and the pinned counts stay)', () => {
    const { scenario, config } = fixture('keyed-flood-3x1');
    const r = explore(scenario, config, { protocol: deliversEveryCopy() });
    expect(r.result).toBe('ok');
  });

  it('with duplicates: 1 finds the repeat delivery, and the counterexample replays byte for byte', () => {
    const { scenario, config, file } = fixture('keyed-flood-3x1');
    const protocol = deliversEveryCopy();
    const r = explore(scenario, withBudgets(config, { duplicate: 1 }), { protocol });
    expect(r.result).toBe('violated');
    expect(r.violation?.property).toBe('no-duplication');
    const cex = r.counterexample!;
    expect(cex.choices.some((c) => c.startsWith('duplicate '))).toBe(true);
    const header = JSON.parse(cex.lines[0]!) as { exploreConfig: { budgets: { duplicate: number } }; timeUnit?: string };
    expect(header.exploreConfig.budgets.duplicate).toBe(1);
    // The header says `t` counts steps.
    expect(header.timeUnit).toBe('step');
    expect(cex.lines.some((l) => l.includes('"type":"duplicate"'))).toBe(true);
    const replayed = replayExploration(cex.lines, file, { protocolFor: () => protocol });
    expect(replayed.difference).toBeNull();
    expect(replayed.identical).toBe(true);
  });

  it('a counterexample written with the older separate budget fields (`duplicates: 1`) still replays byte for byte', () => {
    const { scenario, config, file } = fixture('keyed-flood-3x1');
    const protocol = deliversEveryCopy();
    const r = explore(scenario, withBudgets(config, { duplicate: 1 }), { protocol });
    const header = JSON.parse(r.counterexample!.lines[0]!) as Record<string, unknown>;
    // What such a header looked like: the budgets as separate fields.
    const old = { ...header, exploreConfig: { multicastsPerProcess: config.multicastsPerProcess, order: config.order, failureDetector: config.failureDetector, crashes: 0, partitions: 0, drops: 0, suspicions: 0, duplicates: 1, receiptsSend: config.receiptsSend, maxInFlight: config.maxInFlight } };
    const lines = [JSON.stringify(old), ...r.counterexample!.lines.slice(1)];
    const replayed = replayExploration(lines, file, { protocolFor: () => protocol });
    expect(replayed.difference).toBeNull();
    expect(replayed.identical).toBe(true);
    // And a budget the path needs but the old header lacks makes it diverge (the header is read, not ignored).
    const without = [JSON.stringify({ ...old, exploreConfig: { ...old.exploreConfig, duplicates: 0 } }), ...lines.slice(1)];
    expect(replayExploration(without, file, { protocolFor: () => protocol }).identical).toBe(false);
  });
});
