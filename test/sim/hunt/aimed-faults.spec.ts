// Faults aimed at protocol moments: valid, triggered by a known note, undone later, re-aimed one field at a time.
import { describe, expect, it } from 'vitest';
import { addAimedFault, AIMED_FAULTS, reaimFault, triggerNotes } from '../../../sim/hunt/aimed-faults.ts';
import { Rng } from '../../../sim/rng.ts';
import { isValidScenario } from '../../../scenarios/validate.ts';
import { loadScenarios } from '../../../sim/scenario-files.ts';

const base = loadScenarios(['scenarios/isis-member-crash.json'])[0]!.forSeed(1);
const notes = ['flush-ok', 'sequencer-order', 'view-change-begin'];

describe('aimed faults', () => {
  it('take trigger notes from what runs emitted, leaving out notes that name processes', () => {
    expect(triggerNotes(['flush-ok', 'suspect <process>', 'no-majority', 'flush-ok'])).toEqual(['flush-ok', 'no-majority']);
  });

  it('add a valid fault triggered by a known note, undone later when it is not a crash', () => {
    const rng = new Rng('aim');
    const kinds = new Set<string>();
    for (let k = 0; k < 80; k++) {
      const s = structuredClone(base);
      const before = s.faults?.schedule?.length ?? 0;
      const made = addAimedFault(s, notes, rng);
      expect(made).not.toBeNull();
      expect(isValidScenario(made!.scenario)).toBe(true);
      const added = made!.scenario.faults!.schedule!.slice(before);
      kinds.add(made!.what.split(' ')[0]!);
      expect(notes).toContain(added[0]!.at!.note);
      if (added[0]!.type === 'crash') {
        expect(added).toHaveLength(1);
      } else {
        expect(added).toHaveLength(2);
        expect(['heal', 'link-reset']).toContain(added[1]!.type);
        expect(added[1]!.at!.note).toBe(added[0]!.at!.note);
        expect(added[1]!.at!.delayUs!).toBeGreaterThan(added[0]!.at!.delayUs!);
      }
    }
    expect([...kinds].sort()).toEqual([...AIMED_FAULTS].sort());
  });

  it('aim mostly at the notes the parent run emitted, at an occurrence it reached', () => {
    const rng = new Rng('counts');
    let fromParent = 0;
    for (let k = 0; k < 100; k++) {
      const s = structuredClone(base);
      const before = s.faults?.schedule?.length ?? 0;
      const at = addAimedFault(s, notes, rng, { 'flush-begin': 10 })!.scenario.faults!.schedule![before]!.at!;
      if (at.note !== 'flush-begin') continue;
      fromParent++;
      // flush-begin is not among the known notes: it can only come from the parent's counts.
      const reached = at.node === 'any' ? 10 : Math.ceil(10 / base.processes);
      expect(at.occurrence!).toBeGreaterThanOrEqual(1);
      expect(at.occurrence!).toBeLessThanOrEqual(reached);
      expect(at.afterUs).toBeUndefined();
    }
    expect(fromParent).toBeGreaterThan(60);
  });

  it('need a note to aim at', () => {
    expect(addAimedFault(structuredClone(base), [], new Rng('x'))).toBeNull();
  });

  it('re-aim a timed fault at a note, and an aimed one in one field', () => {
    const rng = new Rng('reaim');
    const timed = structuredClone(base);
    expect(timed.faults!.schedule!.some((f) => f.atUs !== undefined)).toBe(true);
    const made = reaimFault(timed, notes, rng)!;
    expect(isValidScenario(made.scenario)).toBe(true);
    const aimed = made.scenario.faults!.schedule!.filter((f) => f.at !== undefined);
    expect(aimed).toHaveLength(1);
    expect(aimed[0]!.atUs).toBeUndefined();
    for (let k = 0; k < 20; k++) {
      const s = structuredClone(made.scenario);
      const before = s.faults!.schedule!.find((f) => f.at !== undefined)!.at!;
      const again = reaimFault(s, notes, rng)!.scenario.faults!.schedule!;
      const changed = again.map((f) => f.at).filter((a) => a !== undefined);
      const diff = changed.map((a) => ['note', 'node', 'occurrence', 'delayUs', 'afterUs'].filter((f) => (a as unknown as Record<string, unknown>)[f] !== (before as unknown as Record<string, unknown>)[f]).length);
      // Either this fault moved in at most one field, or another fault was re-aimed from its time.
      expect(diff.every((d) => d <= 1) || changed.length > 1).toBe(true);
    }
  });
});
