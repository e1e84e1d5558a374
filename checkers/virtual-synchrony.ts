// virtual-synchrony: "if p and q both install V and both install V' as their
// next view after V, they delivered exactly the same set of messages while in
// V."
// Each stay in a view keeps an order-independent digest of what was delivered
// (a count and two sums of 32-bit fingerprints). The first process to leave V
// for V' becomes the reference; every later one is compared by digest in O(1),
// and only a mismatch pays for building sets to name a differing message. Only
// the reference keeps its list of deliveries; the others drop theirs.
import type { Residence, ViewState } from './state.ts';
import type { ViolationSink } from './violation.ts';

export function closeResidence(
  sink: ViolationSink,
  residence: Residence,
  nextViewId: number,
  nextInstallI: number,
): void {
  const view: ViewState = residence.view;
  const references = (view.vsReferences ??= new Map());
  const reference = references.get(nextViewId);
  if (reference === undefined) {
    references.set(nextViewId, { residence, nextInstallI });
    return;
  }
  const first = reference.residence;
  const same = first.count === residence.count && first.hashA === residence.hashA && first.hashB === residence.hashB;
  if (!same) reportDifference(sink, first, reference.nextInstallI, residence, nextInstallI, nextViewId);
  residence.delivered = null;
  residence.deliveredI = null;
}

function reportDifference(
  sink: ViolationSink,
  first: Residence,
  firstNextI: number,
  second: Residence,
  secondNextI: number,
  nextViewId: number,
): void {
  const viewId = first.view.id;
  const firstOnly = firstMissing(first, second);
  const secondOnly = firstOnly === null ? firstMissing(second, first) : null;
  const [had, lacked, at] = firstOnly !== null ? [first, second, firstOnly] : [second, first, secondOnly];
  if (at === null || had.delivered === null || had.deliveredI === null) {
    // Digests differ but the lists agree: only a fingerprint collision could
    // do this, and the lists are what the property is about.
    return;
  }
  const message = had.delivered[at];
  const deliverI = had.deliveredI[at] ?? -1;
  if (message === undefined) return;
  sink.report(
    'virtual-synchrony',
    [first.installI, second.installI, deliverI, firstNextI, secondNextI],
    () =>
      `${first.proc} and ${second.proc} both went from view ${viewId} to view ${nextViewId}, but ` +
      `${had.proc} delivered ${message.id} (from ${message.sender}) in view ${viewId} and ${lacked.proc} did not` +
      ` (${had.proc} delivered ${had.count}, ${lacked.proc} ${lacked.count}).`,
  );
}

/** Index in `has.delivered` of the first message `lacks` did not deliver, or null. */
function firstMissing(has: Residence, lacks: Residence): number | null {
  const list = has.delivered;
  const other = lacks.delivered;
  if (list === null || other === null) return null;
  const seen = new Set(other);
  for (let at = 0; at < list.length; at++) {
    if (!seen.has(list[at] as NonNullable<(typeof list)[number]>)) return at;
  }
  return null;
}
