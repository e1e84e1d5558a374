// A generator of VALID virtual-synchrony traces: an idealised ISIS group
// (views with flush, crashes, joins, voluntary leaves, partitions with a
// primary component, FIFO/causal/total multicast) driven by a choice source.
// Every trace it yields satisfies all fifteen properties, which makes it the
// baseline for property tests (mutate it, expect one property to fail) and
// for the checker benchmark (millions of events, streamed, bounded memory).
// Deterministic: the same options and choices give the same events.
import type { DeliveryOrder, ProcessId, TraceEvent } from '../../traces/schema.ts';

export interface SyntheticRunOptions {
  /** Size of the first view (>= 1). */
  initialMembers: number;
  /** Random steps before the run settles (multicasts, deliveries, faults). */
  steps: number;
  /** Keep stepping past `steps` until this many events were written (bounded by 10 steps an event). */
  minEvents?: number;
  /** Returns an integer in [0, n); n >= 1. */
  choose: (n: number) => number;
  /** Relative weights of the step kinds (defaults below). */
  weights?: Partial<StepWeights>;
  /** Orders the workload uses (default all three). */
  orders?: readonly DeliveryOrder[];
  /** Joins stop when the group would grow beyond this (default 7). */
  maxGroupSize?: number;
  /** How the run ends: settled (`end {quiescent:true}`), cut (`end {quiescent:false}`), or no end line. */
  ending?: 'quiescent' | 'not-quiescent' | 'none';
}

export interface StepWeights {
  multicast: number;
  deliver: number;
  crash: number;
  leave: number;
  join: number;
  partition: number;
  /** Runs the pending view change (only when one is pending). */
  viewChange: number;
}

const WEIGHT_GRID = 1 << 20;

const DEFAULT_WEIGHTS: StepWeights = {
  multicast: 6,
  deliver: 14,
  crash: 1,
  leave: 1,
  join: 1,
  partition: 1,
  viewChange: 3,
};

interface Message {
  id: string;
  sender: ProcessId;
  order: DeliveryOrder;
  /** Position among the sender's messages in the view. */
  seq: number;
  /** Position in the view's total sequence, or -1. */
  totalPos: number;
  /** Causal past: sender -> how many of its messages (a prefix) must come first. */
  past: Map<ProcessId, number>;
  deliveredBy: Set<ProcessId>;
  dropped: boolean;
}

interface Member {
  id: ProcessId;
  /** sender -> messages of that sender delivered (always a prefix). */
  delivered: Map<ProcessId, number>;
  /** sender -> prefix of its messages in this member's causal past. */
  past: Map<ProcessId, number>;
  /** Index of the next total message to deliver. */
  totalNext: number;
  /** How many messages this member multicast in the view. */
  sent: number;
  /** Running, crashed, left, or cut off in a minority partition. */
  fate: 'running' | 'crashed' | 'left' | 'excluded';
}

export function* synthesizeRun(options: SyntheticRunOptions): Generator<TraceEvent> {
  const run = new SyntheticGroup(options);
  yield* run.events();
}

class SyntheticGroup {
  private readonly weights: StepWeights;
  private readonly orders: readonly DeliveryOrder[];
  private readonly maxGroupSize: number;
  private i = 0;
  private t = 0;
  private viewId = 1;
  private members: Member[] = [];
  private joiners: ProcessId[] = [];
  private bySender = new Map<ProcessId, Message[]>();
  private totalSequence: Message[] = [];
  private nextProcess = 1;
  private nextMessage = 0;
  private changePending = false;
  private partitioned = false;

  constructor(private readonly options: SyntheticRunOptions) {
    this.weights = { ...DEFAULT_WEIGHTS, ...options.weights };
    this.orders = options.orders && options.orders.length > 0 ? options.orders : ['fifo', 'causal', 'total'];
    this.maxGroupSize = Math.max(1, options.maxGroupSize ?? 7);
  }

  *events(): Generator<TraceEvent> {
    const initial = Math.max(1, Math.floor(this.options.initialMembers));
    const ids: ProcessId[] = [];
    for (let k = 0; k < initial; k++) {
      const id = this.newProcessId();
      ids.push(id);
      yield this.event('start', { node: id });
    }
    this.members = ids.map((id) => newMember(id));
    for (const id of ids) yield this.event('view', { node: id, view: { id: this.viewId, members: [...ids] } });
    const minEvents = this.options.minEvents ?? 0;
    const maxSteps = this.options.steps + 10 * minEvents;
    for (let step = 0; step < maxSteps && (step < this.options.steps || this.i < minEvents); step++) yield* this.step();
    if (this.options.ending === 'none') return;
    if (this.options.ending === 'not-quiescent') {
      yield this.event('end', { quiescent: false });
      return;
    }
    // Settle: finish any view change, admit joiners, deliver everything.
    if (this.changePending || this.joiners.length > 0) yield* this.viewChange();
    yield* this.flush();
    if (this.partitioned) yield* this.heal();
    yield this.event('end', { quiescent: true });
  }

  private *step(): Generator<TraceEvent> {
    const kind = this.pickKind();
    switch (kind) {
      case 'multicast':
        return yield* this.multicast();
      case 'deliver':
        return yield* this.deliverOne();
      case 'crash':
        return yield* this.crash();
      case 'leave':
        return yield* this.leave();
      case 'join':
        return yield* this.join();
      case 'partition':
        return yield* this.partition();
      case 'viewChange':
        return yield* this.viewChange();
    }
  }

  private pickKind(): keyof StepWeights {
    const kinds = Object.keys(this.weights) as (keyof StepWeights)[];
    const usable = kinds.filter((kind) => this.weights[kind] > 0 && (kind !== 'viewChange' || this.changePending));
    const total = usable.reduce((sum, kind) => sum + this.weights[kind], 0);
    // Weights may be fractional (rare faults): pick on a fine grid.
    let pick = ((this.options.choose(WEIGHT_GRID) + 0.5) / WEIGHT_GRID) * total;
    for (const kind of usable) {
      pick -= this.weights[kind];
      if (pick < 0) return kind;
    }
    return 'deliver';
  }

  private running(): Member[] {
    return this.members.filter((member) => member.fate === 'running');
  }

  private *multicast(): Generator<TraceEvent> {
    const senders = this.running();
    if (senders.length === 0) return;
    const sender = senders[this.options.choose(senders.length)] as Member;
    const order = this.orders[this.options.choose(this.orders.length)] as DeliveryOrder;
    const message: Message = {
      id: `m${this.nextMessage++}`,
      sender: sender.id,
      order,
      seq: sender.sent++,
      totalPos: order === 'total' ? this.totalSequence.length : -1,
      past: order === 'fifo' ? new Map() : new Map(sender.past),
      deliveredBy: new Set(),
      dropped: false,
    };
    if (order !== 'fifo') sender.past.set(sender.id, message.seq + 1);
    if (order === 'total') this.totalSequence.push(message);
    let log = this.bySender.get(sender.id);
    if (log === undefined) this.bySender.set(sender.id, (log = []));
    log.push(message);
    yield this.event('bcast', { node: sender.id, msg: message.id, order, view: this.viewId });
  }

  private deliverable(member: Member): Message[] {
    const ready: Message[] = [];
    for (const [sender, log] of this.bySender) {
      const next = log[member.delivered.get(sender) ?? 0];
      if (next === undefined || next.dropped || !this.canDeliver(member, next)) continue;
      ready.push(next);
    }
    return ready;
  }

  private canDeliver(member: Member, message: Message): boolean {
    if (message.order !== 'fifo') {
      for (const [sender, count] of message.past) {
        if (sender !== message.sender && (member.delivered.get(sender) ?? 0) < count) return false;
      }
    }
    if (message.order === 'total') {
      this.skipDroppedTotals(member);
      if (member.totalNext !== message.totalPos) return false;
    }
    return true;
  }

  private skipDroppedTotals(member: Member): void {
    while ((this.totalSequence[member.totalNext]?.dropped ?? false) === true) member.totalNext += 1;
  }

  private *deliverOne(): Generator<TraceEvent> {
    const readers = this.running();
    if (readers.length === 0) return;
    const reader = readers[this.options.choose(readers.length)] as Member;
    const ready = this.deliverable(reader);
    if (ready.length === 0) return;
    yield this.deliver(reader, ready[this.options.choose(ready.length)] as Message);
  }

  private deliver(reader: Member, message: Message): TraceEvent {
    reader.delivered.set(message.sender, message.seq + 1);
    message.deliveredBy.add(reader.id);
    if (message.order !== 'fifo') {
      for (const [sender, count] of message.past) {
        if ((reader.past.get(sender) ?? 0) < count) reader.past.set(sender, count);
      }
      if ((reader.past.get(message.sender) ?? 0) < message.seq + 1) reader.past.set(message.sender, message.seq + 1);
    }
    if (message.order === 'total') reader.totalNext = message.totalPos + 1;
    return this.event('deliver', { node: reader.id, msg: message.id, from: message.sender, view: this.viewId });
  }

  /** Members that count for the majority of the next view: all but those who left. */
  private countedSize(): number {
    return this.members.filter((member) => member.fate !== 'left').length;
  }

  private canLose(extra: number): boolean {
    const counted = this.countedSize();
    const survivors = this.running().length - extra;
    return survivors >= 1 && 2 * survivors > counted;
  }

  private *crash(): Generator<TraceEvent> {
    if (!this.canLose(1)) return;
    const victims = this.running();
    const victim = victims[this.options.choose(victims.length)] as Member;
    victim.fate = 'crashed';
    this.changePending = true;
    yield this.event('crash', { node: victim.id });
  }

  private *leave(): Generator<TraceEvent> {
    const candidates = this.running();
    if (candidates.length < 2) return;
    const leaver = candidates[this.options.choose(candidates.length)] as Member;
    // It exits before the next view is first installed, so it does not count against the majority.
    leaver.fate = 'left';
    if (!this.canLose(0)) {
      leaver.fate = 'running';
      return;
    }
    this.changePending = true;
    yield this.event('exit', { node: leaver.id, reason: 'left' });
  }

  private *join(): Generator<TraceEvent> {
    if (this.running().length + this.joiners.length >= this.maxGroupSize) return;
    const id = this.newProcessId();
    this.joiners.push(id);
    this.changePending = true;
    yield this.event('start', { node: id });
  }

  private *partition(): Generator<TraceEvent> {
    if (this.partitioned) return;
    const candidates = this.running();
    const size = 1 + this.options.choose(Math.max(1, Math.floor((candidates.length - 1) / 2)));
    if (!this.canLose(size)) return;
    const minority: Member[] = [];
    const pool = [...candidates];
    for (let k = 0; k < size; k++) minority.push(pool.splice(this.options.choose(pool.length), 1)[0] as Member);
    for (const member of minority) member.fate = 'excluded';
    this.partitioned = true;
    this.changePending = true;
    const majority = this.members.filter((member) => !minority.includes(member)).map((member) => member.id);
    yield this.event('partition', { groups: [[...majority, ...this.joiners], minority.map((member) => member.id)] });
  }

  private *heal(): Generator<TraceEvent> {
    this.partitioned = false;
    yield this.event('heal', {});
  }

  /** Flush: the survivors deliver every message that must survive the view, in a valid order. */
  private *flush(): Generator<TraceEvent> {
    const survivors = this.running();
    for (const log of this.bySender.values()) {
      for (const message of log) {
        const senderSurvives = survivors.some((member) => member.id === message.sender);
        const seenBySurvivor = survivors.some((member) => message.deliveredBy.has(member.id));
        message.dropped = !senderSurvives && !seenBySurvivor;
      }
    }
    for (;;) {
      const pending = survivors.filter((member) => this.deliverable(member).length > 0);
      if (pending.length === 0) return;
      const reader = pending[this.options.choose(pending.length)] as Member;
      const ready = this.deliverable(reader);
      yield this.deliver(reader, ready[this.options.choose(ready.length)] as Message);
    }
  }

  private *viewChange(): Generator<TraceEvent> {
    yield* this.flush();
    const survivors = this.running();
    const excluded = this.members.filter((member) => member.fate === 'excluded');
    const nextIds = [...survivors.map((member) => member.id), ...this.joiners];
    this.viewId += 1;
    const installers = [...nextIds];
    while (installers.length > 0) {
      const node = installers.splice(this.options.choose(installers.length), 1)[0] as ProcessId;
      yield this.event('view', { node, view: { id: this.viewId, members: [...nextIds] } });
    }
    for (const member of excluded) yield this.event('exit', { node: member.id, reason: 'excluded' });
    if (this.partitioned) yield* this.heal();
    this.members = nextIds.map((id) => newMember(id));
    this.joiners = [];
    this.bySender = new Map();
    this.totalSequence = [];
    this.changePending = false;
  }

  private newProcessId(): ProcessId {
    return `p${this.nextProcess++}`;
  }

  private event(type: string, fields: Record<string, unknown>): TraceEvent {
    this.t += 1 + this.options.choose(5);
    return { type, i: this.i++, t: this.t, ...fields } as TraceEvent;
  }
}

function newMember(id: ProcessId): Member {
  return { id, delivered: new Map(), past: new Map(), totalNext: 0, sent: 0, fate: 'running' };
}
