// The explorer's join budget: a new process (p3 after p1, p2) starts at any
// point and asks the live processes to let it in, on the full ISIS stack
// (join, flush, state transfer).
import { describe, expect, it } from 'vitest';
import { checkEvents } from '../../../checkers/index.ts';
import { explore, withBudgets } from '../../../sim/explore/index.ts';
import { replayExploration } from '../../../sim/explore/replay-exploration.ts';
import type { TraceEvent } from '../../../traces/schema.ts';
import type { Scenario } from '../../../scenarios/types.ts';
import { shipped } from './helpers.ts';

// Two members: the shipped file's timed crash of p3 names a host that no
// longer exists (the explorer ignores timed faults; the validator does not).
const twoMembers = (scenario: Scenario): Scenario => ({ ...scenario, processes: 2, faults: { ...scenario.faults, schedule: [] } });

describe('explore: joins', () => {
  it('ISIS, 2 members and 1 joiner during traffic (1 multicast each): exhausted ok at a pinned state count', () => {
    const { scenario, config } = shipped('isis-crash-3x1');
    const r = explore(twoMembers(scenario), withBudgets(config, { crash: 0, join: 1 }), { por: true });
    expect(r.result).toBe('ok');
    expect(r.bound).toBeNull();
    expect(r.states).toBe(4075);
  });

  it('with a crash too, a minority cannot let the joiner in: a counterexample that replays byte for byte', () => {
    const { scenario, config, file } = shipped('isis-crash-3x1');
    const r = explore(twoMembers(scenario), withBudgets(config, { crash: 1, join: 1 }), { por: true });
    expect(r.result).toBe('violated');
    const cex = r.counterexample!;
    expect(cex.choices).toContain('join p3');
    expect(cex.choices).toContain('crash p2');
    const events = cex.lines.slice(1).map((l) => JSON.parse(l) as TraceEvent);
    // Integer `t`: the step number.
    expect(events.every((e) => Number.isInteger(e.t))).toBe(true);
    expect(events.some((e) => e.type === 'start' && (e as { node: string }).node === 'p3')).toBe(true);
    expect(checkEvents(events).ok).toBe(false);
    const replayed = replayExploration(cex.lines, file);
    expect(replayed.difference).toBeNull();
    expect(replayed.identical).toBe(true);
  });
});
