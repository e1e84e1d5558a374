// The timed world: a scheduler over sim/system. The system (sim/system/
// system.ts) holds the processes and the cuts, runs the handlers and
// interprets their effects; this file decides when things happen: the event
// queue and the clock, what a sent message becomes (the network model's
// delays, loss and duplication, drawn from seeded streams) and when a timer
// fires (with the host's clock drift). It decides nothing about workload or
// faults (those drivers live in workload.ts and faults.ts and call into it).
import type { AnyProtocol, AppRequest, StartInput } from '../protocol/types.ts';
import { assertNever } from '../protocol/types.ts';
import type { HostName } from '../scenarios/types.ts';
import type { ProcessId, TraceDetail, UnnumberedEvent } from '../traces/schema.ts';
import { EventQueue, type Scheduled } from './event-queue.ts';
import type { Network } from './network.ts';
import { System, type ObservationListener as SystemListener, type SystemProcess, type SystemScheduler } from './system/system.ts';

/**
 * What the queue holds (with the queue's `timeUs` and `seq`, set on push).
 * Drivers add their own work through `driver`.
 */
export type SimEvent = Scheduled &
  (
    | { kind: 'msg'; to: ProcessId; target: SimProcess | undefined; from: SimProcess; msg: unknown; message: number; net: number }
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
function newMsgEvent(to: ProcessId, target: SimProcess | undefined, from: SimProcess, msg: unknown, message: number, net: number): MsgEvent {
  return { timeUs: 0, seq: 0, kind: 'msg', to, target, from, msg, message, net, tag: '', timer: TimerState.Done, run: undefined } as MsgEvent;
}
function timerEvent(target: SimProcess, tag: string): TimerEvent {
  return { timeUs: 0, seq: 0, kind: 'timer', to: '', target, from: undefined, msg: undefined, message: -1, net: -1, tag, timer: TimerState.Queued, run: undefined } as TimerEvent;
}
function driverEvent(run: () => void): SimEvent {
  return { timeUs: 0, seq: 0, kind: 'driver', to: '', target: undefined, from: undefined, msg: undefined, message: -1, net: -1, tag: '', timer: TimerState.Done, run } as SimEvent;
}

type TimerEvent = Extract<SimEvent, { kind: 'timer' }>;
type MsgEvent = Extract<SimEvent, { kind: 'msg' }>;

/**
 * Delivered message events kept for reuse, at most this many (a run's peak
 * of messages in flight; past it they are left to the garbage collector).
 */
const MAX_FREE_MSG_EVENTS = 4096;

export interface SimProcess extends SystemProcess {
  /**
   * Timer tag -> its latest event. Replacing or cancelling a timer marks a
   * queued event cancelled, so firing needs no lookup; re-arming a timer
   * that already fired reuses its event, so a periodic timer allocates
   * nothing.
   */
  readonly timers: Map<string, TimerEvent>;
  /**
   * The entry of `timers` used last (undefined after they are dropped):
   * most handlers re-arm the timer that fired, so this skips the map.
   */
  lastTimer: TimerEvent | undefined;
  /** Timer delays are multiplied by this (clock drift). */
  readonly timerScale: number;
  /**
   * A number per host (the same for every incarnation of it): the message
   * path compares hosts by this instead of by name (two equal names built
   * apart are two strings, and comparing them calls into V8's runtime).
   */
  readonly hostId: number;
}

/** Hears `view`, `note` and `exit` observations as they happen (fault triggers, rejoins). */
export type ObservationListener = SystemListener<SimProcess>;

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
  /** What the trace records beyond observations; default `app`. */
  detail?: TraceDetail;
  /** Told of every request the workload makes of a process (sim/request-ledger.ts). */
  onRequest?: (pid: ProcessId, request: AppRequest) => void;
}

export class World implements SystemScheduler<SimProcess> {
  readonly queue: EventQueue<SimEvent>;
  readonly system: System<SimProcess>;
  messagesInFlight = 0;
  /** Queue events dispatched so far. */
  simEvents = 0;
  /** Set when the run must stop dispatching (settled, or a violation with stop-on-violation). */
  halted = false;
  /**
   * Message events already delivered, for reuse: a hop then allocates no
   * event record (bench/sim-kernel.ts). Each world has its own, so nothing
   * passes from one run to another; a record is released only after its
   * delivery returned, when nothing refers to it any more.
   */
  private readonly freeMsgEvents: MsgEvent[] = [];
  /** Host -> its `hostId`. */
  private readonly hostIds = new Map<HostName, number>();
  private readonly network_: Network;

  constructor(private readonly options: WorldOptions) {
    this.queue = new EventQueue<SimEvent>(options.queueCapacity);
    this.network_ = options.network;
    this.system = new System<SimProcess>(
      {
        protocol: options.protocol,
        record: options.record,
        cuts: options.network.cuts,
        timeUnit: 'us',
        detail: options.detail ?? 'app',
        ...(options.traceEventIndex !== undefined ? { traceEventIndex: options.traceEventIndex } : {}),
      },
      this,
    );
    if (this.system.recordsNetwork) options.network.onLinkChange = (change) => this.system.linkChanged(change);
  }

  get nowUs(): number {
    return this.system.t;
  }

  set nowUs(timeUs: number) {
    this.system.t = timeUs;
  }

  get protocol(): AnyProtocol {
    return this.options.protocol;
  }

  get network(): Network {
    return this.options.network;
  }

  get processes(): Map<ProcessId, SimProcess> {
    return this.system.processes;
  }

  /** Host -> its current (latest) process. */
  get currentOfHost(): Map<HostName, SimProcess> {
    return this.system.currentOfHost;
  }

  get listeners(): ObservationListener[] {
    return this.system.listeners;
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
    return this.system.liveProcesses();
  }

  /** Creates the next process of `host` (p3, then p3#2, ...) and starts it. */
  startProcess(host: HostName, start: StartInput): SimProcess {
    return this.system.start(host, start);
  }

  crash(process: SimProcess): void {
    this.system.crash(process);
  }

  request(process: SimProcess, request: AppRequest): void {
    this.options.onRequest?.(process.pid, request);
    this.system.request(process, request);
  }

  suspect(process: SimProcess, suspect: ProcessId): void {
    this.system.suspect(process, suspect);
  }

  /** Stops `runEvents` after the event being dispatched. */
  halt(): void {
    this.halted = true;
  }

  /**
   * Dispatches queued events, in time order, until `count` have run, the
   * queue is empty or the world is halted; returns how many ran. Throws
   * BoundHit when the run's dispatched events reach `maxEvents`. (The run's
   * hot loop: a plain method, which V8 optimises better than a loop inside
   * the run's generator.)
   */
  runEvents(count: number, maxEvents: number): number {
    const queue = this.queue;
    const system = this.system;
    let ran = 0;
    while (ran < count && !this.halted) {
      const event = queue.pop();
      if (event === undefined) break;
      system.t = event.timeUs;
      this.dispatch(event);
      ran++;
      if (this.simEvents >= maxEvents) throw new BoundHit('maxEvents');
    }
    return ran;
  }

  /** Executes one queued event. */
  dispatch(event: SimEvent): void {
    this.simEvents++;
    switch (event.kind) {
      case 'msg':
        this.messagesInFlight--;
        this.system.deliver(event.from, event.to, event.target, event.msg, event.message, event.net);
        this.releaseMsgEvent(event);
        return;
      case 'timer': {
        const state = event.timer;
        event.timer = TimerState.Done;
        if (state === TimerState.Cancelled) return;
        this.system.fireTimer(event.target, event.tag);
        return;
      }
      case 'driver':
        event.run();
        return;
      default:
        assertNever(event, 'sim event');
    }
  }

  // SystemScheduler: what messages and timers become in timed terms.

  createProcess(pid: ProcessId, host: HostName): SimProcess {
    const drift = this.options.driftPpm[host] ?? 0;
    let hostId = this.hostIds.get(host);
    if (hostId === undefined) this.hostIds.set(host, (hostId = this.hostIds.size));
    return { pid, host, ctx: { self: pid }, state: undefined, status: 'live', timers: new Map(), lastTimer: undefined, timerScale: 1 + drift / 1_000_000, hostId };
  }

  transmit(from: SimProcess, to: ProcessId, target: SimProcess | undefined, msg: unknown, message: number, net: number): void {
    const network = this.network_;
    // Messages to processes that never existed vanish, like packets to an unused address.
    const copies =
      target === undefined ? network.transmitCopies(from.host, to, from.host === to) : network.transmitCopies(from.host, target.host, target.hostId === from.hostId);
    if (copies === 1) {
      this.messagesInFlight++;
      this.schedule(network.firstDelayUs, this.msgEvent(to, target, from, msg, message, net));
    } else this.transmitLostOrDuplicated(copies, from, to, target, msg, message, net);
  }

  /** The rest of `transmit` when the frame was lost (0 copies) or duplicated (2): kept apart so the one-copy path stays small. */
  private transmitLostOrDuplicated(copies: 0 | 2, from: SimProcess, to: ProcessId, target: SimProcess | undefined, msg: unknown, message: number, net: number): void {
    const network = this.network_;
    if (copies === 0) {
      if (net >= 0) this.system.frameDropped(from, to, msg, net, network.lastDropReason);
      return;
    }
    // Read before the duplicate's trace event is recorded (a listener could transmit again).
    const secondDelayUs = network.secondDelayUs;
    this.messagesInFlight++;
    this.schedule(network.firstDelayUs, this.msgEvent(to, target, from, msg, message, net));
    // A duplicate travels under its own name; recorded only at `net` and `full` (net >= 0).
    const copy = net < 0 ? net : this.system.frameDuplicated(from, to, msg, net);
    this.messagesInFlight++;
    this.schedule(secondDelayUs, this.msgEvent(to, target, from, msg, message, copy));
  }

  private releaseMsgEvent(event: MsgEvent): void {
    if (this.freeMsgEvents.length >= MAX_FREE_MSG_EVENTS) return;
    // A pooled record keeps no message (nor a receiver) alive.
    event.target = undefined;
    event.msg = undefined;
    this.freeMsgEvents.push(event);
  }

  /** A message event: a delivered one's record from the pool, else a fresh one. */
  private msgEvent(to: ProcessId, target: SimProcess | undefined, from: SimProcess, msg: unknown, message: number, net: number): MsgEvent {
    const event = this.freeMsgEvents.pop();
    if (event === undefined) return newMsgEvent(to, target, from, msg, message, net);
    event.to = to;
    event.target = target;
    event.from = from;
    event.msg = msg;
    event.message = message;
    event.net = net;
    return event;
  }

  setTimer(process: SimProcess, tag: string, delayUs: number): void {
    let event = latestTimer(process, tag);
    if (event !== undefined && event.timer === TimerState.Done) {
      event.timer = TimerState.Queued;
    } else {
      if (event !== undefined) event.timer = TimerState.Cancelled;
      event = timerEvent(process, tag);
      process.timers.set(tag, event);
      process.lastTimer = event;
    }
    const scaled = process.timerScale === 1 ? delayUs : delayUs * process.timerScale;
    this.schedule(Math.max(0, Math.round(scaled)), event);
  }

  cancelTimer(process: SimProcess, tag: string): void {
    const pending = latestTimer(process, tag);
    if (pending !== undefined && pending.timer === TimerState.Queued) pending.timer = TimerState.Cancelled;
  }

  stopped(process: SimProcess): void {
    process.timers.clear();
    process.lastTimer = undefined;
  }
}

/** The latest event of `process`'s timer `tag`, if it ever had one. */
function latestTimer(process: SimProcess, tag: string): TimerEvent | undefined {
  const last = process.lastTimer;
  if (last !== undefined && last.tag === tag) return last;
  const event = process.timers.get(tag);
  if (event !== undefined) process.lastTimer = event;
  return event;
}
