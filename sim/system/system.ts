// The system: the global state of a run and its one step semantics.
// It holds the processes (their protocol states, crashed and exited ones,
// each host's incarnations), the network's cuts, and what the run has
// written; `step(choice)` (or the per-kind methods the timed scheduler calls
// directly, without allocating a choice) runs a handler through
// handlers.ts, interprets its effects through effects.ts and writes the
// trace events. What a sent message and a set timer become is the
// scheduler's business (`SystemScheduler`): the timed simulator turns them
// into queued events with network delays; choice replay keeps them in
// tables. Schedulers decide; they never interpret an effect.
// At detail `net` and `full` the system also writes the network's story
// (docs/trace-format.md, "Network events and detail levels"): `send` where a
// frame leaves, `recv` where it is handed to a handler, `drop` where it
// dies on arrival, and, reported by the scheduler, `drop` at send (loss,
// cut) and `dup`; `suspect`, `link` and (at `full`) `timer`. At `app` each
// site is one boolean test: no event object, no describeMessage call.
import type { AnyProtocol, AppRequest, MessageDescription, NodeContext, Observation, StartInput, Step } from '../../protocol/types.ts';
import { assertNever } from '../../protocol/types.ts';
import type { HostName } from '../../scenarios/types.ts';
import type { DropReason, ProcessId, TraceDetail, UnnumberedEvent } from '../../traces/schema.ts';
import type { Choice } from './choice.ts';
import { Cuts } from './cuts.ts';
import { applyEffects, observationEvent, type EffectTarget } from './effects.ts';
import { callInit, callMessage, callRequest, callSuspect, callTimer, type HandlerSite } from './handlers.ts';

export type ProcessStatus = 'live' | 'crashed' | 'exited';

export interface SystemProcess {
  readonly pid: ProcessId;
  readonly host: HostName;
  readonly ctx: NodeContext;
  state: unknown;
  status: ProcessStatus;
}

/** What a scheduler does with sent messages and timers. `P` is its process type. */
export interface SystemScheduler<P extends SystemProcess> {
  /** Makes the scheduler's process object for a new process. */
  createProcess(pid: ProcessId, host: HostName): P;
  /**
   * `from` sent `msg` to `to` (`target`: the process of that id, if it ever
   * existed); `message` numbers the send (0-based, in send order), the name
   * a `deliver` choice uses; `net` names the frame in the trace's network
   * events (-1 when the trace does not record them): the scheduler reports
   * what becomes of it through `frameDropped` and `frameDuplicated`.
   */
  transmit(from: P, to: ProcessId, target: P | undefined, msg: unknown, message: number, net: number): void;
  setTimer(process: P, tag: string, delayUs: number): void;
  cancelTimer(process: P, tag: string): void;
  /** The process crashed or exited: its pending timers are gone. */
  stopped(process: P): void;
  /** Send number `message`, for a `deliver` choice (schedulers that replay choices keep a table). */
  sentMessage?(message: number): { from: P; to?: ProcessId; target: P | undefined; msg: unknown; net?: number } | undefined;
}

/** Hears `view`, `note` and `exit` observations as they happen (fault triggers, rejoins). */
export type ObservationListener<P extends SystemProcess = SystemProcess> = (process: P, observation: Observation) => void;

export interface SystemOptions {
  protocol: AnyProtocol;
  /** Receives every trace event, in order, before numbering. */
  record: (event: UnnumberedEvent) => void;
  /** The index the next trace event will get (named when a protocol handler throws). */
  traceEventIndex?: () => number;
  /** Time unit of `t`: microseconds (timed runs) or steps. */
  timeUnit?: 'us' | 'step';
  /** The cuts, when the scheduler's network model shares them. */
  cuts?: Cuts;
  /** What the trace records beyond observations (traces/schema.ts TRACE_DETAILS); default `app`. */
  detail?: TraceDetail;
}

/** A link fault as the trace tells it (the network model reports it, sim/network.ts). */
export interface LinkChange {
  from: string;
  to: string;
  change: 'slow' | 'lossy' | 'reset';
  delay?: unknown;
  lossProbability?: number;
  duplicateProbability?: number;
  bidirectional?: boolean;
}

const UNDESCRIBED: MessageDescription = { kind: 'msg', key: '' };

export class System<P extends SystemProcess> implements EffectTarget<P>, HandlerSite {
  /** The current time, stamped on trace events (set by the scheduler). */
  t = 0;
  readonly processes = new Map<ProcessId, P>();
  /** Host -> its current (latest) process. */
  readonly currentOfHost = new Map<HostName, P>();
  /** Host -> how many processes it has had. */
  private readonly incarnations = new Map<HostName, number>();
  readonly cuts: Cuts;
  readonly listeners: ObservationListener<P>[] = [];
  readonly counts = { multicasts: 0, deliveries: 0, messagesSent: 0 };
  /** Hears every choice as it is made (recording for replay); null: nobody listens. */
  onChoice: ((choice: Choice) => void) | null = null;
  readonly timeUnit: 'us' | 'step';
  readonly protocol: AnyProtocol;
  private readonly record: (event: UnnumberedEvent) => void;
  /**
   * Detail `net` or `full`: frames, drops, duplicates, links and suspicions
   * are recorded. Every recording site checks this first, so `app` builds
   * no event object and calls no describeMessage.
   */
  readonly recordsNetwork: boolean;
  /** Detail `full`: timer fires are recorded too. */
  readonly recordsTimers: boolean;
  /** The next frame name (`net`): originals and duplicate copies alike, in the order they are made. */
  private nextNet = 0;

  constructor(private readonly options: SystemOptions, private readonly scheduler: SystemScheduler<P>) {
    this.protocol = options.protocol;
    this.record = options.record;
    this.timeUnit = options.timeUnit ?? 'us';
    this.cuts = options.cuts ?? new Cuts();
    const detail = options.detail ?? 'app';
    this.recordsNetwork = detail !== 'app';
    this.recordsTimers = detail === 'full';
  }

  traceEventIndex(): number {
    return this.options.traceEventIndex?.() ?? -1;
  }

  time(): number {
    return this.t;
  }

  liveProcesses(): P[] {
    const live: P[] = [];
    for (const p of this.processes.values()) if (p.status === 'live') live.push(p);
    return live;
  }

  /** Takes one choice (the per-kind methods below are the same steps without a choice object). */
  step(choice: Choice): void {
    this.t = choice.t;
    switch (choice.kind) {
      case 'start':
        this.start(choice.host, choice.start);
        return;
      case 'deliver': {
        const sent = this.scheduler.sentMessage?.(choice.message);
        if (sent === undefined) throw new Error(`deliver: no send #${choice.message}`);
        this.deliver(sent.from, sent.to ?? sent.target?.pid ?? '?', sent.target, sent.msg, choice.message, sent.net ?? -1);
        return;
      }
      case 'timer':
        this.fireTimer(this.known(choice.process), choice.tag);
        return;
      case 'request':
        this.request(this.known(choice.process), choice.request);
        return;
      case 'suspect':
        this.suspect(this.known(choice.process), choice.suspect);
        return;
      case 'crash':
        this.crash(this.known(choice.process));
        return;
      case 'partition':
        this.partition(choice.groups);
        return;
      case 'heal':
        this.heal();
        return;
      default:
        assertNever(choice, 'choice');
    }
  }

  private known(pid: ProcessId): P {
    const p = this.processes.get(pid);
    if (p === undefined) throw new Error(`no process ${pid}`);
    return p;
  }

  /** Creates the next process of `host` (p3, then p3#2, ...) and starts it. */
  start(host: HostName, start: StartInput): P {
    this.onChoice?.({ kind: 'start', t: this.t, host, start });
    const incarnation = (this.incarnations.get(host) ?? 0) + 1;
    this.incarnations.set(host, incarnation);
    const pid = incarnation === 1 ? host : `${host}#${incarnation}`;
    const process = this.scheduler.createProcess(pid, host);
    this.processes.set(pid, process);
    this.currentOfHost.set(host, process);
    this.record({ type: 'start', t: this.t, node: pid });
    this.apply(process, callInit(this.protocol, process.ctx, start, this));
    return process;
  }

  crash(process: P): void {
    if (process.status !== 'live') return;
    this.onChoice?.({ kind: 'crash', t: this.t, process: process.pid });
    process.status = 'crashed';
    this.scheduler.stopped(process);
    this.record({ type: 'crash', t: this.t, node: process.pid });
  }

  request(process: P, request: AppRequest): void {
    if (process.status !== 'live') return;
    this.onChoice?.({ kind: 'request', t: this.t, process: process.pid, request });
    this.apply(process, callRequest(this.protocol, process.state, request, process.ctx, this));
  }

  suspect(process: P, suspect: ProcessId): void {
    if (process.status !== 'live') return;
    this.onChoice?.({ kind: 'suspect', t: this.t, process: process.pid, suspect });
    if (this.recordsNetwork && this.protocol.onSuspect !== undefined) this.record({ type: 'suspect', t: this.t, node: process.pid, suspect });
    const step = callSuspect(this.protocol, process.state, suspect, process.ctx, this);
    if (step !== null) this.apply(process, step);
  }

  /**
   * Send number `message` (frame `net`) from `from` arrives for `to` (its
   * process `target`): lost if the target is gone or a cut is in the way.
   */
  deliver(from: P, to: ProcessId, target: P | undefined, msg: unknown, message: number, net = -1): void {
    if (this.onChoice !== null) this.onChoice({ kind: 'deliver', t: this.t, message });
    // The common case first, in few bytes: V8 inlines small methods into the
    // scheduler's loop (bench/sim-kernel.ts); drops and the network's trace
    // events are in methods of their own.
    if (target === undefined || target.status !== 'live' || this.cuts.isPartitioned || this.recordsNetwork) {
      this.deliverChecked(from, to, target, msg, net);
      return;
    }
    this.apply(target, callMessage(this.protocol, target.state, from.pid, msg, target.ctx, this));
  }

  /** `deliver` when the receiver may be gone, a cut may be in the way or the trace records frames. */
  private deliverChecked(from: P, to: ProcessId, target: P | undefined, msg: unknown, net: number): void {
    if (target === undefined || target.status !== 'live') {
      if (this.recordsNetwork) this.frameDropped(from, to, msg, net, target?.status === 'exited' ? 'exited' : 'crashed');
      return;
    }
    // A cut that happened while the message was on the wire loses it too.
    if (this.cuts.isPartitioned && !this.cuts.canTalk(from.host, target.host)) {
      if (this.recordsNetwork) this.frameDropped(from, to, msg, net, 'cut');
      return;
    }
    if (this.recordsNetwork) {
      const d = this.describe(msg);
      this.record({ type: 'recv', t: this.t, node: target.pid, from: from.pid, kind: d.kind, key: d.key, net });
    }
    this.apply(target, callMessage(this.protocol, target.state, from.pid, msg, target.ctx, this));
  }

  // The scheduler's reports on frames (they record only at `net` and `full`).

  /** Frame `net` from `from` to `to` dies: lost, cut, or its receiver gone. */
  frameDropped(from: P, to: ProcessId, msg: unknown, net: number, reason: DropReason): void {
    if (!this.recordsNetwork) return;
    const d = this.describe(msg);
    this.record({ type: 'drop', t: this.t, node: to, from: from.pid, kind: d.kind, key: d.key, net, reason });
  }

  /** The network copies frame `net`: returns the copy's own name (-1 when not recording). */
  frameDuplicated(from: P, to: ProcessId, msg: unknown, net: number): number {
    if (!this.recordsNetwork) return -1;
    const copy = this.nextNet++;
    const d = this.describe(msg);
    this.record({ type: 'dup', t: this.t, node: from.pid, to, kind: d.kind, key: d.key, net, copy });
    return copy;
  }

  /** A link fault applies (reported by the network model). */
  linkChanged(change: LinkChange): void {
    if (!this.recordsNetwork) return;
    this.record({ type: 'link', t: this.t, ...change });
  }

  private describe(msg: unknown): MessageDescription {
    const describeMessage = this.protocol.describeMessage;
    return describeMessage === undefined ? UNDESCRIBED : describeMessage.call(this.protocol, msg);
  }

  /** A pending timer fires (the scheduler knows it was neither cancelled nor replaced). */
  fireTimer(process: P, tag: string): void {
    if (process.status !== 'live') return;
    if (this.onChoice !== null) this.onChoice({ kind: 'timer', t: this.t, process: process.pid, tag });
    if (this.recordsTimers) this.record({ type: 'timer', t: this.t, node: process.pid, timer: tag });
    this.apply(process, callTimer(this.protocol, process.state, tag, process.ctx, this));
  }

  /** The network splits into `groups` of hosts; the trace names the live processes of each. */
  partition(groups: HostName[][]): void {
    this.onChoice?.({ kind: 'partition', t: this.t, groups });
    this.cuts.partition(groups);
    const pids = groups.map((hosts) => {
      const live: ProcessId[] = [];
      for (const host of hosts) {
        const process = this.currentOfHost.get(host);
        if (process !== undefined && process.status === 'live') live.push(process.pid);
      }
      return live;
    });
    this.record({ type: 'partition', t: this.t, groups: pids });
  }

  heal(): void {
    this.onChoice?.({ kind: 'heal', t: this.t });
    this.cuts.heal();
    this.record({ type: 'heal', t: this.t });
  }

  private apply(process: P, step: Step<unknown, unknown, string>): void {
    process.state = step.state;
    applyEffects(this, process, step.effects);
  }

  // EffectTarget: the system's side of every effect.

  isLive(process: P): boolean {
    return process.status === 'live';
  }

  send(process: P, to: ProcessId, msg: unknown): void {
    const message = this.counts.messagesSent++;
    const net = this.recordsNetwork ? this.recordSend(process, to, msg) : -1;
    this.scheduler.transmit(process, to, this.processes.get(to), msg, message, net);
  }

  /** Names the frame `process` sends and writes its `send` event (detail `net` and `full`); returns the name. */
  private recordSend(process: P, to: ProcessId, msg: unknown): number {
    const net = this.nextNet++;
    const d = this.describe(msg);
    this.record({ type: 'send', t: this.t, node: process.pid, to, kind: d.kind, key: d.key, net });
    return net;
  }

  setTimer(process: P, tag: string, delayUs: number): void {
    this.scheduler.setTimer(process, tag, delayUs);
  }

  cancelTimer(process: P, tag: string): void {
    this.scheduler.cancelTimer(process, tag);
  }

  observe(process: P, observation: Observation): void {
    this.record(observationEvent(process.pid, this.t, observation));
    switch (observation.type) {
      case 'bcast':
        this.counts.multicasts++;
        return;
      case 'deliver':
        this.counts.deliveries++;
        return;
      case 'exit':
        process.status = 'exited';
        this.scheduler.stopped(process);
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
