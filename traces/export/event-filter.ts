// Which events a view of the trace keeps: by process, by message and by
// violation. The terminal timeline, the HTML page (server side, from the
// command line's --node/--msg/--violation) and the ShiViz log share it, so
// the three filters mean the same thing everywhere.
//
// - process: events of those processes, plus the events of no process
//   (partitions, heals, link changes, explorer choices, the end);
// - message: events about one of the named messages: a bcast or deliver of
//   that id, or a frame (send/recv/drop/dup) whose key or kind is named
//   (`--msg flush` keeps every flush frame); plus the frame of the story
//   (starts, views, crashes, exits, partitions, heals, link changes,
//   choices, the end), so the messages are seen in their views;
// - violation: the events the violations name, every event about the
//   messages those events carry, and the same frame of the story.
// Filters combine: an event is kept when every filter given keeps it.
import type { TraceEvent } from '../schema.ts';
import { isKnownEvent } from '../schema.ts';
import { assertNever } from '../../core/assert-never.ts';
import { eventNode } from './describe-event.ts';
import { asNetEvent, isFrameEvent } from './net-events.ts';
import type { ViolationMark } from './violation-mark.ts';

export interface EventFilter {
  /** Process ids to keep. */
  nodes?: readonly string[];
  /** Message ids, frame keys or frame kinds to keep. */
  messages?: readonly string[];
  /** Positions (in the violation list) of the violations whose story to keep. */
  violations?: readonly number[];
}

export function isEmptyFilter(filter: EventFilter | undefined): boolean {
  return filter === undefined || (filter.nodes === undefined && filter.messages === undefined && filter.violations === undefined);
}

/** The message ids and frame keys an event is about (empty for most events). */
export function eventMessageIds(event: TraceEvent): string[] {
  const net = asNetEvent(event);
  if (net !== undefined) return isFrameEvent(net) && net.key !== '' ? [net.key] : [];
  if (isKnownEvent(event)) return event.type === 'bcast' || event.type === 'deliver' ? [event.msg] : [];
  return [];
}

/** What a message filter matches: the ids and keys, and a frame's kind. */
export function eventMessages(event: TraceEvent): string[] {
  const ids = eventMessageIds(event);
  const net = asNetEvent(event);
  return net !== undefined && isFrameEvent(net) ? [...ids, net.kind] : ids;
}

/** True for the events that frame any story: lifecycle, views, faults, the end. */
export function isContextEvent(event: TraceEvent): boolean {
  const net = asNetEvent(event);
  if (net !== undefined) return net.type === 'link' || net.type === 'choice';
  if (!isKnownEvent(event)) return false;
  switch (event.type) {
    case 'start':
    case 'view':
    case 'crash':
    case 'exit':
    case 'partition':
    case 'heal':
    case 'end':
      return true;
    case 'bcast':
    case 'deliver':
      return false;
    default:
      return assertNever(event, 'trace event');
  }
}

/**
 * The messages of the violations' story: what the events they name are
 * about. `eventAt(i)` returns the event with index i, if it is known.
 */
export function violationMessages(
  marks: readonly ViolationMark[],
  positions: readonly number[],
  eventAt: (i: number) => TraceEvent | undefined,
): Set<string> {
  const messages = new Set<string>();
  for (const position of positions) {
    for (const i of marks[position]?.events ?? []) {
      const event = eventAt(i);
      if (event === undefined) continue;
      // A frame's kind (`mc`) would pull in every frame of that kind: ids and keys only.
      for (const id of eventMessageIds(event)) messages.add(id);
    }
  }
  return messages;
}

/**
 * A predicate over events for `filter`, or undefined when nothing is
 * filtered. `events` is the whole trace (indexed by `i`), used to find what
 * a violation's events are about.
 */
export function eventPredicate(
  filter: EventFilter | undefined,
  events: readonly TraceEvent[],
  marks: readonly ViolationMark[] = [],
): ((event: TraceEvent) => boolean) | undefined {
  if (filter === undefined || isEmptyFilter(filter)) return undefined;
  const nodes = filter.nodes === undefined ? undefined : new Set(filter.nodes);
  const messages = filter.messages === undefined ? undefined : new Set(filter.messages);
  let named: Set<number> | undefined;
  let story: Set<string> | undefined;
  if (filter.violations !== undefined) {
    named = new Set(filter.violations.flatMap((position) => marks[position]?.events ?? []));
    story = violationMessages(marks, filter.violations, (i) => events[i]);
  }
  return (event) => {
    if (nodes !== undefined) {
      const node = eventNode(event);
      if (node !== undefined && !nodes.has(node)) return false;
    }
    if (messages === undefined && story === undefined) return true;
    if (isContextEvent(event)) return true;
    const about = eventMessages(event);
    if (messages !== undefined && !about.some((m) => messages.has(m))) return false;
    if (story !== undefined && !named!.has(event.i) && !eventMessageIds(event).some((m) => story!.has(m))) return false;
    return true;
  };
}
