// The distinct view ids ever installed, ascending, with their first install:
// what view-agreement compares against and what primary-majority walks. A
// few hundred bytes per view; beyond VIEW_LEDGER_CAPACITY views the lowest
// ids are forgotten (views are almost always first installed in ascending
// order, so only a view id arriving far below the newest needs them).
import type { ProcessId } from '../traces/schema.ts';
import type { Violation } from './violation.ts';

export const VIEW_LEDGER_CAPACITY = 4096;

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
  /** True when the previous id may have been forgotten. */
  previousForgotten: boolean;
}

export class ViewLedger {
  private readonly byId = new Map<number, LedgerEntry>();
  private sorted: LedgerEntry[] = [];
  private forgotAny = false;

  constructor(private readonly capacity = VIEW_LEDGER_CAPACITY) {}

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
    const previousForgotten = this.forgotAny && at === 0;
    if (at === sorted.length) sorted.push(entry);
    else sorted.splice(at, 0, entry);
    this.byId.set(entry.id, entry);
    this.trim();
    return { previous, next, previousForgotten };
  }

  private trim(): void {
    // Trim in batches so the cost per insert stays O(1) amortised.
    const slack = this.capacity >> 2;
    if (this.sorted.length <= this.capacity + slack) return;
    const dropped = this.sorted.splice(0, this.sorted.length - this.capacity);
    for (const entry of dropped) this.byId.delete(entry.id);
    this.forgotAny = true;
  }
}
