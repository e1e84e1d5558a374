// The shrinker's later-start pass: the first multicasts dropped (a later
// `workload.startUs`), the last ones kept at their times, so a race at the
// end of the run survives on the same seed.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { failsSameWay, shrinkScenario } from '../../sim/shrink.ts';
import { laterStarts } from '../../sim/shrink-candidates.ts';
import { withDuration, withEventsSooner } from '../../sim/shrink-time.ts';
import { isValidScenario } from '../../scenarios/validate.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario, lossyFloodScenario } from '../fixtures/scenario.ts';

const protocol = floodProtocol();

describe('later starts', () => {
  const s = baseScenario();
  const result = runScenario(s, { seed: '1', protocol });
  const times = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120];

  it('keep the last few multicasts before the violation, fewest first, each from the time the first kept one was issued', () => {
    const starts = laterStarts(s, { result, violationAtUs: 95, multicastFloor: -1, multicastTimesUs: times });
    // 9 multicasts by the violation at 95 us: keep 2, 4 (a quarter, and halfway from no floor), 5, 6 (three quarters), 8.
    expect(starts).toEqual([
      { startUs: 80, keep: 2 }, { startUs: 60, keep: 4 }, { startUs: 50, keep: 5 },
      { startUs: 40, keep: 6 }, { startUs: 20, keep: 8 },
    ]);
  });

  it('keep more than the most that lost, and start after the current start', () => {
    const floor = laterStarts(s, { result, violationAtUs: 95, multicastFloor: -1, multicastTimesUs: times, startFloor: 4 });
    expect(floor.map((l) => l.keep)).toEqual([5, 6, 7, 8]);
    const started = laterStarts({ ...s, workload: { ...s.workload, startUs: 50 } }, { result, violationAtUs: 95, multicastFloor: -1, multicastTimesUs: times });
    expect(started.every((l) => l.startUs > 50)).toBe(true);
    expect(laterStarts(s, { result, violationAtUs: 95, multicastFloor: -1 })).toEqual([]);
  });

  it('stay valid when the fault phase is cut or the events move sooner', () => {
    const late = { ...s, workload: { ...s.workload, startUs: 600_000 } };
    expect(withDuration(late, 400_000).workload.startUs).toBe(400_000);
    expect(isValidScenario(withDuration(late, 400_000))).toBe(true);
    const timed = { ...late, faults: { schedule: [{ type: 'crash' as const, host: 'p3', atUs: 700_000 }] } };
    const sooner = withEventsSooner(timed, 650_000);
    expect(sooner.workload.startUs).toBe(0);
    expect(isValidScenario(sooner)).toBe(true);
    expect(withEventsSooner(timed, 100_000).workload.startUs).toBe(500_000);
  });
});

describe('shrinking with a later start', () => {
  // On seed 6 the search without a later start ends at 2 hosts and 8 multicasts (on that seed alone).
  const failing = lossyFloodScenario();
  const kept: string[] = [];
  const outcome = shrinkScenario(failing, { seed: '6', protocol, otherSeeds: 0, onAttempt: (_n, ok, what) => { if (ok) kept.push(what); } });
  const without = shrinkScenario(failing, { seed: '6', protocol, otherSeeds: 0, laterStart: false });

  it('goes on from where the search without it stopped, to fewer multicasts on the same seed', () => {
    expect(without.after).toMatchObject({ processes: 2, multicasts: 8 });
    expect(outcome.after.processes).toBe(2);
    expect(outcome.after.multicasts).toBeLessThan(without.after.multicasts);
    expect(outcome.shrunk.workload.startUs).toBeGreaterThan(0);
    // The later starts come after every other pass has converged.
    const firstStart = kept.findIndex((w) => w.startsWith('multicasts from '));
    expect(firstStart).toBeGreaterThan(0);
    expect(kept.slice(0, firstStart)).toEqual(kept.slice(0, firstStart).filter((w) => !w.includes('multicasts from')));
    expect(outcome.boundHit).toBe(false);
    const again = runScenario(outcome.shrunk, { seed: outcome.seed, protocol });
    expect(failsSameWay(again, outcome.target)).toBe(true);
    expect(again.multicasts).toBe(outcome.after.multicasts);
  });

  it('never sets a start with laterStart false', () => {
    expect(without.shrunk.workload.startUs).toBeUndefined();
  });
});
