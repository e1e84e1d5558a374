// The configurations the sleep-set specs explore with and without sleep
// sets: every explore config small enough for `npm test` (fixtures, the
// shipped isis-crash-3x0, and the fault budgets the other explore specs
// pin), plus the full stack with timers and with receipts that send, cut
// by a depth bound (the first levels of a space too big to exhaust).
import { withBudgets, type ExploreConfig, type ExploreOptions } from '../../../sim/explore/index.ts';
import type { Scenario } from '../../../scenarios/types.ts';
import { fixture, shipped } from './helpers.ts';

export interface SleepCase {
  name: string;
  scenario: Scenario;
  config: ExploreConfig;
  options: ExploreOptions;
}

/** The shipped file's timed crash of p3 names a host a two-member group lacks (the explorer ignores timed faults; the validator does not). */
const twoMembers = (scenario: Scenario): Scenario => ({ ...scenario, processes: 2, faults: { ...scenario.faults, schedule: [] } });

/** The full ISIS stack over a network that may lose: acknowledgements, retransmission and stability timers. */
export function withTimers(scenario: Scenario): Scenario {
  const protocol = scenario.protocol as { name: string; options?: Record<string, unknown> };
  return { ...scenario, protocol: { ...protocol, options: { ...protocol.options, reliableNetwork: false } } } as Scenario;
}

export function smallCases(): SleepCase[] {
  const flood = fixture('keyed-flood-3x1');
  const crash0 = shipped('isis-crash-3x0');
  const crash1 = shipped('isis-crash-3x1');
  const at = (name: string, f: { scenario: Scenario; config: ExploreConfig }, options: ExploreOptions = {}): SleepCase => ({ name, scenario: f.scenario, config: f.config, options });
  return [
    at('cbcast-3x1', fixture('cbcast-3x1')),
    at('keyed-flood-3x1', flood),
    at('keyed-flood-3x2 (fifo broken)', fixture('keyed-flood-3x2')),
    at('broken-cbcast-3x2', fixture('broken-cbcast-3x2')),
    at('rank-batch-3x1', fixture('rank-batch-3x1')),
    at('keyed-flood-3x1 drop=1', { scenario: flood.scenario, config: withBudgets(flood.config, { drop: 1 }) }),
    at('keyed-flood-3x1 partition=1', { scenario: flood.scenario, config: withBudgets(flood.config, { partition: 1 }) }),
    at('keyed-flood-3x1 duplicate=1', { scenario: flood.scenario, config: withBudgets(flood.config, { duplicate: 1 }) }),
    at('isis-crash-3x0', crash0),
    at('isis-crash-3x0 restart=1', { scenario: crash0.scenario, config: withBudgets(crash0.config, { crash: 1, restart: 1 }) }),
    at('isis-crash-3x0 leave=1', { scenario: crash0.scenario, config: withBudgets(crash0.config, { crash: 0, leave: 1 }) }),
    at('isis-crash-3x0 false suspicion', { scenario: crash0.scenario, config: { ...withBudgets(crash0.config, { crash: 0, suspicion: 1 }), failureDetector: 'unreliable' } }),
    at('isis 2 members + join=1', { scenario: twoMembers(crash1.scenario), config: withBudgets(crash1.config, { crash: 0, join: 1 }) }),
    at('isis-crash-3x1 to depth 9', crash1, { maxDepth: 9 }),
    at('isis-crash-3x0 with timers to depth 6', { scenario: withTimers(crash0.scenario), config: crash0.config }, { maxDepth: 6 }),
  ];
}
