// The checkers' public surface: the property ids, the online checker and the
// offline helper. See docs/checkers.md.
export type { PropertyId, PropertyDefinition, PropertyFamily } from './properties.ts';
export {
  SAFETY_PROPERTIES,
  LIVENESS_PROPERTIES,
  ALL_PROPERTIES,
  PROPERTY_DEFINITIONS,
  isPropertyId,
  parsePropertyList,
  ORDER_READING_PROPERTIES,
} from './properties.ts';
export type { PropertyVerdict, VerdictStatus } from './properties.ts';
export type { Violation } from './violation.ts';
export { DEFAULT_MAX_VIOLATIONS } from './violation.ts';
export type { CheckResult, TraceCheckerOptions } from './trace-checker.ts';
export { TraceChecker, checkEvents, NO_END_WARNING, NOT_QUIESCENT_WARNING } from './trace-checker.ts';
