// What the checkers remember while a trace streams by. Everything about a
// view's messages lives in its ViewState and is dropped when the view is
// retired (see view-table.ts); a process keeps only a small record.
import type { DeliveryOrder, ExitReason, MessageId, ProcessId } from '../traces/schema.ts';

/** One process, for its whole life (a dead process keeps only this record). */
export class ProcState {
  /** `i` of its `start`, or -1 while it has not started. */
  startI = -1;
  /** `i` of its `crash` or `exit`, or -1 while it runs. */
  endI = -1;
  endKind: 'crash' | 'exit' | null = null;
  exitReason: ExitReason | null = null;
  hasView = false;
  /** Id of the view it installed last (meaningful when hasView). */
  viewId = 0;
  /** `i` of that install. */
  viewI = -1;
  viewMembers: readonly ProcessId[] = [];
  /** The open view it is in (null before its first install and after it ends). */
  view: ViewState | null = null;
  /** Its stay in `view`, for virtual synchrony. */
  residence: Residence | null = null;
  /** Where it multicast since its last install, for self-delivery. Usually one entry. */
  sentSinceInstall: SentRun[] = [];

  constructor(readonly id: ProcessId) {}

  get started(): boolean {
    return this.startI >= 0;
  }

  get ended(): boolean {
    return this.endI >= 0;
  }

  /** "Live": started and neither crashed nor exited. */
  get live(): boolean {
    return this.startI >= 0 && this.endI < 0;
  }
}

/** A run of multicasts a process made in one view, starting at sequence number `fromSeq`. */
export interface SentRun {
  view: ViewState;
  slot: number;
  fromSeq: number;
}

/** A multicast message, kept while its sending view is open. */
export class MessageRecord {
  /** `i` of each slot's first delivery of this message (-1: not delivered). */
  deliveredAt: number[];
  /** Causal past: per sender slot, how many of its causal-or-total messages (this one included). */
  vc: number[] | null = null;
  /** Position among the sender's causal-or-total messages in the view, or -1 for fifo. */
  causalSeq = -1;

  constructor(
    readonly id: MessageId,
    readonly sender: ProcessId,
    readonly senderSlot: number,
    readonly order: DeliveryOrder,
    readonly view: ViewState,
    readonly bcastI: number,
    /** Position among all the sender's messages in the view. */
    readonly seq: number,
    /** Two halves of a 64-bit fingerprint, summed into delivered-set digests. */
    readonly hashA: number,
    readonly hashB: number,
  ) {
    this.deliveredAt = newFilledArray(view.slots.length, -1);
  }

  deliveredBy(slot: number): number {
    return this.deliveredAt[slot] ?? -1;
  }
}

/**
 * A process's part in one view's messages, as sender (its log) and as reader
 * (how far it got in every sender's log). Arrays indexed by sender slot grow
 * on demand; a missing entry reads as 0.
 */
export class SlotState {
  /** Everything it multicast in the view, in order (index = seq). */
  readonly sent: MessageRecord[] = [];
  /** The causal-or-total subset of `sent` (index = causalSeq). */
  readonly sentCausal: MessageRecord[] = [];
  /** Per sender: all of its messages below this seq are delivered here. */
  readonly allPrefix: number[] = [];
  /** Per sender: all of its fifo messages below this seq are delivered here. */
  readonly fifoPrefix: number[] = [];
  /** Per sender: all of its causal messages below this causalSeq are delivered here. */
  readonly causalPrefix: number[] = [];
  /** Causal past of this process in the view: per sender, a count of causal messages. */
  readonly frontier: number[] = [];
  /** Per other slot o: the latest `i` at which o delivered a total message this slot has delivered. */
  readonly totalLatestAt: number[] = [];
  readonly totalLatestMsg: (MessageRecord | undefined)[] = [];

  constructor(readonly proc: ProcessId) {}
}

/** A view, from its first mention to its retirement. */
export class ViewState {
  /** Members as first installed (null until someone installs it). */
  members: readonly ProcessId[] | null = null;
  memberSet: ReadonlySet<ProcessId> | null = null;
  firstInstallI = -1;
  firstInstaller: ProcessId = '';
  readonly slotOf = new Map<ProcessId, number>();
  readonly slots: SlotState[] = [];
  /** Processes whose current view this is. */
  occupants = 0;
  retired = false;
  /** Virtual synchrony: the first stay that ended in each next view id. */
  vsReferences: Map<number, ClosedResidence> | null = null;

  constructor(readonly id: number) {}

  setMembers(members: readonly ProcessId[], installI: number, installer: ProcessId): void {
    this.members = members;
    this.memberSet = new Set(members);
    this.firstInstallI = installI;
    this.firstInstaller = installer;
    for (const member of members) this.slotFor(member);
  }

  slotFor(proc: ProcessId): number {
    const known = this.slotOf.get(proc);
    if (known !== undefined) return known;
    const slot = this.slots.length;
    this.slotOf.set(proc, slot);
    this.slots.push(new SlotState(proc));
    return slot;
  }

  isMember(proc: ProcessId): boolean {
    return this.memberSet !== null && this.memberSet.has(proc);
  }
}

/** A process's stay in one view: what it delivered there. */
export class Residence {
  delivered: MessageRecord[] | null = [];
  /** `i` of each delivery in `delivered`. */
  deliveredI: number[] | null = [];
  count = 0;
  hashA = 0;
  hashB = 0;

  constructor(
    readonly proc: ProcessId,
    readonly view: ViewState,
    readonly installI: number,
  ) {}

  add(message: MessageRecord, i: number): void {
    this.delivered?.push(message);
    this.deliveredI?.push(i);
    this.count += 1;
    this.hashA = (this.hashA + message.hashA) | 0;
    this.hashB = (this.hashB + message.hashB) | 0;
  }
}

export interface ClosedResidence {
  residence: Residence;
  /** `i` of the install that ended the stay. */
  nextInstallI: number;
}

export function newFilledArray(length: number, value: number): number[] {
  const array = new Array<number>(length);
  for (let k = 0; k < length; k++) array[k] = value;
  return array;
}

/** A well-mixed 32-bit value from an integer (murmur3's finalizer), for set digests. */
export function mix32(value: number, salt: number): number {
  let h = (value ^ salt) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
