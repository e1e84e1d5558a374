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
