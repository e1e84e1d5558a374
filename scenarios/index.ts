// `vsynclab/scenarios`: the scenario types, validation and the random
// generator, and the fast-check arbitraries (also `vsynclab/arbitraries`).
export * from './types.ts';
export { validateScenario, parseSeedRange, MAX_SEEDS } from './validate.ts';
export { generateScenario, generateWithPlans, withPlans, MAX_OVERLAPS, type GeneratorMode, type GeneratorSpec, type UnitRandom } from './generator.ts';
export {
  buildOverlap, allPairs, pairKey, targetsOf, MEMBERSHIP_EVENTS, EVENT_TARGETS, TRIGGER_NOTES, FLUSH_WINDOW_US,
  type MembershipEvent, type MembershipEventKind, type MembershipPlan, type OverlapChoice, type PlanContext, type EventTarget,
} from './membership-plan.ts';
export * from './arbitraries/index.ts';
