// What the fault driver needs to know about a scheduled fault besides
// applying it: when a note fires it (from `onNote` or `at`), and whether it
// takes a host out of the group (which the random generator must leave room for).
import { assertNever } from '../protocol/types.ts';
import { risksSuspicion } from '../scenarios/suspicion-risk.ts';
import type { HostOrRole, NoteAt, ScheduledFault } from '../scenarios/types.ts';

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

/** Scheduled faults that take a host out of the group (for the random generator's budget). */
export function takesHostOut(fault: ScheduledFault): boolean {
  switch (fault.type) {
    case 'crash':
    case 'restart':
    case 'isolate':
      return true;
    case 'link':
      return risksSuspicion(fault);
    case 'partition':
    case 'heal':
    case 'link-reset':
      return false;
    default:
      return assertNever(fault, 'fault');
  }
}
