// Property tests of the ISIS stack over generated scenarios: the way a user
// property-tests a protocol change. fast-check draws network settings,
// workloads (joins and leaves included) and fault schedules; a failure is
// shrunk by fast-check and replayed with its printed seed and path.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { scenarioArb } from '../../scenarios/arbitraries/index.ts';
import { runScenario } from '../../sim/run.ts';

// No seed of its own: test/fast-check-seed.ts sets one for npm test, and
// VSYNCLAB_FC_SEED=random (or =N) draws other cases, as README says.
const settings = { numRuns: 12 };

describe('the ISIS stack on generated scenarios', () => {
  test.prop([scenarioArb({ processes: 5, durationUs: 500_000, settleUs: 4_000_000 }), fc.nat(1000)], settings)(
    'keeps virtual synchrony and every other property, and replicas agree',
    (scenario, seed) => {
      const result = runScenario(scenario, { seed: String(seed) });
      expect(result.violations).toEqual([]);
      expect(result.error).toBeNull();
      expect(result.quiescent).toBe(true);
      expect(result.replicasAgree).not.toBe(false);
      expect(result.passed).toBe(true);
    },
  );

  test.prop([scenarioArb({ processes: 5, durationUs: 400_000, settleUs: 2_000_000, keepMajority: false, maxFaults: 8 }), fc.nat(1000)], settings)(
    'keeps every safety property under any faults, even when the primary partition is lost',
    (scenario, seed) => {
      const result = runScenario(scenario, { seed: String(seed) });
      const safety = result.violations.filter((v) => v.property !== 'view-convergence' && v.property !== 'delivery-liveness');
      expect(safety).toEqual([]);
      expect(result.error).toBeNull();
    },
  );

  test.prop([scenarioArb({ processes: 3, durationUs: 300_000, settleUs: 3_000_000, faultTypes: ['partition', 'heal', 'link'] })], settings)(
    'a 3-process group survives partitions and slow links',
    (scenario) => {
      const result = runScenario(scenario, { seed: '1' });
      expect(result.violations).toEqual([]);
      expect(result.passed).toBe(true);
    },
  );

  test.prop([scenarioArb({ processes: 4, durationUs: 300_000, faultTypes: [], protocol: { name: 'isis' } })], settings)(
    'is not vacuous: without faults every multicast is delivered by every member',
    (scenario) => {
      const result = runScenario(scenario, { seed: '2' });
      expect(result.passed).toBe(true);
      expect(result.multicasts).toBeGreaterThan(0);
      expect(result.deliveries).toBeGreaterThanOrEqual(result.multicasts);
    },
  );
});
