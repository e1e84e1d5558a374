// The hunt-only strike `lagAcrossViewChange/stale-reply-same-size`
// (scenarios/strike-stale-view.ts): a change that keeps the group's size,
// a member's acceptance held back past the next change's begin, and that
// change's accept phase split so the coordinator's side is short of a
// majority by the held-back votes exactly.
import { describe, expect, it } from 'vitest';
import { STALE_REPLY_SAME_SIZE } from '../../scenarios/strike-stale-view.ts';
import { isHuntOnlyVariant, isQuietVariant, situationOf, STRIKE_VARIANTS } from '../../scenarios/strike-variants.ts';
import { drawStrike, type Strike, type StrikeContext } from '../../scenarios/strikes.ts';
import type { ScheduledFault } from '../../scenarios/types.ts';
import { loadScenarioFile, DEFAULT_SUITE_DIR } from '../../sim/scenario-files.ts';
import { addStrike } from '../../sim/hunt/strike-mutation.ts';
import { executeRun } from '../../sim/suite/execute.ts';
import { Rng } from '../../sim/rng.ts';

const ctx: StrikeContext = { processes: 5, durationUs: 1_000_000, suspectTimeoutUs: 60_000, flightUs: 2_000, budget: 2, takenHosts: [], window: [0.1, 0.5] };

function draw(processes: number, seed: string): Strike | null {
  return drawStrike('lagAcrossViewChange', { ...ctx, processes, budget: Math.floor((processes - 1) / 2) }, new Rng(seed), STALE_REPLY_SAME_SIZE);
}

/** The link faults landing at the note `note` (one-way, from -> to, with their loss). */
function linksAt(strike: Strike, note: string): { from: string; to: string; loss: number | undefined }[] {
  const links = strike.schedule.filter((f): f is Extract<ScheduledFault, { type: 'link' }> => f.type === 'link' && f.at?.note === note);
  return links.map((f) => ({ from: f.from, to: f.to, loss: f.lossProbability }));
}

describe('strike: a stale reply after a view of the same size', () => {
  it('is staged by the hunt only, quiet, as a situation of its own', () => {
    expect(STRIKE_VARIANTS.lagAcrossViewChange.find((v) => v.name === STALE_REPLY_SAME_SIZE)?.weight).toBe(0);
    expect(isHuntOnlyVariant('lagAcrossViewChange', STALE_REPLY_SAME_SIZE)).toBe(true);
    expect(isQuietVariant('lagAcrossViewChange', STALE_REPLY_SAME_SIZE)).toBe(true);
    expect(situationOf('lagAcrossViewChange', STALE_REPLY_SAME_SIZE)).not.toBe(situationOf('lagAcrossViewChange', 'sender-crashes'));
  });

  it('in a group of five: p6 joins as p5 leaves, p4 unheard by p1 after its flush reply, {p1, p2} cut from {p3, p4, p6} but p4 -> p1', () => {
    for (let k = 0; k < 20; k++) {
      const strike = draw(5, `five-${k}`)!;
      expect(strike.quiet).toBe(true);
      expect(strike.joins).toHaveLength(1);
      expect(strike.leaves.map((l) => l.host)).toEqual(['p5']);
      // The leave lands within a step of the join: one change for both.
      expect(strike.leaves[0]!.atUs - strike.joins[0]!.atUs).toBeLessThan(1_000);
      const held = strike.schedule.filter((f) => f.type === 'link' && f.at?.note === 'flush-ok');
      expect(held).toHaveLength(1);
      expect(held[0]).toMatchObject({ from: 'p4', to: 'p1', lossProbability: 1, at: { node: 'p4', occurrence: 1 } });
      // Before the accept request's reply goes out: two steps (1 ms each here) after the flush reply.
      expect(held[0]!.at!.delayUs!).toBeLessThan(2_000);
      const split = linksAt(strike, 'view-change-begin');
      expect(split).toHaveLength(2 * 2 * 3);
      for (const a of ['p1', 'p2']) {
        for (const b of ['p3', 'p4', 'p6']) {
          expect(split).toContainEqual({ from: a, to: b, loss: 1 });
          expect(split).toContainEqual({ from: b, to: a, loss: b === 'p4' && a === 'p1' ? 0 : 1 });
        }
      }
      const reset = strike.schedule.find((f) => f.type === 'link-reset')!;
      expect(reset.at).toMatchObject({ note: 'view-change-begin', node: 'p1', occurrence: 2 });
    }
  });

  it.each([5, 6, 7, 8, 9])('in a group of %i: the coordinator\'s side a majority only with the held-back votes, the other side one', (n) => {
    const strike = draw(n, `sides-${n}`)!;
    const majority = Math.floor(n / 2) + 1;
    const split = linksAt(strike, 'view-change-begin');
    const otherSide = new Set(split.filter((l) => l.loss === 1 && l.from === 'p1').map((l) => l.to));
    const coordinatorSide = new Set(split.filter((l) => l.loss === 1 && otherSide.has(l.to)).map((l) => l.from).concat(['p1']));
    const lagging = split.filter((l) => l.loss === 0).map((l) => l.from);
    expect(coordinatorSide.size).toBe(majority - lagging.length);
    expect(otherSide.size).toBeGreaterThanOrEqual(majority);
    expect(coordinatorSide.size + otherSide.size).toBe(n);
    for (const member of lagging) expect(otherSide.has(member)).toBe(true);
  });

  it('does not fit a group of four', () => {
    expect(draw(4, 'four')).toBeNull();
  });

  it('fails the mutant acceptance-any-view and not the real protocol (a uniform seed, the stage cleared)', () => {
    const file = loadScenarioFile(`${DEFAULT_SUITE_DIR}/isis-uniform.json`);
    const added = addStrike(file.forSeed(1), new Rng('stale-view-run'), 'lagAcrossViewChange', STALE_REPLY_SAME_SIZE)!;
    expect(added.quiet).toBe(true);
    const run = (mutant?: string): boolean =>
      executeRun({ index: 0, file: 'x', scenario: added.scenario, seed: 1, stopOnViolation: true, plugins: [], ...(mutant === undefined ? {} : { mutant }) }).result.passed;
    expect(run('acceptance-any-view')).toBe(false);
    expect(run()).toBe(true);
  });
});
