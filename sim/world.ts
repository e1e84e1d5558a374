// The timed world: processes running a protocol's pure handlers, the event
// queue, the clock and the network. It is a scheduler over sim/system: the
// handlers are called through sim/system/handlers.ts and their effects are
// interpreted by sim/system/effects.ts; this file only says what a sent
// message and a set timer become in timed terms (queued events with network
// delays and drifting clocks). It decides nothing about workload or faults
// (those drivers live in workload.ts and faults.ts and call into it).
import type { AnyProtocol, AppRequest, NodeContext, Observation, StartInput, Step } from '../protocol/types.ts';
import { assertNever } from '../protocol/types.ts';
import type { HostName } from '../scenarios/types.ts';
import type { ProcessId, UnnumberedEvent } from '../traces/schema.ts';
import { EventQueue, type Scheduled } from './event-queue.ts';
import type { Network } from './network.ts';
import { applyEffects, type EffectTarget } from './system/effects.ts';
import { callInit, callMessage, callRequest, callSuspect, callTimer, type HandlerSite } from './system/handlers.ts';

/**
 * What the queue holds (with the queue's `timeUs` and `seq`, set on push).
 * Drivers add their own work through `driver`.
 */
export type SimEvent = Scheduled &
  (
    | { kind: 'msg'; to: ProcessId; target: SimProcess | undefined; from: SimProcess; msg: unknown }
    | { kind: 'timer'; target: SimProcess; tag: string; timer: TimerState }
    | { kind: 'driver'; run: () => void }
  );

/** A timer event is queued, cancelled while queued, or done (popped). */
const enum TimerState {
  Queued,
  Cancelled,
  Done,
}

// Every event is built with the same fields in the same order, so V8 gives
// them one hidden class and the dispatch loop stays monomorphic (measured:
// about a third faster than three shapes; bench/sim-kernel.ts).
function msgEvent(to: ProcessId, target: SimProcess | undefined, from: SimProcess, msg: unknown): SimEvent {
  return { timeUs: 0, seq: 0, kind: 'msg', to, target, from, msg, tag: '', timer: TimerState.Done, run: undefined } as SimEvent;
}
function timerEvent(target: SimProcess, tag: string): TimerEvent {
  return { timeUs: 0, seq: 0, kind: 'timer', to: '', target, from: undefined, msg: undefined, tag, timer: TimerState.Queued, run: undefined } as TimerEvent;
}
function driverEvent(run: () => void): SimEvent {
  return { timeUs: 0, seq: 0, kind: 'driver', to: '', target: undefined, from: undefined, msg: undefined, tag: '', timer: TimerState.Done, run } as SimEvent;
}

type TimerEvent = Extract<SimEvent, { kind: 'timer' }>;

export interface SimProcess {
  readonly pid: ProcessId;
  readonly host: HostName;
  readonly ctx: NodeContext;
  state: unknown;
  status: 'live' | 'crashed' | 'exited';
  /**
   * Timer tag -> its latest event. Replacing or cancelling a timer marks a
   * queued event cancelled, so firing needs no lookup; re-arming a timer
   * that already fired reuses its event, so a periodic timer allocates
   * nothing.
   */
  readonly timers: Map<string, TimerEvent>;
  /** Timer delays are multiplied by this (clock drift). */
  readonly timerScale: number;
}

/** Hears `view`, `note` and `exit` observations as they happen (fault triggers, rejoins). */
export type ObservationListener = (process: SimProcess, observation: Observation) => void;

/** Raised when a bound is hit: the run stops and says which bound. */
export class BoundHit extends Error {
  constructor(readonly bound: string) {
    super(`bound hit: ${bound}`);
  }
}

export interface WorldOptions {
  protocol: AnyProtocol;
  network: Network;
  queueCapacity: number;
  /** Receives every trace event, in order, before numbering. */
  record: (event: UnnumberedEvent) => void;
  /** Per-host clock drift in parts per million. */
  driftPpm: Record<HostName, number>;
  /** The index the next trace event will get (named when a protocol handler throws). */
  traceEventIndex?: () => number;
}

export class World implements EffectTarget<SimProcess>, HandlerSite {
  nowUs = 0;
  readonly queue: EventQueue<SimEvent>;
  readonly processes = new Map<ProcessId, SimProcess>();
  /** Host -> its current (latest) process. */
  readonly currentOfHost = new Map<HostName, SimProcess>();
  /** Host -> how many processes it has had. */
  private readonly incarnations = new Map<HostName, number>();
  readonly listeners: ObservationListener[] = [];
  messagesInFlight = 0;
  readonly counts = { multicasts: 0, deliveries: 0, messagesSent: 0, simEvents: 0 };

  constructor(private readonly options: WorldOptions) {
    this.queue = new EventQueue<SimEvent>(options.queueCapacity);
  }

  readonly timeUnit = 'us';

  traceEventIndex(): number {
    return this.options.traceEventIndex?.() ?? -1;
  }

  time(): number {
    return this.nowUs;
  }

  get protocol(): AnyProtocol {
    return this.options.protocol;
  }

  get network(): Network {
    return this.options.network;
  }

  /** `event` is a fresh object; the queue stamps its time and sequence number. */
  schedule(delayUs: number, event: SimEvent): void {
    if (!this.queue.push(this.nowUs + delayUs, event)) throw new BoundHit('maxInFlight (event queue full)');
  }

  /** Runs `run` at now + delayUs. */
  at(delayUs: number, run: () => void): void {
    this.schedule(delayUs, driverEvent(run));
  }

  liveProcesses(): SimProcess[] {
    const live: SimProcess[] = [];
    for (const p of this.processes.values()) if (p.status === 'live') live.push(p);
    return live;
  }

  /** Creates the next process of `host` (p3, then p3#2, ...) and starts it. */
  startProcess(host: HostName, start: StartInput): SimProcess {
    const incarnation = (this.incarnations.get(host) ?? 0) + 1;
    this.incarnations.set(host, incarnation);
    const pid = incarnation === 1 ? host : `${host}#${incarnation}`;
    const drift = this.options.driftPpm[host] ?? 0;
    const process: SimProcess = {
      pid,
      host,
      ctx: { self: pid },
      state: undefined,
      status: 'live',
      timers: new Map(),
      timerScale: 1 + drift / 1_000_000,
    };
    this.processes.set(pid, process);
    this.currentOfHost.set(host, process);
    this.options.record({ type: 'start', t: this.nowUs, node: pid });
    this.apply(process, callInit(this.protocol, process.ctx, start, this));
    return process;
  }

  crash(process: SimProcess): void {
    if (process.status !== 'live') return;
    process.status = 'crashed';
    process.timers.clear();
    this.options.record({ type: 'crash', t: this.nowUs, node: process.pid });
  }

  request(process: SimProcess, request: AppRequest): void {
    if (process.status !== 'live') return;
    this.apply(process, callRequest(this.protocol, process.state, request, process.ctx, this));
  }

  suspect(process: SimProcess, suspect: ProcessId): void {
    if (process.status !== 'live') return;
    const step = callSuspect(this.protocol, process.state, suspect, process.ctx, this);
    if (step !== null) this.apply(process, step);
  }

  /** Executes one queued event. */
  dispatch(event: SimEvent): void {
    this.counts.simEvents++;
    switch (event.kind) {
      case 'msg': {
        this.messagesInFlight--;
        const target = event.target;
        if (target === undefined || target.status !== 'live') return;
        // A cut that happened while the message was on the wire loses it too.
        if (this.network.isPartitioned && !this.network.canTalk(event.from.host, target.host)) return;
        this.apply(target, callMessage(this.protocol, target.state, event.from.pid, event.msg, target.ctx, this));
        return;
      }
      case 'timer': {
        const target = event.target;
        const state = event.timer;
        event.timer = TimerState.Done;
        if (state === TimerState.Cancelled || target.status !== 'live') return;
        this.apply(target, callTimer(this.protocol, target.state, event.tag, target.ctx, this));
        return;
      }
      case 'driver':
        event.run();
        return;
      default:
        assertNever(event, 'sim event');
    }
  }

  private apply(process: SimProcess, step: Step<unknown, unknown, string>): void {
    process.state = step.state;
    applyEffects(this, process, process.pid, this.nowUs, step.effects);
  }

  // EffectTarget: what effects mean in timed terms.

  isLive(process: SimProcess): boolean {
    return process.status === 'live';
  }

  setTimer(process: SimProcess, tag: string, delayUs: number): void {
    let event = process.timers.get(tag);
    if (event !== undefined && event.timer === TimerState.Done) {
      event.timer = TimerState.Queued;
    } else {
      if (event !== undefined) event.timer = TimerState.Cancelled;
      event = timerEvent(process, tag);
      process.timers.set(tag, event);
    }
    const scaled = process.timerScale === 1 ? delayUs : delayUs * process.timerScale;
    this.schedule(Math.max(0, Math.round(scaled)), event);
  }

  cancelTimer(process: SimProcess, tag: string): void {
    const pending = process.timers.get(tag);
    if (pending !== undefined && pending.timer === TimerState.Queued) pending.timer = TimerState.Cancelled;
  }

  send(process: SimProcess, to: ProcessId, msg: unknown): void {
    this.counts.messagesSent++;
    const target = this.processes.get(to);
    // Messages to processes that never existed vanish, like packets to an unused address.
    const toHost = target?.host ?? to;
    const delays = this.network.transmit(process.host, toHost);
    for (const delayUs of delays) {
      this.messagesInFlight++;
      this.schedule(delayUs, msgEvent(to, target, process, msg));
    }
  }

  observe(process: SimProcess, observation: Observation, event: UnnumberedEvent): void {
    this.options.record(event);
    switch (observation.type) {
      case 'bcast':
        this.counts.multicasts++;
        return;
      case 'deliver':
        this.counts.deliveries++;
        return;
      case 'exit':
        process.status = 'exited';
        process.timers.clear();
        for (const listener of this.listeners) listener(process, observation);
        return;
      case 'view':
      case 'note':
        for (const listener of this.listeners) listener(process, observation);
        return;
      default:
        assertNever(observation, 'observation');
    }
  }
}
