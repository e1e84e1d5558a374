// A scenario that could only end by hitting limits.maxEvents is refused up
// front, with the limit in the message.
import { describe, expect, it } from 'vitest';
import { checkRunBounds, DEFAULT_LIMITS, MAX_RUN_US } from '../../scenarios/run-bounds.ts';
import { FieldProblems } from '../../scenarios/fields.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const problems = (s: Scenario): string[] => {
  const f = new FieldProblems();
  checkRunBounds(f, s);
  return f.problems;
};

describe('checkRunBounds', () => {
  it('accepts an ordinary scenario', () => {
    expect(problems(baseScenario())).toEqual([]);
  });

  it('refuses a run longer than MAX_RUN_US, saying the limit', () => {
    expect(problems(baseScenario({ durationUs: 9e15 }))).toEqual([
      `durationUs: expected durationUs + settleUs at most ${MAX_RUN_US} us (about 101 days simulated; simulated time must stay an exact integer), got 9000000000000000`,
    ]);
    expect(problems(baseScenario({ durationUs: MAX_RUN_US - 10, settleUs: 11 }))[0]).toMatch(/^settleUs: expected durationUs \+ settleUs at most/);
  });

  it('refuses a workload with more multicasts than maxEvents, unless maxMulticasts caps it', () => {
    const s = baseScenario({ durationUs: 60_000_000_000 }); // 100 multicasts/s for 60,000 s: 6 M
    expect(problems(s)[0]).toContain(`durationUs: expected a fault phase that fits limits.maxEvents (${DEFAULT_LIMITS.maxEvents} events, the default)`);
    expect(problems(baseScenario({ durationUs: 60_000_000_000, workload: { ...s.workload, maxMulticasts: 1000 }, faults: {} }))).toEqual([]);
    expect(problems(baseScenario({ limits: { maxEvents: 10 } }))[0]).toContain('limits.maxEvents (10 events)');
  });

  it('refuses random faults and quiet checks that need more events than maxEvents', () => {
    const random = problems(baseScenario({ limits: { maxEvents: 1000 }, workload: { ...baseScenario().workload, maxMulticasts: 1 },
      faults: { random: { meanIntervalUs: 10, kinds: { crash: 1 } } } }));
    expect(random).toHaveLength(1);
    expect(random[0]).toMatch(/^faults\.random\.meanIntervalUs: expected a mean interval that fits limits\.maxEvents \(1000 events\)/);
    const quiet = problems(baseScenario({ settleUs: 1_000_000, quietWindowUs: 1, limits: { maxEvents: 1000 }, workload: { ...baseScenario().workload, maxMulticasts: 1 } }));
    expect(quiet).toEqual([expect.stringMatching(/^settleUs: expected a settle phase that fits/)]);
  });
});
