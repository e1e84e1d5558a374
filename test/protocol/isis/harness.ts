// A hand-driven scheduler over sim/system for unit tests of the pure ISIS
// handlers: messages wait in a list until the test delivers them (in any
// order it likes), timers fire only when the test says so, and every
// observation is recorded as a trace event the real checker can judge. No
// time, no randomness. Handlers are called and their effects interpreted by
// sim/system (the simulator's and the explorer's code), so the harness keeps
// the same rules: a process that exits does nothing more, its timers are
// gone, and messages to a crashed or exited process are not delivered.
//
// Tests drive it with its named methods, or as a scheduler: `enabled()`
// lists the choices of the moment and `step(choice)` takes one, so a test
// can write choices by hand or let fast-check pick them (`runChoices`).
import { TraceChecker, type CheckResult } from '../../../checkers/index.ts';
import type { AnyProtocol, AppRequest, Observation, ProcessId, StartInput, Step } from '../../../protocol/types.ts';
import type { TraceEvent, UnnumberedEvent } from '../../../traces/schema.ts';
import { numberEvent } from '../../../traces/serialize.ts';
import { applyEffects, observationEvent, type EffectTarget } from '../../../sim/system/effects.ts';
import { callInit, callMessage, callRequest, callSuspect, callTimer, type HandlerSite } from '../../../sim/system/handlers.ts';

export interface InFlight {
  from: ProcessId;
  to: ProcessId;
  msg: unknown;
}

/** One choice of the harness scheduler. */
export type HarnessChoice =
  | { kind: 'deliver'; index: number }
  | { kind: 'drop'; index: number }
  | { kind: 'duplicate'; index: number }
  | { kind: 'timer'; pid: ProcessId; tag: string }
  | { kind: 'crash'; pid: ProcessId };

export class Harness implements EffectTarget<ProcessId>, HandlerSite {
  readonly states = new Map<ProcessId, unknown>();
  readonly dead = new Set<ProcessId>();
  /** Processes that exited (left or excluded). */
  readonly gone = new Set<ProcessId>();
  readonly inFlight: InFlight[] = [];
  readonly timers = new Map<ProcessId, Map<string, number>>();
  readonly events: TraceEvent[] = [];
  /** Every observation, with the process that made it. */
  readonly observed: { node: ProcessId; obs: Observation }[] = [];
  private clock = 0;
  readonly timeUnit = 'step';

  /** freeze: deep-freeze every state, so a handler that mutates its input throws. */
  constructor(readonly protocol: AnyProtocol, private readonly freeze = false) {}

  traceEventIndex(): number {
    return this.events.length;
  }

  time(): number {
    return this.clock;
  }

  private record(event: UnnumberedEvent): void {
    this.events.push(numberEvent(event, this.events.length));
  }

  start(pid: ProcessId, start: StartInput): void {
    this.record({ type: 'start', t: this.clock++, node: pid });
    this.apply(pid, callInit(this.protocol, { self: pid }, start, this));
  }

  startGroup(pids: ProcessId[]): void {
    for (const p of pids) this.start(p, { mode: 'member', initialMembers: pids });
  }

  request(pid: ProcessId, request: AppRequest): void {
    this.apply(pid, callRequest(this.protocol, this.states.get(pid), request, { self: pid }, this));
  }

  suspect(pid: ProcessId, suspect: ProcessId): void {
    const step = callSuspect(this.protocol, this.states.get(pid), suspect, { self: pid }, this);
    if (step === null) throw new Error('protocol has no onSuspect');
    this.apply(pid, step);
  }

  fire(pid: ProcessId, timer: string): void {
    this.timers.get(pid)?.delete(timer);
    this.apply(pid, callTimer(this.protocol, this.states.get(pid), timer, { self: pid }, this));
  }

  crash(pid: ProcessId): void {
    this.dead.add(pid);
    this.timers.delete(pid);
    this.record({ type: 'crash', t: this.clock++, node: pid });
  }

  /** Delivers the in-flight message at `index` (default: the oldest). */
  deliver(index = 0): void {
    const [m] = this.inFlight.splice(index, 1);
    if (m === undefined || !this.states.has(m.to) || !this.isLive(m.to)) return;
    this.apply(m.to, callMessage(this.protocol, this.states.get(m.to), m.from, m.msg, { self: m.to }, this));
  }

  /** Delivers messages oldest first until none is left (or `maxSteps`), skipping those `drop` rejects. */
  run(maxSteps = 100_000, drop?: (m: InFlight) => boolean): number {
    let steps = 0;
    while (this.inFlight.length > 0 && steps < maxSteps) {
      const head = this.inFlight[0] as InFlight;
      if (drop?.(head)) this.inFlight.shift();
      else this.deliver(0);
      steps++;
    }
    return steps;
  }

  /** What may happen next: deliver, drop or duplicate any message, fire any pending timer, crash a live process. */
  enabled(options: { faults?: boolean } = {}): HarnessChoice[] {
    const out: HarnessChoice[] = [];
    for (let index = 0; index < this.inFlight.length; index++) out.push({ kind: 'deliver', index });
    for (const [pid, tags] of this.timers) {
      if (this.isLive(pid)) for (const tag of tags.keys()) out.push({ kind: 'timer', pid, tag });
    }
    if (options.faults === true) {
      for (let index = 0; index < this.inFlight.length; index++) out.push({ kind: 'drop', index }, { kind: 'duplicate', index });
      for (const pid of this.states.keys()) if (this.isLive(pid)) out.push({ kind: 'crash', pid });
    }
    return out;
  }

  /** Takes one choice. */
  step(choice: HarnessChoice): void {
    switch (choice.kind) {
      case 'deliver':
        this.deliver(choice.index);
        return;
      case 'drop':
        this.inFlight.splice(choice.index, 1);
        return;
      case 'duplicate': {
        const m = this.inFlight[choice.index];
        if (m !== undefined) this.inFlight.push({ ...m });
        return;
      }
      case 'timer':
        this.fire(choice.pid, choice.tag);
        return;
      case 'crash':
        this.crash(choice.pid);
        return;
      default: {
        const unknown: never = choice;
        throw new Error(`unknown harness choice ${JSON.stringify(unknown)}`);
      }
    }
  }

  /**
   * Runs up to `maxSteps` choices, each picked by `pick` among the enabled
   * ones (for example an index drawn by fast-check); stops when nothing is
   * enabled. Returns the choices taken.
   */
  runChoices(pick: (choices: readonly HarnessChoice[], step: number) => number, maxSteps: number, options: { faults?: boolean } = {}): HarnessChoice[] {
    const taken: HarnessChoice[] = [];
    for (let k = 0; k < maxSteps; k++) {
      const choices = this.enabled(options);
      if (choices.length === 0) break;
      const choice = choices[Math.abs(Math.trunc(pick(choices, k))) % choices.length] as HarnessChoice;
      taken.push(choice);
      this.step(choice);
    }
    return taken;
  }

  state<S>(pid: ProcessId): S {
    return this.states.get(pid) as S;
  }

  /** Observations of one kind by one process. */
  seen(pid: ProcessId, type: Observation['type']): Observation[] {
    return this.observed.filter((o) => o.node === pid && o.obs.type === type).map((o) => o.obs);
  }

  notes(pid: ProcessId): string[] {
    return this.seen(pid, 'note').map((o) => (o as { text: string }).text);
  }

  exited(pid: ProcessId): boolean {
    return this.gone.has(pid) || (this.protocol.hasExited?.(this.states.get(pid)) ?? false);
  }

  check(quiescent = true): CheckResult {
    const checker = new TraceChecker();
    for (const e of this.events) checker.push(e);
    checker.push({ type: 'end', quiescent, i: this.events.length, t: this.clock } as TraceEvent);
    return checker.finish();
  }

  private apply(pid: ProcessId, step: Step<unknown, unknown, string>): void {
    this.states.set(pid, this.freeze ? deepFreeze(step.state) : step.state);
    applyEffects(this, pid, step.effects);
  }

  // EffectTarget: what effects mean to a hand-driven test.

  isLive(pid: ProcessId): boolean {
    return !this.dead.has(pid) && !this.gone.has(pid);
  }

  send(pid: ProcessId, to: ProcessId, msg: unknown): void {
    this.inFlight.push({ from: pid, to, msg });
  }

  setTimer(pid: ProcessId, tag: string, delayUs: number): void {
    const t = this.timers.get(pid) ?? new Map<string, number>();
    t.set(tag, delayUs);
    this.timers.set(pid, t);
  }

  cancelTimer(pid: ProcessId, tag: string): void {
    this.timers.get(pid)?.delete(tag);
  }

  observe(pid: ProcessId, observation: Observation): void {
    this.observed.push({ node: pid, obs: observation });
    // Each observation gets its own tick, as the harness always numbered them.
    this.record(observationEvent(pid, this.clock++, observation));
    if (observation.type === 'exit') {
      this.gone.add(pid);
      this.timers.delete(pid);
    }
  }
}

/** Recursively freezes a value, so a handler that mutates its input state throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
