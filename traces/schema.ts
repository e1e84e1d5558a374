// The trace format, version 1: the types every writer, reader and checker
// shares. docs/trace-format.md is the prose version of this file; the two
// must say the same thing.

export const TRACE_FORMAT = 'vsynclab-trace';
export const TRACE_VERSION = 1;

import type { DeliveryOrder, ExitReason, MessageId, ProcessId, View, ViewId } from '../core/ids.ts';
import { DELIVERY_ORDERS } from '../core/ids.ts';

export { DELIVERY_ORDERS };
export type { DeliveryOrder, ExitReason, MessageId, ProcessId, View, ViewId };

/** Line 1 of a trace. Only `format` and `version` are required. */
export interface TraceHeader {
  type: 'header';
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  protocol?: string;
  scenario?: string;
  seed?: string;
  /** The property ids the run promises (its profile); `vsynclab check` checks only these. Default: all. */
  properties?: string[];
  /** Anything else a writer wants to keep (the runner stores what replay needs). */
  [extra: string]: unknown;
}

interface EventBase {
  /** 0-based position among events, strictly increasing by 1. */
  i: number;
  /** Simulated time in integer microseconds, non-decreasing. */
  t: number;
}

export interface StartEvent extends EventBase { type: 'start'; node: ProcessId }
export interface ViewEvent extends EventBase { type: 'view'; node: ProcessId; view: View }
export interface BcastEvent extends EventBase {
  type: 'bcast'; node: ProcessId; msg: MessageId; order: DeliveryOrder; view: ViewId;
}
export interface DeliverEvent extends EventBase {
  type: 'deliver'; node: ProcessId; msg: MessageId; from: ProcessId; view: ViewId;
}
export interface CrashEvent extends EventBase { type: 'crash'; node: ProcessId }
export interface ExitEvent extends EventBase { type: 'exit'; node: ProcessId; reason: ExitReason }
export interface PartitionEvent extends EventBase { type: 'partition'; groups: ProcessId[][] }
export interface HealEvent extends EventBase { type: 'heal' }
export interface EndEvent extends EventBase { type: 'end'; quiescent: boolean }

/** The events whose meaning the contract fixes. */
export type KnownTraceEvent =
  | StartEvent
  | ViewEvent
  | BcastEvent
  | DeliverEvent
  | CrashEvent
  | ExitEvent
  | PartitionEvent
  | HealEvent
  | EndEvent;

export type KnownEventType = KnownTraceEvent['type'];

/**
 * Events the contract allows beyond the known ones (network send/recv/drop,
 * timers, notes). Checkers ignore them.
 */
export interface OtherTraceEvent extends EventBase {
  type: string;
  [field: string]: unknown;
}

/**
 * How much of a run the trace records (header field `detail`): `app` the
 * events above and notes; `net` adds the network's story (send, recv, drop,
 * dup, link, suspect, choice); `full` adds timer fires. The extra events are
 * "other" events: checkers ignore them.
 */
export const TRACE_DETAILS = ['app', 'net', 'full'] as const;
export type TraceDetail = (typeof TRACE_DETAILS)[number];

/** The event types `net` and `full` add (never in an `app` trace). */
export const NETWORK_EVENT_TYPES: readonly string[] = ['send', 'recv', 'drop', 'dup', 'link', 'suspect', 'choice', 'timer'];

/** Why a frame never reached its receiver's protocol. */
export const DROP_REASONS = ['loss', 'cut', 'crashed', 'exited', 'duplicate'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** A protocol frame leaves `node` for `to`; `net` names this one frame in the trace. */
export interface SendEvent extends EventBase { type: 'send'; node: ProcessId; to: ProcessId; kind: string; key: string; net: number }
/** Frame `net` is handed to the receiver's protocol. */
export interface RecvEvent extends EventBase { type: 'recv'; node: ProcessId; from: ProcessId; kind: string; key: string; net: number }
/** Frame `net` dies before reaching `node` (the intended receiver). */
export interface DropEvent extends EventBase {
  type: 'drop'; node: ProcessId; from: ProcessId; kind: string; key: string; net: number; reason: DropReason;
}
/** The network duplicated frame `net`; the copy travels as frame `copy`. */
export interface DupEvent extends EventBase { type: 'dup'; node: ProcessId; to: ProcessId; kind: string; key: string; net: number; copy: number }
/** A timer of `node` fires (detail `full`). */
export interface TimerEvent extends EventBase { type: 'timer'; node: ProcessId; timer: string }
/** A link fault applies (`from`/`to` `"*"`: every link reset). */
export interface LinkEvent extends EventBase {
  type: 'link'; from: string; to: string; change: 'slow' | 'lossy' | 'reset';
  delay?: unknown; lossProbability?: number; duplicateProbability?: number; bidirectional?: boolean;
}
/** An external failure report handed to `node`'s protocol. */
export interface SuspectEvent extends EventBase { type: 'suspect'; node: ProcessId; suspect: ProcessId }
/** An explorer counterexample's choice at `step`, written before the events it caused. */
export interface ChoiceEvent extends EventBase { type: 'choice'; step: number; choice: string }

/** The "other" events issue 13 adds; each is an OtherTraceEvent as far as checkers go. */
export type NetworkTraceEvent = SendEvent | RecvEvent | DropEvent | DupEvent | TimerEvent | LinkEvent | SuspectEvent | ChoiceEvent;

/** True for the events only `net` and `full` traces hold. */
export function isNetworkEvent(event: { type: string }): boolean {
  return NETWORK_EVENT_TYPES.includes(event.type);
}

export type TraceEvent = KnownTraceEvent | OtherTraceEvent;

export type TraceLine = TraceHeader | TraceEvent;

/** An event before the writer numbers it: `i` is assigned on write. */
export type UnnumberedEvent = KnownTraceEventWithoutIndex | Omit<OtherTraceEvent, 'i'>;
type KnownTraceEventWithoutIndex = KnownTraceEvent extends infer E
  ? E extends KnownTraceEvent ? Omit<E, 'i'> : never
  : never;

export function isKnownEvent(event: TraceEvent): event is KnownTraceEvent {
  switch (event.type) {
    case 'start':
    case 'view':
    case 'bcast':
    case 'deliver':
    case 'crash':
    case 'exit':
    case 'partition':
    case 'heal':
    case 'end':
      return true;
    default:
      return false;
  }
}
