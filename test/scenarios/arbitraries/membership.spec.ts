import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { membershipEventArb, membershipPlanArb, scenarioArb } from '../../../scenarios/arbitraries/index.ts';
import { faultScheduleArb } from '../../../scenarios/arbitraries/fault-schedule.ts';
import { allPairs, MEMBERSHIP_EVENTS, pairKey, targetsOf } from '../../../scenarios/membership-plan.ts';
import { PROCESS_ROLES } from '../../../scenarios/types.ts';
import { validateScenario } from '../../../scenarios/validate.ts';

/** Samples per check: generous for 21 pairs / 25 kind x target combinations at uniform odds. */
const SAMPLES = 500;

describe('membership arbitraries', () => {
  it(`draw every kind at every target its kind allows within ${SAMPLES} samples`, () => {
    const seen = new Set(fc.sample(membershipEventArb(), { seed: 1, numRuns: SAMPLES }).map((e) => `${e.kind}@${e.target}`));
    expect(MEMBERSHIP_EVENTS.flatMap((k) => targetsOf(k).map((t) => `${k}@${t}`)).filter((c) => !seen.has(c))).toEqual([]);
  });

  it(`draw every pair of membership events overlapping within ${SAMPLES} samples`, () => {
    const plans = fc.sample(membershipPlanArb({ processes: 5, durationUs: 1_000_000 }), { seed: 2, numRuns: SAMPLES });
    const pairs = new Set(plans.filter((p) => p.overlapping).map((p) => pairKey(p.events[0]!.kind, p.events[1]!.kind)));
    expect([...pairs].sort()).toEqual(allPairs());
    // Some second events fire at a protocol note, after the first event.
    const noted = plans.flatMap((p) => p.schedule).filter((f) => f.at !== undefined);
    expect(noted.length).toBeGreaterThan(SAMPLES / 10);
  });

  it('scenarioArb puts the pair in the scenario: valid, reproducible from a seed', () => {
    const a = fc.sample(scenarioArb({ processes: 5 }), { seed: 3, numRuns: 100 });
    expect(fc.sample(scenarioArb({ processes: 5 }), { seed: 3, numRuns: 100 })).toEqual(a);
    for (const s of a) expect(validateScenario(JSON.parse(JSON.stringify(s)), 'generated')).toEqual(s);
    const isolated = a.flatMap((s) => s.faults?.schedule ?? []).filter((f) => f.type === 'isolate');
    expect(isolated.length).toBeGreaterThan(0);
  });

  it('membership: [] draws no pair; faultScheduleArb aims at roles and fires at notes unless told not to', () => {
    const none = fc.sample(scenarioArb({ processes: 5, membership: [], faultTypes: [] }), { seed: 4, numRuns: 50 });
    for (const s of none) expect(s.faults?.schedule).toEqual([]);
    const schedules = fc.sample(faultScheduleArb({ processes: 5, durationUs: 100_000, maxFaults: 8 }), { seed: 5, numRuns: 200 }).flat();
    const roles: readonly string[] = PROCESS_ROLES;
    expect(schedules.some((f) => 'host' in f && roles.includes(f.host))).toBe(true);
    expect(schedules.some((f) => f.at !== undefined)).toBe(true);
    const plain = fc.sample(faultScheduleArb({ processes: 5, durationUs: 100_000, roles: false, noteTriggers: false }), { seed: 5, numRuns: 200 }).flat();
    expect(plain.some((f) => f.at !== undefined || ('host' in f && roles.includes(f.host)))).toBe(false);
  });
});
