// The one effect interpreter. A protocol handler returns a step (a new state
// and a list of effects); this file is the only code that turns those
// effects into messages, timers and trace observations, for every scheduler
// (the timed simulator, the explorer, the unit-test harness). A scheduler
// supplies an `EffectTarget`: where a sent message goes (a timed queue with
// network delays, the explorer's multiset of in-flight messages, a test's
// list) and how a timer is kept. The rules that make a run's meaning live
// here and nowhere else:
// - effects run in the order the handler listed them;
// - a process that exits mid-step does nothing more (the rest is ignored);
// - an `exit` observation ends the process: its timers are gone;
// - every observation becomes exactly one trace event (observationEvent).
import type { Effect, Observation } from '../../protocol/types.ts';
import { assertNever } from '../../protocol/types.ts';
import type { ProcessId, TraceEvent, UnnumberedEvent } from '../../traces/schema.ts';

/** What a scheduler's state does with one process's effects. `P` is the scheduler's process handle. */
export interface EffectTarget<P> {
  /** False once the process has crashed or exited: its remaining effects are ignored. */
  isLive(process: P): boolean;
  send(process: P, to: ProcessId, msg: unknown): void;
  /** Sets (or replaces) the timer `tag`. */
  setTimer(process: P, tag: string, delayUs: number): void;
  cancelTimer(process: P, tag: string): void;
  /**
   * One observation. The target writes its trace event, built by
   * `observationEvent` or `numberedObservationEvent` below (no other code
   * builds one). For `exit` the target must mark the process exited and
   * drop its timers.
   */
  observe(process: P, observation: Observation): void;
}

/** Executes `effects` of `process` in order, stopping when the process is no longer live. */
export function applyEffects<P>(target: EffectTarget<P>, process: P, effects: readonly Effect<unknown, string>[]): void {
  for (let k = 0; k < effects.length; k++) {
    // A process that exited mid-step does nothing more.
    if (!target.isLive(process)) return;
    const effect = effects[k] as Effect<unknown, string>;
    switch (effect.kind) {
      case 'send':
        target.send(process, effect.to, effect.msg);
        break;
      case 'setTimer':
        target.setTimer(process, effect.timer, effect.delayUs);
        break;
      case 'cancelTimer':
        target.cancelTimer(process, effect.timer);
        break;
      case 'observe':
        target.observe(process, effect.observation);
        break;
      default:
        assertNever(effect, 'effect');
    }
  }
}

/** The trace event an observation of `node` at time `t` writes (fields in the contract's order). */
export function observationEvent(node: ProcessId, t: number, o: Observation): UnnumberedEvent {
  switch (o.type) {
    case 'view':
      return { type: 'view', t, node, view: { id: o.view.id, members: [...o.view.members] } };
    case 'bcast':
      return { type: 'bcast', t, node, msg: o.msg, order: o.order, view: o.view };
    case 'deliver':
      return { type: 'deliver', t, node, msg: o.msg, from: o.from, view: o.view };
    case 'exit':
      return { type: 'exit', t, node, reason: o.reason };
    case 'note':
      return { type: 'note', t, node, text: o.text };
    default:
      return assertNever(o, 'observation');
  }
}

/** The same event with its index `i` (fields in the contract's order), for schedulers that number as they go. */
export function numberedObservationEvent(node: ProcessId, i: number, t: number, o: Observation): TraceEvent {
  switch (o.type) {
    case 'view':
      return { type: 'view', i, t, node, view: { id: o.view.id, members: [...o.view.members] } };
    case 'bcast':
      return { type: 'bcast', i, t, node, msg: o.msg, order: o.order, view: o.view };
    case 'deliver':
      return { type: 'deliver', i, t, node, msg: o.msg, from: o.from, view: o.view };
    case 'exit':
      return { type: 'exit', i, t, node, reason: o.reason };
    case 'note':
      return { type: 'note', i, t, node, text: o.text };
    default:
      return assertNever(o, 'observation');
  }
}
