// The open views and their retirement. A view is retired once no live
// process can still act in it legitimately: nobody has it as current view,
// and every member that has not crashed or exited has installed a later view.
// (A process that installed a later view can neither install this one again,
// by view-monotonicity, nor deliver its messages, by sending-view-delivery.)
// Retiring frees the view's messages, so memory is bounded by the open views,
// not by the length of the trace.
import type { ProcessId } from '../traces/schema.ts';
import type { LedgerEntry } from './view-ledger.ts';
import type { ProcState, ViewState } from './state.ts';
import { ViewState as ViewStateClass } from './state.ts';

export class ViewTable {
  private readonly open = new Map<number, ViewState>();

  get(id: number): ViewState | undefined {
    return this.open.get(id);
  }

  /** The open state of view `id`, created if needed (members from its first install, if known). */
  ensure(id: number, known: LedgerEntry | undefined): ViewState {
    let view = this.open.get(id);
    if (view === undefined) {
      view = new ViewStateClass(id);
      if (known !== undefined) view.setMembers(known.members, known.firstInstallI, known.firstInstaller);
      this.open.set(id, view);
    }
    return view;
  }

  get openCount(): number {
    return this.open.size;
  }

  values(): IterableIterator<ViewState> {
    return this.open.values();
  }

  /** Retires every open view nobody can act in any more; `onRetire` sees each first. */
  retireFinished(procOf: (id: ProcessId) => ProcState | undefined, onRetire: (view: ViewState) => void): void {
    for (const view of this.open.values()) {
      if (!isFinished(view, procOf)) continue;
      onRetire(view);
      view.retired = true;
      this.open.delete(view.id);
    }
  }
}

function isFinished(view: ViewState, procOf: (id: ProcessId) => ProcState | undefined): boolean {
  if (view.occupants > 0) return false;
  const members = view.members;
  if (members === null) return true;
  for (const member of members) {
    const proc = procOf(member);
    // A member the trace never mentions cannot act without a `start` first;
    // waiting for it would pin the view forever.
    if (proc === undefined || proc.ended) continue;
    if (proc.hasView && proc.viewId > view.id) continue;
    return false;
  }
  return true;
}
