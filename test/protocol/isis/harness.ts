// A hand-driven network for unit tests of the pure ISIS handlers: messages
// wait in a list until the test delivers them (in any order it likes),
// timers fire only when the test says so, and every observation is recorded
// as a trace event the real checker can judge. No time, no randomness.
import { TraceChecker, type CheckResult } from '../../../checkers/index.ts';
import type { AnyProtocol, AppRequest, Effect, Observation, ProcessId, StartInput } from '../../../protocol/types.ts';
import type { TraceEvent } from '../../../traces/schema.ts';

export interface InFlight {
  from: ProcessId;
  to: ProcessId;
  msg: unknown;
}

export class Harness {
  readonly states = new Map<ProcessId, unknown>();
  readonly dead = new Set<ProcessId>();
  readonly inFlight: InFlight[] = [];
  readonly timers = new Map<ProcessId, Map<string, number>>();
  readonly events: TraceEvent[] = [];
  /** Every observation, with the process that made it. */
  readonly observed: { node: ProcessId; obs: Observation }[] = [];
  private clock = 0;

  /** freeze: deep-freeze every state, so a handler that mutates its input throws. */
  constructor(readonly protocol: AnyProtocol, private readonly freeze = false) {}

  private record(event: Record<string, unknown>): void {
    this.events.push({ ...event, i: this.events.length, t: this.clock++ } as TraceEvent);
  }

  start(pid: ProcessId, start: StartInput): void {
    this.record({ type: 'start', node: pid });
    const step = this.protocol.init({ self: pid }, start);
    this.apply(pid, step.state, step.effects);
  }

  startGroup(pids: ProcessId[]): void {
    for (const p of pids) this.start(p, { mode: 'member', initialMembers: pids });
  }

  request(pid: ProcessId, request: AppRequest): void {
    const step = this.protocol.onRequest(this.states.get(pid), request, { self: pid });
    this.apply(pid, step.state, step.effects);
  }

  suspect(pid: ProcessId, suspect: ProcessId): void {
    const handler = this.protocol.onSuspect;
    if (handler === undefined) throw new Error('protocol has no onSuspect');
    const step = handler(this.states.get(pid), suspect, { self: pid });
    this.apply(pid, step.state, step.effects);
  }

  fire(pid: ProcessId, timer: string): void {
    this.timers.get(pid)?.delete(timer);
    const step = this.protocol.onTimer(this.states.get(pid), timer, { self: pid });
    this.apply(pid, step.state, step.effects);
  }

  crash(pid: ProcessId): void {
    this.dead.add(pid);
    this.record({ type: 'crash', node: pid });
  }

  /** Delivers the in-flight message at `index` (default: the oldest). */
  deliver(index = 0): void {
    const [m] = this.inFlight.splice(index, 1);
    if (m === undefined || this.dead.has(m.to) || !this.states.has(m.to)) return;
    const step = this.protocol.onMessage(this.states.get(m.to), m.from, m.msg, { self: m.to });
    this.apply(m.to, step.state, step.effects);
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
    return this.protocol.hasExited?.(this.states.get(pid)) ?? false;
  }

  check(quiescent = true): CheckResult {
    const checker = new TraceChecker();
    for (const e of this.events) checker.push(e);
    checker.push({ type: 'end', quiescent, i: this.events.length, t: this.clock } as TraceEvent);
    return checker.finish();
  }

  private apply(pid: ProcessId, state: unknown, effects: Effect<unknown, string>[]): void {
    this.states.set(pid, this.freeze ? deepFreeze(state) : state);
    for (const e of effects) {
      switch (e.kind) {
        case 'send':
          this.inFlight.push({ from: pid, to: e.to, msg: e.msg });
          break;
        case 'setTimer': {
          const t = this.timers.get(pid) ?? new Map<string, number>();
          t.set(e.timer, e.delayUs);
          this.timers.set(pid, t);
          break;
        }
        case 'cancelTimer':
          this.timers.get(pid)?.delete(e.timer);
          break;
        case 'observe': {
          const o = e.observation;
          this.observed.push({ node: pid, obs: o });
          if (o.type === 'note') this.record({ type: 'note', node: pid, text: o.text });
          else if (o.type === 'exit') this.record({ type: 'exit', node: pid, reason: o.reason });
          else this.record({ ...o, node: pid });
          break;
        }
      }
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
