// lifecycle: "a process has events only after its `start` and none after its
// `crash` or `exit`; it multicasts and delivers only after its first view
// install; the `view` field of its `bcast` and `deliver` events equals the id
// of the view it installed last."
import type { BcastEvent, DeliverEvent, StartEvent } from '../traces/schema.ts';
import { describeAct } from './format.ts';
import type { ProcState } from './state.ts';
import type { ViolationSink } from './violation.ts';

/**
 * A `start`: not after the process ended. (A second `start` of a running
 * process is an event after its start, which lifecycle allows.)
 */
export function checkLifecycleStart(sink: ViolationSink, proc: ProcState, event: StartEvent): void {
  if (!proc.ended) return;
  const how = proc.endKind === 'crash' ? 'its crash' : 'its exit';
  // A process whose crash or exit came before any start of it did not start before.
  const again = proc.started ? ' again' : '';
  sink.report('lifecycle', [proc.endI, event.i], () =>
    `${proc.id} starts${again} after ${how}: a process id is never reused (a restart takes a new id).`,
  );
}

/** Any other event of a process: after its start, before its crash or exit. */
export function checkLifecycleAlive(
  sink: ViolationSink,
  proc: ProcState,
  event: { type: string; i: number; msg?: unknown; view?: unknown },
): void {
  if (!proc.started) {
    sink.report('lifecycle', [event.i], () => `${proc.id} ${describeAct(event)} before it starts.`);
    return;
  }
  if (!proc.ended) return;
  const how = proc.endKind === 'crash' ? 'its crash' : 'its exit';
  sink.report('lifecycle', [proc.endI, event.i], () => `${proc.id} ${describeAct(event)} after ${how}.`);
}

/** A `bcast` or `deliver`: after a view install, and in the view installed last. */
export function checkLifecycleView(sink: ViolationSink, proc: ProcState, event: BcastEvent | DeliverEvent): void {
  if (!proc.hasView) {
    sink.report('lifecycle', [event.i], () => `${proc.id} ${describeAct(event)} before installing any view.`);
    return;
  }
  if (event.view === proc.viewId) return;
  const installed = proc.viewId;
  sink.report('lifecycle', [proc.viewI, event.i], () =>
    `${proc.id} ${describeAct(event)} with view ${event.view}, but the view it installed last is ${installed}.`,
  );
}
