// fast-check arbitraries for scenarios, for property tests in vitest.
export { networkArb, type NetworkArbOptions } from './network.ts';
export { workloadArb, type WorkloadArbOptions } from './workload.ts';
export { faultScheduleArb, ALL_FAULT_TYPES, type FaultScheduleArbOptions } from './fault-schedule.ts';
export { membershipEventArb, membershipPlanArb, overlapChoiceArb, type MembershipPlanArbOptions } from './membership.ts';
export { scenarioArb, type ScenarioArbOptions } from './scenario.ts';
