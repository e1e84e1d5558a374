// The checker: fed one event at a time, in trace order, by the simulator
// while it writes a run, or by the reader for a file. Both paths are this
// class, so online and offline results are the same by construction. Plain
// code, no I/O; per event it does a few map lookups and O(processes) work.
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
import { assertNever } from '../protocol/types.ts';
import { LIVENESS_PROPERTIES, SAFETY_PROPERTIES } from './properties.ts';
import type { PropertyId } from './properties.ts';
import { DEFAULT_MAX_VIOLATIONS, ViolationSink } from './violation.ts';
import type { Violation } from './violation.ts';
import { MessageRecord, ProcState, Residence, mix32 } from './state.ts';
import type { ViewState } from './state.ts';
import { MessageTable } from './message-table.ts';
import { ViewLedger } from './view-ledger.ts';
import type { LedgerEntry } from './view-ledger.ts';
import { ViewTable } from './view-table.ts';
import { checkLifecycleAlive, checkLifecycleStart, checkLifecycleView } from './lifecycle.ts';
import {
  checkSelfInclusion,
  checkViewAgreement,
  checkViewMonotonicity,
  judgePrimaryMajority,
} from './membership.ts';
import {
  checkDeliverySender,
  checkDuplicateDelivery,
  checkSelfDelivery,
  checkSendingViewDelivery,
  reportDeliveryOfRetired,
  reportDeliveryOfUnknown,
  reportDuplicateMulticast,
} from './delivery.ts';
import { closeResidence } from './virtual-synchrony.ts';
import {
  checkCausalOrder,
  checkFifoOrder,
  checkTotalOrder,
  mergeCausalPast,
  recordTotalDelivery,
  stampCausalPast,
} from './order.ts';
import {
  DeliveryObligations,
  checkDeliveryLiveness,
  checkViewConvergence,
  noteUndeliveredOnRetire,
} from './liveness.ts';

export interface CheckResult {
  ok: boolean;
  violations: Violation[];
  checked: PropertyId[];
  skipped: PropertyId[];
  /** Why something was not checked, or was checked only in part. */
  warnings: string[];
}

export interface TraceCheckerOptions {
  /** Violations kept in the result (the first of each property is always kept). Default 1000. */
  maxViolations?: number;
}

export const NO_END_WARNING = 'no end event: liveness skipped';
export const NOT_QUIESCENT_WARNING = 'end.quiescent is false: liveness skipped';

const MAX_WARNINGS = 50;
const HASH_SALT_A = 0x2545f491;
const HASH_SALT_B = 0x6c8e9cf5;

export class TraceChecker {
  private readonly sink: ViolationSink;
  private readonly procs = new Map<ProcessId, ProcState>();
  private readonly views = new ViewTable();
  private readonly ledger = new ViewLedger();
  private readonly messages = new MessageTable();
  private readonly obligations = new DeliveryObligations();
  private readonly warnings = new Set<string>();
  private end: EndEvent | null = null;
  private eventsAfterEnd = 0;
  private result: CheckResult | null = null;
  private readonly procOf = (id: ProcessId): ProcState | undefined => this.procs.get(id);

  constructor(options: TraceCheckerOptions = {}) {
    this.sink = new ViolationSink(options.maxViolations ?? DEFAULT_MAX_VIOLATIONS);
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
      checkViewConvergence(this.sink, this.procs.values());
      checkDeliveryLiveness(this.sink, this.views.values(), this.obligations, this.procOf);
    }
    this.sink.takeRevealed();
    if (this.end === null) this.warn(NO_END_WARNING);
    else if (!quiescent) this.warn(NOT_QUIESCENT_WARNING);
    if (this.eventsAfterEnd > 0) this.warn(`${this.eventsAfterEnd} event(s) after the end event were checked anyway`);
    if (this.sink.droppedCount > 0) {
      this.warn(`${this.sink.droppedCount} more violation(s) not listed (kept ${this.sink.violations.length})`);
    }
    this.result = {
      ok: this.sink.totalCount === 0,
      violations: [...this.sink.violations],
      checked: quiescent ? [...SAFETY_PROPERTIES, ...LIVENESS_PROPERTIES] : [...SAFETY_PROPERTIES],
      skipped: quiescent ? [] : [...LIVENESS_PROPERTIES],
      warnings: [...this.warnings],
    };
    return this.result;
  }

  /** How many violations of `property` were found so far, listed or not. */
  violationCount(property: PropertyId): number {
    return this.sink.countOf(property);
  }

  /** What the checker holds now (for the memory benchmark and tests). */
  stats(): { processes: number; openViews: number; openMessages: number; ledgerViews: number } {
    return {
      processes: this.procs.size,
      openViews: this.views.openCount,
      openMessages: this.messages.openCount,
      ledgerViews: this.ledger.size,
    };
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
    let proc = this.procs.get(id);
    if (proc === undefined) {
      proc = new ProcState(id);
      this.procs.set(id, proc);
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
    const open = this.views.get(id);
    const known = this.ledger.get(id);
    // The ledger forgets old ids; an open view still knows its first install.
    const first = known ?? (open?.members != null ? firstInstallOf(open) : undefined);
    if (first !== undefined) checkViewAgreement(this.sink, first, event);
    else this.firstInstall(event);
    if (open === undefined && known !== undefined) {
      // Installed views stay open until retired, so this one was retired.
      this.warn(`view ${id} was installed again (event ${event.i}) after every live member had left it; checks across the two stays are partial`);
    }
    const view = this.views.ensure(id, this.ledger.get(id));
    if (view.members === null) view.setMembers(event.view.members, event.i, event.node);

    checkSelfDelivery(this.sink, proc, event.i, id);
    if (proc.residence !== null) closeResidence(this.sink, proc.residence, id, event.i);
    if (proc.view !== null) proc.view.occupants -= 1;
    proc.hasView = true;
    proc.viewId = id;
    proc.viewI = event.i;
    proc.viewMembers = event.view.members;
    if (proc.ended) {
      // Reported by lifecycle; a dead process must not pin the view in memory.
      proc.view = null;
      proc.residence = null;
    } else {
      proc.view = view;
      view.occupants += 1;
      proc.residence = new Residence(proc.id, view, event.i);
    }
    this.retireFinishedViews();
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
    const { previous, next, previousForgotten } = this.ledger.insert(entry);
    if (previousForgotten) {
      this.warn(`view ${entry.id} was first installed after views below it were forgotten; primary-majority not checked for it`);
    }
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
    const existing = this.messages.get(event.msg);
    if (existing !== undefined) return reportDuplicateMulticast(this.sink, existing.bcastI, existing.sender, event);
    const retired = this.messages.retired(event.msg);
    if (retired !== undefined) return reportDuplicateMulticast(this.sink, retired.bcastI, retired.sender, event);

    const view = this.views.ensure(event.view, this.ledger.get(event.view));
    const slot = view.slotFor(event.node);
    const log = view.slots[slot]!;
    const ordinal = this.messages.ordinal;
    const message = new MessageRecord(
      event.msg,
      event.node,
      slot,
      event.order,
      view,
      event.i,
      log.sent.length,
      mix32(ordinal, HASH_SALT_A),
      mix32(ordinal, HASH_SALT_B),
    );
    log.sent.push(message);
    if (event.order !== 'fifo') {
      message.causalSeq = log.sentCausal.length;
      log.sentCausal.push(message);
      message.vc = stampCausalPast(view, slot, message.causalSeq);
    }
    this.messages.add(message);
    if (!proc.sentSinceInstall.some((run) => run.view === view)) {
      proc.sentSinceInstall.push({ view, slot, fromSeq: message.seq });
    }
  }

  private onDeliver(event: DeliverEvent): void {
    const proc = this.proc(event.node);
    checkLifecycleAlive(this.sink, proc, event);
    checkLifecycleView(this.sink, proc, event);
    const message = this.messages.get(event.msg);
    if (message === undefined) {
      const retired = this.messages.retired(event.msg);
      if (retired !== undefined) reportDeliveryOfRetired(this.sink, proc, retired, event);
      else reportDeliveryOfUnknown(this.sink, event, this.messages.forgotAny);
      return;
    }
    checkDeliverySender(this.sink, message.sender, message.bcastI, event);
    const slot = message.view.slotFor(event.node);
    if (checkDuplicateDelivery(this.sink, message, slot, event)) return;
    checkSendingViewDelivery(this.sink, proc, message.view.id, message.bcastI, event);

    checkFifoOrder(this.sink, message, slot, event.i);
    if (message.order !== 'fifo') checkCausalOrder(this.sink, message, slot, event.i);
    if (message.order === 'total') checkTotalOrder(this.sink, message, slot, event.i);

    message.deliveredAt[slot] = event.i;
    if (message.order !== 'fifo') mergeCausalPast(message, slot);
    if (message.order === 'total') recordTotalDelivery(message, slot, event.i);
    proc.residence?.add(message, event.i);
  }

  private onEnded(event: CrashEvent | ExitEvent): void {
    const proc = this.proc(event.node);
    checkLifecycleAlive(this.sink, proc, event);
    if (proc.ended) return;
    proc.endI = event.i;
    proc.endKind = event.type;
    proc.exitReason = event.type === 'exit' ? event.reason : null;
    if (proc.view !== null) proc.view.occupants -= 1;
    proc.view = null;
    proc.residence = null;
    proc.sentSinceInstall.length = 0;
    this.obligations.forget(proc.id);
    this.retireFinishedViews();
  }

  private retireFinishedViews(): void {
    this.views.retireFinished(this.procOf, (view) => {
      noteUndeliveredOnRetire(view, this.procOf, this.obligations, (message) => this.messages.retire(message));
    });
  }

  private warn(text: string): void {
    if (this.warnings.size < MAX_WARNINGS) this.warnings.add(text);
  }
}

function firstInstallOf(view: ViewState): Parameters<typeof checkViewAgreement>[1] {
  return {
    members: view.members ?? [],
    memberSet: view.memberSet ?? new Set(),
    firstInstallI: view.firstInstallI,
    firstInstaller: view.firstInstaller,
  };
}

/** Checks a whole trace's events (offline); the same code as online. */
export function checkEvents(events: Iterable<TraceEvent>, options: TraceCheckerOptions = {}): CheckResult {
  const checker = new TraceChecker(options);
  for (const event of events) checker.push(event);
  return checker.finish();
}
