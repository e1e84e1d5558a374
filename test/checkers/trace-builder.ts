// Hand-written traces for the checker specs: numbers events and advances
// time, so a test reads as the story it tells.
import type { DeliveryOrder, ExitReason, ProcessId, TraceEvent } from '../../traces/schema.ts';
import { checkEvents } from '../../checkers/index.ts';
import type { CheckResult, PropertyId } from '../../checkers/index.ts';

export class TraceBuilder {
  readonly events: TraceEvent[] = [];
  private t = 0;

  private add(type: string, fields: Record<string, unknown>): number {
    const i = this.events.length;
    this.t += 10;
    this.events.push({ type, i, t: this.t, ...fields } as TraceEvent);
    return i;
  }

  start(...nodes: ProcessId[]): this {
    for (const node of nodes) this.add('start', { node });
    return this;
  }

  /** Every listed installer installs view `id` with `members` (installers default to the members). */
  view(id: number, members: ProcessId[], installers: ProcessId[] = members): this {
    for (const node of installers) this.add('view', { node, view: { id, members } });
    return this;
  }

  /** Starts the members and installs view 1 at each. */
  group(...members: ProcessId[]): this {
    return this.start(...members).view(1, members);
  }

  bcast(node: ProcessId, msg: string, order: DeliveryOrder, view: number): this {
    this.add('bcast', { node, msg, order, view });
    return this;
  }

  deliver(node: ProcessId, msg: string, from: ProcessId, view: number): this {
    this.add('deliver', { node, msg, from, view });
    return this;
  }

  /** Delivers `msg` at each of `nodes`, in that order. */
  deliverAt(nodes: ProcessId[], msg: string, from: ProcessId, view: number): this {
    for (const node of nodes) this.deliver(node, msg, from, view);
    return this;
  }

  /** Multicasts and delivers at every node listed (sender included if listed). */
  send(from: ProcessId, msg: string, order: DeliveryOrder, view: number, nodes: ProcessId[]): this {
    return this.bcast(from, msg, order, view).deliverAt(nodes, msg, from, view);
  }

  crash(node: ProcessId): this {
    this.add('crash', { node });
    return this;
  }

  exit(node: ProcessId, reason: ExitReason): this {
    this.add('exit', { node, reason });
    return this;
  }

  partition(groups: ProcessId[][]): this {
    this.add('partition', { groups });
    return this;
  }

  heal(): this {
    this.add('heal', {});
    return this;
  }

  other(type: string, fields: Record<string, unknown> = {}): this {
    this.add(type, fields);
    return this;
  }

  end(quiescent = true): this {
    this.add('end', { quiescent });
    return this;
  }

  check(): CheckResult {
    return checkEvents(this.events);
  }
}

export function trace(): TraceBuilder {
  return new TraceBuilder();
}

/** The distinct properties a result reports, in report order. */
export function violated(result: CheckResult): PropertyId[] {
  return [...new Set(result.violations.map((violation) => violation.property))];
}
