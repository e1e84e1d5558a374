// When a note fires a scheduled fault (from `onNote` or `at`): the same for
// every fault kind, so it is here and not in the kinds' files.
import type { HostOrRole, NoteAt, ScheduledFault } from '../../scenarios/types.ts';

/** A note trigger, from `onNote` (a host) or `at` (a host, a role or any process). */
export interface Trigger {
  note: string;
  node: HostOrRole | 'any';
  occurrence: number;
  delayUs: number;
  afterUs: number;
}

export function triggerOf(fault: ScheduledFault): Trigger | undefined {
  if (fault.at !== undefined) return fromAt(fault.at);
  const n = fault.onNote;
  if (n === undefined) return undefined;
  return { note: n.text, node: n.host, occurrence: n.occurrence ?? 1, delayUs: n.delayUs ?? 0, afterUs: 0 };
}

function fromAt(at: NoteAt): Trigger {
  return { note: at.note, node: at.node, occurrence: at.occurrence ?? 1, delayUs: at.delayUs ?? 0, afterUs: at.afterUs ?? 0 };
}
