// The protocol contract (sans-IO). A protocol is plain-data state plus pure
// handlers; the simulator, the explorer, the checkers, replay and shrinking
// all work on any protocol written against this file.
//
// Rules a handler must keep (the explorer relies on them):
// - never mutate the input state (old states are kept without copying);
// - never read a clock, draw random numbers, or do I/O;
// - state and messages are plain data (objects, arrays, strings, numbers,
//   booleans, null), so they can be hashed canonically and printed.

import type { PropertyId } from '../core/property-ids.ts';
import type {
  DeliveryOrder,
  ExitReason,
  MessageId,
  ProcessId,
  View,
  ViewId,
} from '../core/ids.ts';

export type { DeliveryOrder, ExitReason, MessageId, ProcessId, View, ViewId };

/** What a process reports to the trace; the simulator adds node and time. */
export type Observation =
  | { type: 'view'; view: View }
  | { type: 'bcast'; msg: MessageId; order: DeliveryOrder; view: ViewId }
  | { type: 'deliver'; msg: MessageId; from: ProcessId; view: ViewId }
  | { type: 'exit'; reason: ExitReason }
  /** Free text for debugging; written as a `note` event, ignored by checkers. */
  | { type: 'note'; text: string };

/**
 * Effects are data. Timers are named by a tag; setting a tag that is already
 * pending replaces it (its old firing is cancelled).
 */
export type Effect<M, T extends string = string> =
  | { kind: 'send'; to: ProcessId; msg: M }
  | { kind: 'setTimer'; timer: T; delayUs: number }
  | { kind: 'cancelTimer'; timer: T }
  | { kind: 'observe'; observation: Observation };

export interface Step<S, M, T extends string = string> {
  state: S;
  effects: Effect<M, T>[];
}

export interface NodeContext {
  /** This process's id. */
  self: ProcessId;
}

/** How a process comes to exist. */
export type StartInput =
  /** One of the initial members: all of them start in the same first view. */
  | { mode: 'member'; initialMembers: ProcessId[] }
  /** A joiner (new process or restart): asks the given live processes to let it in. */
  | { mode: 'join'; contacts: ProcessId[] };

/** A key-value write: the payload every workload multicast carries. */
export interface KvWrite {
  key: string;
  value: number;
}

/** What the application (the scenario's workload) asks a process to do. */
export type AppRequest =
  | { type: 'multicast'; order: DeliveryOrder; payload: KvWrite }
  | { type: 'leave' };

export interface Protocol<S, M, T extends string = string> {
  /** Written to the trace header's `protocol` field. */
  readonly name: string;
  /**
   * The properties the protocol promises (its profile; for example extended
   * virtual synchrony, delivering in a transitional view, does not promise
   * sending-view-delivery). Default: all. Runs check only these.
   */
  readonly properties?: readonly PropertyId[];
  /** The start handler: creates the process's state. */
  init(ctx: NodeContext, start: StartInput): Step<S, M, T>;
  onMessage(state: S, from: ProcessId, msg: M, ctx: NodeContext): Step<S, M, T>;
  onTimer(state: S, timer: T, ctx: NodeContext): Step<S, M, T>;
  onRequest(state: S, request: AppRequest, ctx: NodeContext): Step<S, M, T>;
  /**
   * An external failure detector's report that `suspect` has failed. The
   * explorer uses it in place of heartbeat timers; a protocol with its own
   * detector routes its timeouts through the same path.
   */
  onSuspect?(state: S, suspect: ProcessId, ctx: NodeContext): Step<S, M, T>;
  /**
   * True when the process has nothing left to do but keep-alive work. The
   * simulator ends the settle phase early once every live process is quiet
   * and no message is in flight.
   */
  isQuiet?(state: S): boolean;
  /**
   * A canonical digest of the application state, compared across the
   * processes live at the end (replicas must agree). Null: no application.
   */
  appDigest?(state: S): string | null;
  /** True once the process has exited (it will take no more input). */
  hasExited?(state: S): boolean;
  /**
   * Names a message for the trace's network events (detail `net` and
   * `full`): `kind` a short word (`mc`, `flush`, `ack`, ...), `key` a short
   * human key (`p1:3`, `v2/b7`, or ""). Must be pure and cheap: it runs once
   * per frame event, and never at detail `app`. Without it, every frame is
   * `{kind: "msg", key: ""}`.
   */
  describeMessage?(msg: M): MessageDescription;
  /**
   * Symmetry reduction (sim/explore/symmetry.ts; optional): the state a
   * process would hold in the run where every process `p` is named
   * `perm.pid(p)` instead, with everything that refers to processes
   * permuted with them: ids, vector entries and ranks (re-derived from the
   * view's member list, which keeps its order), message ids and senders.
   * Supplying it promises that the handlers are symmetric: handling the
   * permuted input from the permuted state gives the permuted result (the
   * order of one step's deliveries may differ; the explorer checks that
   * order). Without it, `--symmetry` falls back to renaming strings only.
   */
  permute?(state: S, perm: ProcessPermutation): S;
  /** The message that `permute`'s renamed run sends in place of `msg`. */
  permuteMessage?(msg: M, perm: ProcessPermutation): M;
  /**
   * The explorer's state key (sim/explore/structural-hash.ts; optional): writes
   * every field of `state` to `out`, in a fixed order, with the length before
   * each variable-length part, so that two states write the same sequence
   * exactly when they are equal as plain data. Cheaper than the generic
   * canonical walk it replaces (no object lookups, nothing allocated).
   */
  encodeState?(state: S, out: StateEncoder): void;
  /** The same for a message. */
  encodeMessage?(msg: M, out: StateEncoder): void;
  /**
   * Why no two processes are interchangeable (for example: the coordinator
   * and the sequencer are the view's first member, and ballots and
   * succession follow rank). `--symmetry` is then refused with this reason.
   */
  readonly asymmetry?: string;
}

/**
 * A permutation of the initial processes (symmetry reduction). Ids outside
 * it (joiners, restarted incarnations) map to themselves.
 */
export interface ProcessPermutation {
  /** The initial processes, in the order their first view lists them. */
  readonly processes: readonly ProcessId[];
  /** The id process `p` has in the permuted run. */
  pid(p: ProcessId): ProcessId;
  /** A string with every process id token in it renamed (`p2:3`, `rt:p2`). */
  text(s: string): string;
  /**
   * `make(original)`, remembered per original object for this permutation,
   * so images of objects shared between states are shared too (cheaper to
   * hash). `make` must depend on nothing but `original`.
   */
  memo<T extends object>(original: T, make: (original: T) => T): T;
}

/** Where Protocol.encodeState writes a state (the explorer hashes what it is given as it comes). */
export interface StateEncoder {
  /** Any number (integers are the cheap case). */
  number(n: number): void;
  string(s: string): void;
  /** Any plain-data value, by the generic canonical hash: for parts not worth encoding field by field. */
  value(v: unknown): void;
}

/** How a message reads in a trace (Protocol.describeMessage). */
export interface MessageDescription {
  kind: string;
  key: string;
}

/** Any protocol, for code that does not care about its types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProtocol = Protocol<any, any, string>;

/** Builds a protocol from the scenario's `protocol.options`. */
export type ProtocolFactory = (options: Record<string, unknown>) => AnyProtocol;

/** Exhaustiveness check for switches over discriminated unions. */
export { assertNever } from '../core/assert-never.ts';
