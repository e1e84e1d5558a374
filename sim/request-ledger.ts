// Every multicast the workload asks of a process must come out the other
// side: as a `bcast`, or refused with a `request-dropped` note (a full
// request queue). The trace's properties judge only what was multicast, so
// a protocol that loses requests before multicasting them (a queue never
// drained, a request ignored while some flag is set) passes every property
// with fewer multicasts, down to none. At the end of a quiescent run (faults
// over, the network whole, every live process settled) a process live at the
// end has had time to multicast or refuse everything it was asked; the run
// fails if one has not. Processes that crashed or exited are not judged:
// their requests died with them.
import type { AppRequest, ProcessId } from '../protocol/types.ts';
import type { UnnumberedEvent } from '../traces/schema.ts';

/** The note a protocol writes when it refuses a request (isis and static stacks). */
export const REQUEST_DROPPED_NOTE = 'request-dropped';

export class RequestLedger {
  private readonly asked = new Map<ProcessId, number>();
  private readonly answered = new Map<ProcessId, number>();

  /** The workload asked `pid` for `request`. */
  requested(pid: ProcessId, request: AppRequest): void {
    if (request.type === 'multicast') this.asked.set(pid, (this.asked.get(pid) ?? 0) + 1);
  }

  /** A trace event: a `bcast` or a refusal note answers one request of its node. */
  recorded(event: UnnumberedEvent): void {
    let node: unknown = null;
    if (event.type === 'bcast') node = event.node;
    else if (event.type === 'note' && event['text'] === REQUEST_DROPPED_NOTE) node = event['node'];
    if (typeof node === 'string') this.answered.set(node, (this.answered.get(node) ?? 0) + 1);
  }

  /**
   * Null when every process of `live` multicast or refused all it was asked;
   * otherwise the first that did not, in words.
   */
  unanswered(live: readonly ProcessId[]): string | null {
    for (const pid of live) {
      const asked = this.asked.get(pid) ?? 0;
      const answered = this.answered.get(pid) ?? 0;
      if (answered < asked) {
        return `requests lost: ${pid} was asked for ${asked} multicasts and multicast or refused ${answered} by the end of a quiescent run`;
      }
    }
    return null;
  }
}
