// The fifteen property ids of TRACE_FORMAT.md (they are part of the trace
// contract) and their definitions, quoted word for word so the report, the
// docs and the code say the same thing.

import { ALL_PROPERTIES, LIVENESS_PROPERTIES, SAFETY_PROPERTIES, isPropertyId, type PropertyId } from '../core/property-ids.ts';

export { ALL_PROPERTIES, LIVENESS_PROPERTIES, SAFETY_PROPERTIES, isPropertyId, type PropertyId };

export type PropertyFamily = 'membership' | 'lifecycle' | 'delivery' | 'order' | 'liveness';

export interface PropertyDefinition {
  id: PropertyId;
  family: PropertyFamily;
  /** The definition from TRACE_FORMAT.md, verbatim. */
  definition: string;
}

export const PROPERTY_DEFINITIONS: Readonly<Record<PropertyId, PropertyDefinition>> = {
  'self-inclusion': {
    id: 'self-inclusion',
    family: 'membership',
    definition: 'every view a process installs contains that process.',
  },
  'view-monotonicity': {
    id: 'view-monotonicity',
    family: 'membership',
    definition: 'each process installs views with strictly increasing ids.',
  },
  'view-agreement': {
    id: 'view-agreement',
    family: 'membership',
    definition: 'all installs of the same view id have the same member set.',
  },
  'primary-majority': {
    id: 'primary-majority',
    family: 'membership',
    definition:
      'take the distinct view ids ever installed, ascending; for each consecutive pair a < b, ' +
      'members(b) holds more than half of members(a), not counting members of a that exited ' +
      'with reason `left` before b was first installed.',
  },
  lifecycle: {
    id: 'lifecycle',
    family: 'lifecycle',
    definition:
      'a process has events only after its `start` and none after its `crash` or `exit`; it ' +
      'multicasts and delivers only after its first view install; the `view` field of its ' +
      '`bcast` and `deliver` events equals the id of the view it installed last.',
  },
  'delivery-integrity': {
    id: 'delivery-integrity',
    family: 'delivery',
    definition:
      'every `deliver` of m comes after the `bcast` of m, and its `from` is the process that multicast m.',
  },
  'no-duplication': {
    id: 'no-duplication',
    family: 'delivery',
    definition: 'no message id is multicast twice, and no process delivers the same message twice.',
  },
  'sending-view-delivery': {
    id: 'sending-view-delivery',
    family: 'delivery',
    definition:
      "every delivery of m happens in m's sending view: the `view` field of every `deliver` of m " +
      'equals the `view` field of the `bcast` of m (whether these fields match the views installed ' +
      "is lifecycle's matter).",
  },
  'self-delivery': {
    id: 'self-delivery',
    family: 'delivery',
    definition: 'a process that multicasts m in view V delivers m before it installs any later view.',
  },
  'virtual-synchrony': {
    id: 'virtual-synchrony',
    family: 'delivery',
    definition:
      "if p and q both install V and both install V' as their next view after V, they delivered " +
      'exactly the same set of messages while in V.',
  },
  'fifo-order': {
    id: 'fifo-order',
    family: 'order',
    definition:
      'if p multicasts m1 then m2 in the same view, every process that delivers m2 delivered m1 before it.',
  },
  'causal-order': {
    id: 'causal-order',
    family: 'order',
    definition:
      'if m1 happened before m2 and both were multicast in the same view, every process that ' +
      'delivers m2 delivered m1 before it. Happened-before is a relation among messages of at ' +
      'least `causal` order: m1 happened before m2 if they have the same sender and m1 was ' +
      'multicast first, or if the sender of m2 delivered m1 before multicasting m2; closed ' +
      'transitively (a chain never passes through a `fifo` message).',
  },
  'total-order': {
    id: 'total-order',
    family: 'order',
    definition:
      'if two processes both deliver two `total` messages, they deliver them in the same relative ' +
      'order: if one of them delivers m1 before m2 (some delivery of m1 comes before some delivery ' +
      'of m2), so does the other.',
  },
  'view-convergence': {
    id: 'view-convergence',
    family: 'liveness',
    definition:
      'every process live at the end has installed a view, and their last views are all the ' +
      'same view: each of them last installed the same view id, with members listing exactly the ' +
      'processes live at the end (what other installs of that id list does not matter here: ' +
      'view-agreement judges them).',
  },
  'delivery-liveness': {
    id: 'delivery-liveness',
    family: 'liveness',
    definition:
      'every message multicast by a process live at the end is delivered by every process live ' +
      "at the end that was a member of the message's sending view.",
  },
};

/**
 * The properties whose verdict depends on the order in which one process
 * delivered messages (not only on which messages it had delivered at each of
 * its view installs and multicasts). The explorer's history fingerprint
 * (sim/explore/history.ts) must keep apart paths that differ in what these
 * read; its own list must equal this one (a test compares them).
 */
export const ORDER_READING_PROPERTIES: readonly PropertyId[] = ['fifo-order', 'causal-order', 'total-order'];

/** What a check says of one property. */
export type VerdictStatus = 'held' | 'violated' | 'unknown' | 'skipped' | 'not promised';

export interface PropertyVerdict {
  property: PropertyId;
  status: VerdictStatus;
  /** Why it is unknown, skipped or not promised. */
  reason?: string;
}

/**
 * Parses a comma-separated list of property ids (the `--properties` option,
 * a header's `properties`); returns the ids, or the first unknown one.
 */
export function parsePropertyList(values: readonly string[]): { ids: PropertyId[] } | { unknown: string } {
  const ids: PropertyId[] = [];
  for (const raw of values) {
    const value = raw.trim();
    if (value === '') continue;
    if (!isPropertyId(value)) return { unknown: value };
    if (!ids.includes(value)) ids.push(value);
  }
  return { ids };
}

