import { describe, expect, it } from 'vitest';
import { checkEvents } from '../../../checkers/index.ts';
import { explore, withBudgets } from '../../../sim/explore/index.ts';
import { replayExploration } from '../../../sim/explore/replay-exploration.ts';
import type { TraceEvent } from '../../../traces/schema.ts';
import type { NodeContext } from '../../../protocol/types.ts';
import { keyedFlood, type KeyedFloodState } from './fixtures/keyed-flood.ts';
import { fixture, shipped } from './helpers.ts';

const eventsOf = (lines: readonly string[]): TraceEvent[] => lines.slice(1).map((l) => JSON.parse(l) as TraceEvent);

describe('explore: the CBCAST layer alone', () => {
  it('exhausts cbcast-3x1 with ok, at a pinned state count (a tripwire)', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const r = explore(scenario, config);
    expect(r.result).toBe('ok');
    expect(r.bound).toBeNull();
    // 509 states, 1,239 transitions and 19 terminal states before settled messages left the histories (session 6).
    expect(r.states).toBe(431);
    expect(r.transitions).toBe(1161);
    expect(r.depth).toBe(9);
    expect(r.terminalStates).toBe(1);
  });

  it('DFS visits the same states as BFS', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const r = explore(scenario, config, { strategy: 'dfs' });
    expect(r.result).toBe('ok');
    expect(r.states).toBe(431);
  });

  it('--por gives the same verdict with fewer states', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const r = explore(scenario, config, { por: true });
    expect(r.result).toBe('ok');
    // 336 and 19 with the settled messages kept in the histories (before session 6).
    expect(r.states).toBe(281);
    expect(r.terminalStates).toBe(1);
  });

  it('--symmetry merges renamed CBCAST states (its permute hooks move vectors with ranks) and stays ok', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const r = explore(scenario, config, { symmetry: true });
    expect(r.result).toBe('ok');
    // 98 before settled messages left the histories (session 6).
    expect(r.states).toBe(84);
  });

  it('the shipped 3x2 reference configuration is the same protocol with 2 multicasts each', () => {
    const { scenario, config } = shipped('cbcast-3x2');
    expect(scenario.protocol).toEqual({ name: 'isis-cbcast-static', options: { reliableNetwork: true } });
    expect(config.multicastsPerProcess).toBe(2);
    expect(config.receiptsSend).toBe(false);
    // Exhausting it takes about a minute (bench/explore/run.sh); a bounded run must say unknown.
    const r = explore(scenario, config, { maxStates: 2000 });
    expect(r.result).toBe('unknown');
    expect(r.bound).toBe('maxStates');
    expect(r.states).toBe(2000);
  });
});

describe('explore: a broken CBCAST', () => {
  it('is violated, with a shortest counterexample that replays and that the checkers flag', () => {
    const { scenario, config, file } = fixture('broken-cbcast-3x2');
    const r = explore(scenario, config);
    expect(r.result).toBe('violated');
    expect(r.violation?.property).toBe('causal-order');
    const cex = r.counterexample!;
    // p1 multicasts, p2 delivers it and multicasts, p3 delivers p2's first.
    expect(cex.choices).toEqual(['request p1', 'deliver p1>p2 @0', 'request p2', 'deliver p2>p3 @2']);
    const header = JSON.parse(cex.lines[0]!) as Record<string, unknown>;
    expect(header.exploreChoices).toEqual(cex.choices);
    expect(header.scenarioSpec).toEqual(scenario);
    const verdict = checkEvents(eventsOf(cex.lines));
    expect(verdict.ok).toBe(false);
    expect(verdict.violations.map((v) => v.property)).toContain('causal-order');
    const replayed = replayExploration(cex.lines, file);
    expect(replayed.identical).toBe(true);
    expect(replayed.difference).toBeNull();
    expect(replayed.result.passed).toBe(false);
    expect(replayed.result.failure).toContain('causal-order');
  });

  it('a tampered counterexample does not replay identically', () => {
    const { scenario, config, file } = fixture('broken-cbcast-3x2');
    const cex = explore(scenario, config).counterexample!;
    const header = JSON.parse(cex.lines[0]!) as Record<string, unknown>;
    const choices = [...(header.exploreChoices as string[])];
    choices[3] = 'deliver p1>p3 @0';
    const tampered = [JSON.stringify({ ...header, exploreChoices: choices }), ...cex.lines.slice(1)];
    const replayed = replayExploration(tampered, file);
    expect(replayed.identical).toBe(false);
    expect(replayed.difference?.line).toBeGreaterThan(1);
    choices[3] = 'deliver p9>p3 @0';
    const stuck = replayExploration([JSON.stringify({ ...header, exploreChoices: choices }), ...cex.lines.slice(1)], file);
    expect(stuck.identical).toBe(false);
    expect(stuck.difference?.actual).toContain('is not enabled at step 4');
  });

  it('is violated under DFS, --por and --symmetry too', () => {
    const { scenario, config } = fixture('broken-cbcast-3x2');
    for (const options of [{ strategy: 'dfs' as const }, { por: true }, { symmetry: true }, { por: true, symmetry: true }]) {
      const r = explore(scenario, config, options);
      expect(r.result, JSON.stringify(options)).toBe('violated');
      expect(r.violation?.property).toBe('causal-order');
      expect(checkEvents(eventsOf(r.counterexample!.lines)).ok).toBe(false);
    }
  });
});

describe('explore: symmetry and partial-order reduction on a pid-keyed protocol', () => {
  it('ok with fewer states under each reduction', () => {
    const { scenario, config } = fixture('keyed-flood-3x1');
    const counts = [{}, { symmetry: true }, { por: true }, { por: true, symmetry: true }].map((options) => {
      const r = explore(scenario, config, options);
      expect(r.result).toBe('ok');
      return r.states;
    });
    // [605, 114, 358, 82] with the settled messages kept in the histories (before session 6);
    // --por --symmetry 47 before its ties were broken by canonical rank (session 8, por.ts).
    expect(counts).toEqual([305, 61, 199, 45]);
  });

  it('violated (fifo-order) under each reduction', () => {
    const { scenario, config } = fixture('keyed-flood-3x2');
    for (const options of [{}, { symmetry: true }, { por: true }, { por: true, symmetry: true }, { strategy: 'dfs' as const, por: true, symmetry: true }]) {
      const r = explore(scenario, config, options);
      expect(r.result, JSON.stringify(options)).toBe('violated');
      expect(r.violation?.property).toBe('fifo-order');
    }
  });
});

describe('explore: membership (the full ISIS stack, external perfect failure detector)', () => {
  it('3 processes, 1 crash anywhere: ok within the default bounds', () => {
    const { scenario, config } = shipped('isis-crash-3x0');
    expect(config.budgets.crash).toBe(1);
    expect(config.failureDetector).toBe('perfect');
    const r = explore(scenario, config);
    expect(r.result).toBe('ok');
    expect(r.states).toBe(46);
    expect(r.terminalStates).toBe(6);
  });

  it('without the crash budget the group never changes view', () => {
    const { scenario, config } = shipped('isis-crash-3x0');
    const r = explore(scenario, withBudgets(config, { crash: 0 }));
    expect(r.result).toBe('ok');
    expect(r.states).toBe(1);
  });
});

describe('explore: fault budgets and liveness at terminal states', () => {
  it('a protocol without retransmission loses liveness to one drop, one cut or one crash', () => {
    const { scenario, config } = fixture('keyed-flood-3x1');
    const drop = explore(scenario, withBudgets(config, { drop: 1 }));
    expect(drop.result).toBe('violated');
    expect(drop.violation).toMatchObject({ property: 'delivery-liveness', liveness: true });
    expect(drop.counterexample!.choices.filter((c) => c.startsWith('drop '))).toHaveLength(1);
    const lines = drop.counterexample!.lines;
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({ type: 'end', quiescent: true });
    expect(checkEvents(eventsOf(lines)).violations.map((v) => v.property)).toContain('delivery-liveness');

    const cut = explore(scenario, withBudgets(config, { partition: 1 }));
    expect(cut.violation?.property).toBe('delivery-liveness');
    expect(cut.counterexample!.choices.slice(-2)).toEqual(['partition p1,p2|p3', 'heal']);

    const crash = explore(scenario, withBudgets(config, { crash: 1 }));
    expect(crash.violation?.property).toBe('view-convergence');
  });

  it('ISIS survives one false suspicion (unreliable detector)', () => {
    const { scenario, config } = shipped('isis-crash-3x0');
    const r = explore(scenario, { ...withBudgets(config, { crash: 0, suspicion: 1 }), failureDetector: 'unreliable' });
    expect(r.result).toBe('ok');
    expect(r.states).toBe(28);
  });
});

describe('explore: bounds and declarations', () => {
  it('a depth bound gives unknown, naming it', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const r = explore(scenario, config, { maxDepth: 3 });
    expect(r.result).toBe('unknown');
    expect(r.bound).toBe('maxDepth');
    expect(r.depth).toBe(3);
  });

  it('a bound on messages in flight gives unknown', () => {
    const { scenario, config } = fixture('cbcast-3x1');
    const r = explore(scenario, { ...config, maxInFlight: 3 });
    expect(r.result).toBe('unknown');
    expect(r.bound).toBe('maxInFlight');
  });

  it('a false receiptsSend declaration is caught when a receipt sends', () => {
    const { scenario, config } = shipped('isis-crash-3x1');
    expect(() => explore(scenario, { ...config, receiptsSend: false })).toThrow(/explore.receiptsSend is false/);
  });

  it('a protocol that throws is reported with the path that made it throw', () => {
    const { scenario, config } = fixture('keyed-flood-3x1');
    const base = keyedFlood();
    const throwing = {
      ...base,
      onMessage: (state: KeyedFloodState, from: string, msg: { id: string; from: string }, ctx: NodeContext) => {
        if (ctx.self === 'p3') throw new Error('boom');
        return base.onMessage(state, from, msg, ctx);
      },
    };
    expect(() => explore(scenario, config, { protocol: throwing })).toThrow(
      'p3\'s message handler threw at trace event 8 (step 2): boom (path: ["request p1","deliver p1>p3 @1"])',
    );
  });

  it('is deterministic: the same input gives the same counts and counterexample bytes', () => {
    const { scenario, config } = fixture('broken-cbcast-3x2');
    const a = explore(scenario, config, { strategy: 'dfs' });
    const b = explore(scenario, config, { strategy: 'dfs' });
    expect(a.states).toBe(b.states);
    expect(a.counterexample!.lines).toEqual(b.counterexample!.lines);
  });
});
