// Membership family: self-inclusion, view-monotonicity, view-agreement,
// primary-majority. All four are judged when a `view` event arrives.
import type { ProcessId, ViewEvent } from '../traces/schema.ts';
import { formatMembers } from './format.ts';
import type { LedgerEntry } from './view-ledger.ts';
import type { ProcState } from './state.ts';
import type { Violation, ViolationSink } from './violation.ts';

/** self-inclusion: "every view a process installs contains that process." */
export function checkSelfInclusion(sink: ViolationSink, event: ViewEvent): void {
  if (event.view.members.includes(event.node)) return;
  sink.report('self-inclusion', [event.i], () =>
    `${event.node} installs view ${event.view.id} ${formatMembers(event.view.members)}, which does not contain ${event.node}.`,
  );
}

/** view-monotonicity: "each process installs views with strictly increasing ids." */
export function checkViewMonotonicity(sink: ViolationSink, proc: ProcState, event: ViewEvent): void {
  if (!proc.hasView || event.view.id > proc.viewId) return;
  const previousId = proc.viewId;
  sink.report('view-monotonicity', [proc.viewI, event.i], () =>
    `${event.node} installs view ${event.view.id} after view ${previousId}: view ids must strictly increase.`,
  );
}

/** view-agreement: "all installs of the same view id have the same member set." */
export function checkViewAgreement(
  sink: ViolationSink,
  first: { members: readonly ProcessId[]; memberSet: ReadonlySet<ProcessId>; firstInstallI: number; firstInstaller: ProcessId },
  event: ViewEvent,
): void {
  if (sameMemberSet(first.memberSet, event.view.members)) return;
  sink.report('view-agreement', [first.firstInstallI, event.i], () =>
    `${event.node} installs view ${event.view.id} as ${formatMembers(event.view.members)} but ` +
    `${first.firstInstaller} installed it as ${formatMembers(first.members)}.`,
  );
}

export function sameMemberSet(known: ReadonlySet<ProcessId>, members: readonly ProcessId[]): boolean {
  const distinct = new Set(members);
  if (distinct.size !== known.size) return false;
  for (const member of distinct) if (!known.has(member)) return false;
  return true;
}

/**
 * primary-majority: "take the distinct view ids ever installed, ascending;
 * for each consecutive pair a < b, members(b) holds more than half of
 * members(a), not counting members of a that exited with reason `left`
 * before b was first installed."
 * Judges one consecutive pair; returns the violation it reported, if any.
 */
export function judgePrimaryMajority(
  sink: ViolationSink,
  a: LedgerEntry,
  b: LedgerEntry,
  procOf: (id: ProcessId) => ProcState | undefined,
): Violation | null {
  let counted = 0;
  let kept = 0;
  const leavers: ProcessId[] = [];
  for (const member of a.memberSet) {
    const proc = procOf(member);
    if (proc !== undefined && proc.leftI >= 0 && proc.leftI < b.firstInstallI) {
      leavers.push(member);
      continue;
    }
    counted += 1;
    if (b.memberSet.has(member)) kept += 1;
  }
  if (2 * kept > counted) return null;
  const needed = Math.floor(counted / 2) + 1;
  return sink.report('primary-majority', [a.firstInstallI, b.firstInstallI], () => {
    const left = leavers.length === 0 ? '' : ` (${leavers.join(', ')} left before, so ${counted} count)`;
    return (
      `view ${b.id} ${formatMembers(b.members)} keeps ${kept} of the members of view ${a.id} ` +
      `${formatMembers(a.members)}${left}, but needs more than half: at least ${needed}.`
    );
  });
}
