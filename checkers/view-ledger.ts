// The distinct view ids ever installed, ascending, with their first install:
// what view-agreement compares against, what primary-majority walks and
// what delivery-liveness reads a sending view's members from. A few hundred
// bytes per distinct view id, never forgotten (views are far fewer than
// messages), so these verdicts are exact.
import type { ProcessId } from '../traces/schema.ts';
import type { Violation } from './violation.ts';

export interface LedgerEntry {
  readonly id: number;
  readonly members: readonly ProcessId[];
  readonly memberSet: ReadonlySet<ProcessId>;
  readonly firstInstallI: number;
  readonly firstInstaller: ProcessId;
  /** The primary-majority violation reported for (previous id, this id), if any. */
  majorityViolation: Violation | null;
}

export interface Neighbours {
  previous: LedgerEntry | undefined;
  next: LedgerEntry | undefined;
}

export class ViewLedger {
  private readonly byId = new Map<number, LedgerEntry>();
  private readonly sorted: LedgerEntry[] = [];

  get(id: number): LedgerEntry | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.sorted.length;
  }

  /** Adds a view id seen for the first time; returns its neighbours in id order. */
  insert(entry: LedgerEntry): Neighbours {
    const sorted = this.sorted;
    let at = sorted.length;
    // Usually the new id is the highest: walk back from the end.
    while (at > 0 && (sorted[at - 1] as LedgerEntry).id > entry.id) at -= 1;
    const previous = sorted[at - 1];
    const next = sorted[at];
    if (at === sorted.length) sorted.push(entry);
    else sorted.splice(at, 0, entry);
    this.byId.set(entry.id, entry);
    return { previous, next };
  }
}
