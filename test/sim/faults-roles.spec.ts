// Note-triggered faults aimed at roles (BUGGIFY-style): each fires at the
// note it names, emitted by the process holding the role, and hits the
// process the role names when it fires.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import type { Scenario, ScheduledFault } from '../../scenarios/types.ts';
import { validateScenario } from '../../scenarios/validate.ts';

interface Line { type: string; t: number; node?: string; text?: string; groups?: string[][]; view?: { id: number; members: string[] } }

function isis(schedule: ScheduledFault[], extra: Partial<Scenario> = {}): Scenario {
  return validateScenario(JSON.parse(JSON.stringify({
    name: 'roles',
    description: 'role-targeted faults',
    processes: 5,
    protocol: { name: 'isis' },
    network: { delay: { minUs: 200, meanUs: 1000, jitterUs: 300 }, lossProbability: 0, duplicateProbability: 0 },
    workload: { multicastsPerSecond: 300, orders: { fifo: 1, causal: 1, total: 2 } },
    faults: { schedule },
    durationUs: 600_000,
    settleUs: 3_000_000,
    seeds: [1],
    ...extra,
  })), 'roles');
}

function run(s: Scenario, seed = '1'): { lines: Line[]; passed: boolean; failure: string | null } {
  const sink = new MemoryTraceSink();
  const result = runScenario(s, { seed, traceSink: sink });
  return { lines: sink.lines.slice(1).map((l) => JSON.parse(l) as Line), passed: result.passed, failure: result.failure };
}

const notesOf = (lines: Line[], text: string, node?: string, afterUs = 0): Line[] =>
  lines.filter((l) => l.type === 'note' && l.text === text && (node === undefined || l.node === node) && l.t >= afterUs);

describe('note-triggered faults aimed at roles', () => {
  it('crashes the coordinator at its own flush-begin, after a member crash started a view change', () => {
    const { lines, passed, failure } = run(isis([
      { type: 'crash', host: 'p5', atUs: 100_000 },
      { type: 'crash', host: 'coordinator', at: { note: 'flush-begin', node: 'coordinator', afterUs: 100_000, delayUs: 50 } },
    ]));
    const trigger = notesOf(lines, 'flush-begin', 'p1', 100_000)[0]!;
    const crashes = lines.filter((l) => l.type === 'crash');
    expect(crashes.map((c) => c.node)).toEqual(['p5', 'p1']);
    expect(crashes[1]!.t).toBe(trigger.t + 50);
    expect(failure).toBeNull();
    expect(passed).toBe(true);
  });

  it('crashes the sequencer at its third sequencer-order note', () => {
    const { lines, passed } = run(isis([{ type: 'crash', host: 'sequencer', at: { note: 'sequencer-order', node: 'sequencer', occurrence: 3 } }]));
    const third = notesOf(lines, 'sequencer-order', 'p1')[2]!;
    expect(lines.filter((l) => l.type === 'crash')).toEqual([expect.objectContaining({ node: 'p1', t: third.t })]);
    expect(passed).toBe(true);
  });

  it('isolates the state-transfer provider when it begins the flush that admits a joiner', () => {
    const { lines, passed } = run(isis(
      [{ type: 'isolate', host: 'provider', at: { note: 'flush-begin', node: 'provider' } }, { type: 'heal', atUs: 450_000 }],
      { workload: { multicastsPerSecond: 300, orders: { fifo: 1, causal: 1, total: 2 }, joins: [{ atUs: 200_000 }] } },
    ));
    const trigger = notesOf(lines, 'flush-begin', 'p1', 200_000)[0]!;
    const cut = lines.find((l) => l.type === 'partition')!;
    expect(cut.t).toBe(trigger.t);
    expect(cut.groups).toContainEqual(['p1']);
    expect(cut.groups!.find((g) => g.includes('p2'))).toEqual(expect.arrayContaining(['p2', 'p3', 'p4', 'p5']));
    // The joiner is on the connected side, not cut off alone.
    expect(cut.groups!.some((g) => g.includes('p6') && g.length > 1) || !cut.groups!.flat().includes('p6')).toBe(true);
    expect(passed).toBe(true);
  });

  it('crashes a leaver at its flush-ok, and a joiner at its first flush-begin', () => {
    const { lines, passed } = run(isis(
      [
        { type: 'crash', host: 'leaver', at: { note: 'flush-ok', node: 'leaver' } },
        { type: 'crash', host: 'joiner', at: { note: 'flush-begin', node: 'joiner', afterUs: 300_000 } },
      ],
      { workload: { multicastsPerSecond: 300, orders: { fifo: 1, causal: 1, total: 2 }, leaves: [{ atUs: 100_000, host: 'p4' }], joins: [{ atUs: 250_000 }] } },
    ));
    const leaverOk = notesOf(lines, 'flush-ok', 'p4', 100_000)[0]!;
    const crashes = lines.filter((l) => l.type === 'crash');
    expect(crashes[0]).toMatchObject({ node: 'p4', t: leaverOk.t });
    const joinerFlush = notesOf(lines, 'flush-begin', 'p6', 300_000)[0];
    if (joinerFlush !== undefined) expect(crashes[1]).toMatchObject({ node: 'p6', t: joinerFlush.t });
    expect(passed).toBe(true);
  });

  it('a note emitted by a process not holding the role does not count', () => {
    // p2 never coordinates here, so a trigger on the coordinator's note ignores p2's flush-begin notes.
    const { lines } = run(isis([
      { type: 'crash', host: 'p5', atUs: 100_000 },
      { type: 'isolate', host: 'p3', at: { note: 'flush-begin', node: 'p2', afterUs: 100_000 } },
      { type: 'heal', atUs: 500_000 },
    ]));
    const p2 = notesOf(lines, 'flush-begin', 'p2', 100_000)[0]!;
    expect(lines.find((l) => l.type === 'partition')!.t).toBe(p2.t);
    expect(notesOf(lines, 'flush-begin', 'p1', 100_000)[0]!.t).not.toBe(p2.t + 1);
  });

  it('a role whose holder is dead names nobody: restarting the crashed sequencer before the view change does nothing', () => {
    const { lines } = run(isis([{ type: 'crash', host: 'p1', atUs: 100_000 }, { type: 'restart', host: 'sequencer', atUs: 110_000 }, { type: 'restart', host: 'coordinator', atUs: 120_000 }]));
    const starts = lines.filter((l) => l.type === 'start' && l.t > 0);
    // The coordinator role moved to p2 at once (first live member); the sequencer stays the dead p1 until view 2.
    expect(starts.map((l) => [l.node, l.t])).toEqual([['p2#2', 120_000]]);
  });

  it('the same scenario and seed give the same trace', () => {
    const s = isis([{ type: 'restart', host: 'coordinator', at: { note: 'view-change-begin', node: 'any' } }, { type: 'crash', host: 'p5', atUs: 50_000 }]);
    const a = new MemoryTraceSink();
    const b = new MemoryTraceSink();
    runScenario(s, { seed: '3', traceSink: a });
    runScenario(s, { seed: '3', traceSink: b });
    expect(a.lines.join('\n')).toBe(b.lines.join('\n'));
  });
});
