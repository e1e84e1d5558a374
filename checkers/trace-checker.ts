// The checker: fed one event at a time, in trace order, by the simulator
// while it writes a run, or by the reader for a file. Both paths are this
// class, so online and offline results are the same by construction. Plain
// code, no I/O; per event a few map lookups and O(processes) work.
//
// Each property is judged on its own, as a predicate over the whole trace
// (TRACE_FORMAT.md): every `deliver` is a delivery of its `msg` for every
// property, however broken the trace around it, and the first `bcast` of an
// id is the multicast of that message. Memory grows with the distinct
// message ids (a compact record each, never forgotten: see docs/checkers.md
// for the bound), not with the number of events. Where a property cannot be
// judged exactly, its verdict is `unknown` with the reason, never `held`.
import type {
  BcastEvent,
  CrashEvent,
  DeliverEvent,
  EndEvent,
  ExitEvent,
  KnownTraceEvent,
  ProcessId,
  StartEvent,
  TraceEvent,
  ViewEvent,
} from '../traces/schema.ts';
import { isKnownEvent } from '../traces/schema.ts';
import { assertNever } from '../core/assert-never.ts';
import { ALL_PROPERTIES, LIVENESS_PROPERTIES } from './properties.ts';
import type { PropertyId, PropertyVerdict } from './properties.ts';
import { DEFAULT_MAX_VIOLATIONS, ViolationSink } from './violation.ts';
import type { Violation } from './violation.ts';
import { MessageLog, ProcState, Stay, mix32 } from './state.ts';
import type { ViewClocks } from './state.ts';
import { MessageTable, ORDER_FIFO, ORDER_NONE, ORDER_TOTAL, orderCode } from './message-table.ts';
import type { CheckContext } from './context.ts';
import { ViewLedger } from './view-ledger.ts';
import type { LedgerEntry } from './view-ledger.ts';
import { checkLifecycleAlive, checkLifecycleStart, checkLifecycleView } from './lifecycle.ts';
import { checkSelfInclusion, checkViewAgreement, checkViewMonotonicity, judgePrimaryMajority } from './membership.ts';
import {
  checkDeliverySender,
  checkDuplicateDelivery,
  checkSelfDelivery,
  checkSendingViewDelivery,
  reportDeliveryBeforeMulticast,
  reportDuplicateMulticast,
} from './delivery.ts';
import { VirtualSynchronyJudge } from './virtual-synchrony.ts';
import { checkCausalOrder, checkFifoOrder, mergeCausalPast, stampCausalPast } from './order.ts';
import { PrematureDeliveries } from './premature-deliveries.ts';
import { TotalOrderJudge } from './total-order.ts';
import { judgeCausalOrderExactly } from './causal-exact.ts';
import { checkDeliveryLiveness, checkViewConvergence } from './liveness.ts';

export interface CheckResult {
  /** No violation of a promised property (unknown verdicts do not count). */
  ok: boolean;
  violations: Violation[];
  /** Promised properties judged: held, violated or unknown. */
  checked: PropertyId[];
  /** Liveness properties not judged because the run did not settle. */
  skipped: PropertyId[];
  /** Properties judged but not exactly: never reported as held. */
  unknown: { property: PropertyId; reason: string }[];
  /** Properties the trace's profile does not promise: not checked. */
  notPromised: PropertyId[];
  /** One verdict per property, in contract order. */
  verdicts: PropertyVerdict[];
  /** Per cause named by a listed violation, how many violations (listed or not) follow from it. */
  causeCounts: Record<string, number>;
  /** Why something was not checked, or was checked only in part. */
  warnings: string[];
}

export interface TraceCheckerOptions {
  /** Violations kept in the result (the first of each property is always kept). Default 1000. */
  maxViolations?: number;
  /** The properties promised (the profile); the others are reported `not promised`. Default: all. */
  properties?: readonly PropertyId[];
}

export const NO_END_WARNING = 'no end event: liveness skipped';
export const NOT_QUIESCENT_WARNING = 'end.quiescent is false: liveness skipped';

const MAX_WARNINGS = 50;
const HASH_SALT_A = 0x2545f491;
const HASH_SALT_B = 0x6c8e9cf5;
/** Deliveries listed per stay to name a virtual-synchrony difference (the digest decides). */
const MAX_STAY_LIST = 1 << 16;

const ALL_PROMISED: ReadonlySet<PropertyId> = new Set(ALL_PROPERTIES);

export class TraceChecker {
  private readonly sink: ViolationSink;
  private readonly procs: ProcState[] = [];
  private readonly procByName = new Map<ProcessId, ProcState>();
  private readonly ledger = new ViewLedger();
  private readonly messages = new MessageTable();
  private readonly clocks = new Map<number, ViewClocks>();
  private readonly unknowns = new Map<PropertyId, string>();
  private readonly ctx: CheckContext;
  private readonly virtualSynchrony = new VirtualSynchronyJudge();
  private readonly totalOrder = new TotalOrderJudge();
  private readonly premature = new PrematureDeliveries();
  /** Why the online clocks may have missed a chain of happened-before (then causal-order is judged again at the end). */
  private causalInexactReason: string | null = null;
  private readonly promised: ReadonlySet<PropertyId>;
  private readonly warnings = new Set<string>();
  private readonly causeCounts: Record<string, number> = {};
  private end: EndEvent | null = null;
  private eventsAfterEnd = 0;
  private result: CheckResult | null = null;
  private readonly procOf = (id: ProcessId): ProcState | undefined => this.procByName.get(id);

  constructor(options: TraceCheckerOptions = {}) {
    // The default set is shared (read-only): the explorer makes a checker per path it judges.
    this.promised = options.properties === undefined ? ALL_PROMISED : new Set(options.properties);
    const all = this.promised.size === ALL_PROPERTIES.length;
    this.sink = new ViolationSink(options.maxViolations ?? DEFAULT_MAX_VIOLATIONS, all ? null : this.promised);
    const unknowns = this.unknowns;
    this.ctx = {
      sink: this.sink,
      messages: this.messages,
      procs: this.procs,
      clocks: this.clocks,
      unknown(property: PropertyId, reason: string): void {
        if (!unknowns.has(property)) unknowns.set(property, reason);
      },
      inexactCausal: (reason: string): void => {
        this.causalInexactReason ??= reason;
      },
    };
  }

  /** Feed the next event (in order). Returns the violations this event revealed (often empty). */
  push(event: TraceEvent): Violation[] {
    if (this.result !== null) throw new Error('TraceChecker.push() called after finish()');
    if (this.end !== null) this.eventsAfterEnd += 1;
    if (isKnownEvent(event)) this.dispatch(event);
    return this.sink.takeRevealed();
  }

  /** Call once after the last event (with or without an `end` event). Later calls return the same result. */
  finish(): CheckResult {
    if (this.result !== null) return this.result;
    const quiescent = this.end !== null && this.end.quiescent;
    if (quiescent) {
      checkViewConvergence(this.ctx);
      checkDeliveryLiveness(this.ctx, this.ledger);
    }
    this.totalOrder.finish(this.ctx);
    this.judgeCausalOrderAgain();
    this.sink.takeRevealed();
    this.nameCauses();
    if (this.end === null) this.warn(NO_END_WARNING);
    else if (!quiescent) this.warn(NOT_QUIESCENT_WARNING);
    if (this.eventsAfterEnd > 0) this.warn(`${this.eventsAfterEnd} event(s) after the end event were checked anyway`);
    if (this.sink.droppedCount > 0) {
      this.warn(`${this.sink.droppedCount} more violation(s) not listed (kept ${this.sink.violations.length})`);
    }
    const verdicts = ALL_PROPERTIES.map((property) => this.verdictOf(property, quiescent));
    this.result = {
      ok: this.sink.totalCount === 0,
      violations: [...this.sink.violations],
      checked: verdicts.filter((v) => v.status !== 'skipped' && v.status !== 'not promised').map((v) => v.property),
      skipped: verdicts.filter((v) => v.status === 'skipped').map((v) => v.property),
      unknown: verdicts.filter((v) => v.status === 'unknown').map((v) => ({ property: v.property, reason: v.reason ?? '' })),
      notPromised: verdicts.filter((v) => v.status === 'not promised').map((v) => v.property),
      verdicts,
      causeCounts: this.causeCounts,
      warnings: [...this.warnings],
    };
    return this.result;
  }

  /**
   * When the online clocks lost a chain of happened-before, causal-order is
   * judged exactly from what is kept (causal-exact.ts): the verdict, and the
   * deliveries the online pass missed (it may have found others: those are
   * not reported twice); unknown only past that judgement's bound.
   */
  private judgeCausalOrderAgain(): void {
    const lost = this.causalInexactReason;
    if (lost === null || !this.promised.has('causal-order')) return;
    const reported = new Set<number>();
    for (const violation of this.sink.violations) {
      if (violation.property === 'causal-order') for (const i of violation.events) reported.add(i);
    }
    const bound = judgeCausalOrderExactly(this.ctx, reported);
    if (bound !== null) this.ctx.unknown('causal-order', `${lost}; ${bound}`);
  }

  /** How many violations of `property` were found so far, listed or not. */
  violationCount(property: PropertyId): number {
    return this.sink.countOf(property);
  }

  /** What the checker holds now (for the memory benchmark and tests). */
  stats(): { processes: number; messages: number; views: number; deliveredBytes: number } {
    let deliveredBytes = 0;
    for (const proc of this.procs) deliveredBytes += proc.delivered.bytes;
    return { processes: this.procs.length, messages: this.messages.count, views: this.ledger.size, deliveredBytes };
  }

  private verdictOf(property: PropertyId, quiescent: boolean): PropertyVerdict {
    if (!this.promised.has(property)) return { property, status: 'not promised', reason: 'not in the profile' };
    if (LIVENESS_PROPERTIES.includes(property) && !quiescent) {
      return { property, status: 'skipped', reason: this.end === null ? 'no end event' : 'end.quiescent is false' };
    }
    if (this.sink.countOf(property) > 0) return { property, status: 'violated' };
    const reason = this.unknowns.get(property);
    if (reason !== undefined) return { property, status: 'unknown', reason };
    return { property, status: 'held' };
  }

  /** Words for the causes of the kept violations, now that the whole trace is known. */
  private nameCauses(): void {
    for (const [violation, cause] of this.sink.keptCauses) {
      const proc = this.procs[cause.proc];
      if (proc === undefined) continue;
      const id = this.messages.idOf(cause.msg);
      const text = proc.delivered.first(cause.msg) >= 0 ? `${proc.id} received ${id} late` : `${proc.id} never received ${id}`;
      violation.cause = text;
      this.causeCounts[text] = this.sink.countOfCause(cause);
    }
  }

  private dispatch(event: KnownTraceEvent): void {
    switch (event.type) {
      case 'start':
        return this.onStart(event);
      case 'view':
        return this.onView(event);
      case 'bcast':
        return this.onBcast(event);
      case 'deliver':
        return this.onDeliver(event);
      case 'crash':
      case 'exit':
        return this.onEnded(event);
      case 'end':
        if (this.end === null) this.end = event;
        else this.warn('more than one end event: the first one counts');
        return;
      case 'partition':
      case 'heal':
        return; // Faults explain a run; no property is about them.
      default:
        return assertNever(event, 'trace event');
    }
  }

  private proc(id: ProcessId): ProcState {
    let proc = this.procByName.get(id);
    if (proc === undefined) {
      proc = new ProcState(id, this.procs.length);
      this.procs.push(proc);
      this.procByName.set(id, proc);
    }
    return proc;
  }

  private onStart(event: StartEvent): void {
    const proc = this.proc(event.node);
    checkLifecycleStart(this.sink, proc, event);
    if (!proc.started) proc.startI = event.i;
  }

  private onView(event: ViewEvent): void {
    const proc = this.proc(event.node);
    const id = event.view.id;
    checkLifecycleAlive(this.sink, proc, event);
    checkSelfInclusion(this.sink, event);
    checkViewMonotonicity(this.sink, proc, event);
    const known = this.ledger.get(id);
    if (known !== undefined) checkViewAgreement(this.sink, known, event);
    else this.firstInstall(event);

    checkSelfDelivery(this.ctx, proc, event.i, id);
    if (proc.stay !== null) this.virtualSynchrony.close(this.ctx, proc.stay, id, event.i);
    proc.hasView = true;
    proc.viewId = id;
    proc.viewI = event.i;
    proc.viewMembers = event.view.members;
    proc.stay = new Stay(proc.id, id, event.i);
  }

  private firstInstall(event: ViewEvent): void {
    const members = event.view.members;
    const entry: LedgerEntry = {
      id: event.view.id,
      members,
      memberSet: new Set(members),
      firstInstallI: event.i,
      firstInstaller: event.node,
      majorityViolation: null,
    };
    const { previous, next } = this.ledger.insert(entry);
    if (previous !== undefined) entry.majorityViolation = judgePrimaryMajority(this.sink, previous, entry, this.procOf);
    if (next !== undefined) {
      // The pair (previous, next) is no longer consecutive.
      if (next.majorityViolation !== null) this.sink.withdraw(next.majorityViolation);
      next.majorityViolation = judgePrimaryMajority(this.sink, entry, next, this.procOf);
    }
  }

  private onBcast(event: BcastEvent): void {
    const proc = this.proc(event.node);
    checkLifecycleAlive(this.sink, proc, event);
    checkLifecycleView(this.sink, proc, event);
    const messages = this.messages;
    const msg = messages.intern(event.msg);
    // A later `bcast` of an id is judged only by no-duplication and lifecycle.
    if ((messages.bcastI[msg] as number) >= 0) return reportDuplicateMulticast(this.ctx, msg, event);

    const order = orderCode(event.order);
    messages.bcastI[msg] = event.i;
    messages.sender[msg] = proc.index;
    messages.order[msg] = order;
    let log = proc.logs.get(event.view);
    if (log === undefined) proc.logs.set(event.view, (log = new MessageLog(proc.index, event.view)));
    messages.logs[msg] = log;
    messages.seq[msg] = log.msgs.length;
    messages.causalSeq[msg] = -1;
    log.msgs.push(msg);
    if (order !== ORDER_FIFO) stampCausalPast(this.ctx, proc, msg);
    if (order === ORDER_TOTAL) messages.totals.push(msg);
    proc.pendingSelf.push(msg);
    this.premature.judge(this.ctx, this.totalOrder, msg, order, event);
  }

  private onDeliver(event: DeliverEvent): void {
    const proc = this.proc(event.node);
    checkLifecycleAlive(this.sink, proc, event);
    checkLifecycleView(this.sink, proc, event);
    const messages = this.messages;
    const ctx = this.ctx;
    const msg = messages.intern(event.msg);
    checkDuplicateDelivery(ctx, proc, msg, event);
    const previousLast = proc.delivered.last(msg);
    const isFirst = previousLast < 0;
    const order = messages.order[msg] as number;
    if (order === ORDER_NONE) {
      reportDeliveryBeforeMulticast(ctx, event);
      this.premature.note(ctx, proc, msg, event, isFirst);
    } else {
      checkDeliverySender(ctx, msg, event);
      checkSendingViewDelivery(ctx, msg, event.node, event.view, event.i);
      if (isFirst) {
        checkFifoOrder(ctx, proc, msg, event.i);
        if (order !== ORDER_FIFO) checkCausalOrder(ctx, proc, msg, event.i);
      }
      if (order === ORDER_TOTAL) this.totalOrder.onDelivery(ctx, proc, msg, event.i);
    }
    proc.delivered.record(msg, event.i);
    if (isFirst && order !== ORDER_NONE && order !== ORDER_FIFO) mergeCausalPast(ctx, proc, msg);
    const stay = proc.stay;
    // A set: a message counts once per stay.
    if (stay !== null && previousLast < stay.installI) {
      stay.add(msg, event.i, mix32(msg, HASH_SALT_A), mix32(msg, HASH_SALT_B), MAX_STAY_LIST);
    }
  }

  private onEnded(event: CrashEvent | ExitEvent): void {
    const proc = this.proc(event.node);
    checkLifecycleAlive(this.sink, proc, event);
    if (event.type === 'exit' && event.reason === 'left' && proc.leftI < 0) proc.leftI = event.i;
    if (proc.ended) return;
    proc.endI = event.i;
    proc.endKind = event.type;
    proc.exitReason = event.type === 'exit' ? event.reason : null;
  }

  private warn(text: string): void {
    if (this.warnings.size < MAX_WARNINGS) this.warnings.add(text);
  }
}

/** Checks a whole trace's events (offline); the same code as online. */
export function checkEvents(events: Iterable<TraceEvent>, options: TraceCheckerOptions = {}): CheckResult {
  const checker = new TraceChecker(options);
  for (const event of events) checker.push(event);
  return checker.finish();
}
