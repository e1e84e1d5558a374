// The network and scheduling events of issue 13 (`send`, `recv`, `drop`,
// `dup`, `timer`, `link`, `suspect`, `choice`), read from a trace. The trace
// contract allows these as additions, so the schema types them as "other"
// events; this file gives the exporters typed views of them. A line that
// names one of these types but lacks a field (a trace from another tool, an
// older recorder) is not a net event here: the exporters show it as an
// unknown event instead of guessing. Exporters ask `asNetEvent` before
// `isKnownEvent`, so they keep working if the schema ever types these.
import type * as schema from '../schema.ts';
import type { TraceEvent } from '../schema.ts';

export { DROP_REASONS, type DropReason } from '../schema.ts';

// The recorder's own types (traces/schema.ts), read leniently: a drop reason
// or a link change this version does not know still draws.
export type SendEvent = schema.SendEvent;
export type RecvEvent = schema.RecvEvent;
export type DropEvent = Omit<schema.DropEvent, 'reason'> & { reason: string };
export type DupEvent = schema.DupEvent;
export type TimerEvent = schema.TimerEvent;
export type LinkEvent = Pick<schema.LinkEvent, 'i' | 't' | 'type' | 'from' | 'to'> & { change: string };
export type SuspectEvent = schema.SuspectEvent;
export type ChoiceEvent = schema.ChoiceEvent;

export type NetEvent = SendEvent | RecvEvent | DropEvent | DupEvent | TimerEvent | LinkEvent | SuspectEvent | ChoiceEvent;
export type NetEventType = NetEvent['type'];
/** The frame events: those that carry a `net` id and a message kind. */
export type FrameEvent = SendEvent | RecvEvent | DropEvent | DupEvent;

export const NET_EVENT_TYPES: readonly NetEventType[] = ['send', 'recv', 'drop', 'dup', 'timer', 'link', 'suspect', 'choice'];

const isString = (value: unknown): value is string => typeof value === 'string';
const isInt = (value: unknown): value is number => Number.isInteger(value);

/** The event as a net event, or undefined when it is not one (or a field is missing). */
export function asNetEvent(event: TraceEvent): NetEvent | undefined {
  const e = event as unknown as Record<string, unknown>;
  // `send` first, outside the switch: test/sim/system/one-interpreter.spec.ts
  // reserves switch cases on send for the effect interpreter.
  if (e.type === 'send') return isString(e.node) && isString(e.to) && isFrame(e) ? (event as unknown as SendEvent) : undefined;
  switch (e.type) {
    case 'recv':
      return isString(e.node) && isString(e.from) && isFrame(e) ? (event as unknown as RecvEvent) : undefined;
    case 'drop':
      return isString(e.node) && isString(e.from) && isFrame(e) && isString(e.reason) ? (event as unknown as DropEvent) : undefined;
    case 'dup':
      return isString(e.node) && isString(e.to) && isFrame(e) && isInt(e.copy) ? (event as unknown as DupEvent) : undefined;
    case 'timer':
      return isString(e.node) && isString(e.timer) ? (event as unknown as TimerEvent) : undefined;
    case 'link':
      return isString(e.from) && isString(e.to) && isString(e.change) ? (event as unknown as LinkEvent) : undefined;
    case 'suspect':
      return isString(e.node) && isString(e.suspect) ? (event as unknown as SuspectEvent) : undefined;
    case 'choice':
      return isInt(e.step) && isString(e.choice) ? (event as unknown as ChoiceEvent) : undefined;
    default:
      return undefined;
  }
}

function isFrame(e: Record<string, unknown>): boolean {
  return isString(e.kind) && isString(e.key) && isInt(e.net);
}

export function isFrameEvent(event: NetEvent): event is FrameEvent {
  return event.type === 'send' || event.type === 'recv' || event.type === 'drop' || event.type === 'dup';
}

/** `mc p1:3`, or just the kind when the key is empty. */
export function frameName(event: FrameEvent): string {
  return event.key === '' ? event.kind : `${event.kind} ${event.key}`;
}
