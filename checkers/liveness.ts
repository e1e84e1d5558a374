// Liveness family: view-convergence and delivery-liveness, judged once at the
// end and only when `end.quiescent` is true. Messages of retired views are
// judged when their view retires (DeliveryObligations keeps what is missing,
// per pair of processes), so the end does not need the whole trace.
import type { ProcessId } from '../traces/schema.ts';
import { formatMembers, plural } from './format.ts';
import type { MessageRecord, ProcState, ViewState } from './state.ts';
import type { ViolationSink } from './violation.ts';

interface MissedDeliveries {
  reader: ProcessId;
  sender: ProcessId;
  count: number;
  firstMessage: string;
  firstViewId: number;
  firstBcastI: number;
  viewIds: Set<number>;
}

/**
 * Messages of retired views that a member never delivered while it and the
 * sender were both still running. An entry is dropped as soon as either of
 * the two crashes or exits, so the table holds at most one entry per pair of
 * running processes.
 */
export class DeliveryObligations {
  private readonly byPair = new Map<string, MissedDeliveries>();

  note(reader: ProcessId, sender: ProcessId, message: MessageRecord): void {
    const key = `${reader}\u0000${sender}`;
    const known = this.byPair.get(key);
    if (known !== undefined) {
      known.count += 1;
      if (known.viewIds.size < 64) known.viewIds.add(message.view.id);
      return;
    }
    this.byPair.set(key, {
      reader,
      sender,
      count: 1,
      firstMessage: message.id,
      firstViewId: message.view.id,
      firstBcastI: message.bcastI,
      viewIds: new Set([message.view.id]),
    });
  }

  forget(proc: ProcessId): void {
    for (const [key, missed] of this.byPair) {
      if (missed.reader === proc || missed.sender === proc) this.byPair.delete(key);
    }
  }

  values(): IterableIterator<MissedDeliveries> {
    return this.byPair.values();
  }
}

/** Notes, for a view being retired, every message a running member never delivered. */
export function noteUndeliveredOnRetire(
  view: ViewState,
  procOf: (id: ProcessId) => ProcState | undefined,
  obligations: DeliveryObligations,
  eachMessage: (message: MessageRecord) => void,
): void {
  // Members still running, and their slots: looked up once per view, not per message.
  const readers: ProcessId[] = [];
  const readerSlots: number[] = [];
  for (const member of view.members ?? []) {
    const reader = procOf(member);
    if (reader === undefined || reader.ended) continue;
    readers.push(member);
    readerSlots.push(view.slotOf.get(member) ?? -1);
  }
  for (const slot of view.slots) {
    const sender = procOf(slot.proc);
    const senderRunning = sender !== undefined && !sender.ended;
    for (const message of slot.sent) {
      if (senderRunning) {
        for (let k = 0; k < readers.length; k++) {
          if (message.deliveredBy(readerSlots[k] as number) < 0) obligations.note(readers[k] as ProcessId, slot.proc, message);
        }
      }
      eachMessage(message);
    }
  }
}

/**
 * view-convergence: "every process live at the end has installed a view, and
 * their last views are all the same view, whose members are exactly the
 * processes live at the end."
 */
export function checkViewConvergence(sink: ViolationSink, procs: Iterable<ProcState>): void {
  const live: ProcState[] = [];
  for (const proc of procs) if (proc.live) live.push(proc);
  let reference: ProcState | undefined;
  for (const proc of live) {
    if (!proc.hasView) {
      sink.report('view-convergence', [proc.startI], () => `${proc.id} is live at the end but never installed a view.`);
      continue;
    }
    if (reference === undefined || proc.viewId > reference.viewId) reference = proc;
  }
  if (reference === undefined) return;
  const last = reference;
  for (const proc of live) {
    if (!proc.hasView || proc.viewId === last.viewId) continue;
    sink.report('view-convergence', [proc.viewI, last.viewI], () =>
      `${proc.id} ends in view ${proc.viewId} but ${last.id} ends in view ${last.viewId}.`,
    );
  }
  const liveIds = new Set(live.map((proc) => proc.id));
  const members = new Set(last.viewMembers);
  for (const member of members) {
    if (liveIds.has(member)) continue;
    sink.report('view-convergence', [last.viewI], () =>
      `the last view ${last.viewId} ${formatMembers(last.viewMembers)} lists ${member}, which is not live at the end.`,
    );
  }
  for (const proc of live) {
    if (members.has(proc.id)) continue;
    sink.report('view-convergence', [last.viewI, proc.startI], () =>
      `${proc.id} is live at the end but not a member of the last view ${last.viewId} ${formatMembers(last.viewMembers)}.`,
    );
  }
}

/**
 * delivery-liveness: "every message multicast by a process live at the end
 * is delivered by every process live at the end that was a member of the
 * message's sending view."
 */
export function checkDeliveryLiveness(
  sink: ViolationSink,
  openViews: Iterable<ViewState>,
  obligations: DeliveryObligations,
  procOf: (id: ProcessId) => ProcState | undefined,
): void {
  for (const missed of obligations.values()) {
    if (procOf(missed.reader)?.live !== true || procOf(missed.sender)?.live !== true) continue;
    const views = [...missed.viewIds].join(', ');
    sink.report('delivery-liveness', [missed.firstBcastI], () =>
      `${missed.reader} never delivered ${describeMissing(missed.count, missed.firstMessage)} that ` +
      `${missed.sender} multicast in view${missed.viewIds.size === 1 ? '' : 's'} ${views}, though both are live at the end.`,
    );
  }
  for (const view of openViews) {
    if (view.members === null) continue;
    for (const slot of view.slots) {
      if (procOf(slot.proc)?.live !== true) continue;
      for (const member of view.members) {
        if (procOf(member)?.live !== true) continue;
        const readerSlot = view.slotOf.get(member) ?? -1;
        let count = 0;
        let first: MessageRecord | undefined;
        for (const message of slot.sent) {
          if (message.deliveredBy(readerSlot) >= 0) continue;
          count += 1;
          first ??= message;
        }
        if (first === undefined) continue;
        const example = first;
        sink.report('delivery-liveness', [example.bcastI], () =>
          `${member} never delivered ${describeMissing(count, example.id)} that ${slot.proc} multicast in view ` +
          `${view.id}, though both are live at the end and ${member} is a member of that view.`,
        );
      }
    }
  }
}

function describeMissing(count: number, firstId: string): string {
  return count === 1 ? firstId : `${plural(count, 'message')} (first ${firstId})`;
}
