// The fifteen property ids of the trace contract. They live in core/ because
// the protocol contract (a protocol's promised profile), scenario files and
// the checkers all name them; the definitions stay in checkers/properties.ts.

export type PropertyId =
  | 'self-inclusion'
  | 'view-monotonicity'
  | 'view-agreement'
  | 'primary-majority'
  | 'lifecycle'
  | 'delivery-integrity'
  | 'no-duplication'
  | 'sending-view-delivery'
  | 'self-delivery'
  | 'virtual-synchrony'
  | 'fifo-order'
  | 'causal-order'
  | 'total-order'
  | 'view-convergence'
  | 'delivery-liveness';

/** Checked on every trace, cut off or not. In contract order. */
export const SAFETY_PROPERTIES: readonly PropertyId[] = [
  'self-inclusion',
  'view-monotonicity',
  'view-agreement',
  'primary-majority',
  'lifecycle',
  'delivery-integrity',
  'no-duplication',
  'sending-view-delivery',
  'self-delivery',
  'virtual-synchrony',
  'fifo-order',
  'causal-order',
  'total-order',
];

/** Checked only when the trace ends with `end {quiescent: true}`. */
export const LIVENESS_PROPERTIES: readonly PropertyId[] = ['view-convergence', 'delivery-liveness'];

export const ALL_PROPERTIES: readonly PropertyId[] = [...SAFETY_PROPERTIES, ...LIVENESS_PROPERTIES];

const KNOWN: ReadonlySet<string> = new Set(ALL_PROPERTIES);

export function isPropertyId(value: string): value is PropertyId {
  return KNOWN.has(value);
}
