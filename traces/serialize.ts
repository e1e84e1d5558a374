// Turns trace lines into JSON Lines text. Key order is fixed by the order in
// which the writer builds each object (type, i, t, then fields), and
// JSON.stringify keeps insertion order, so the same run gives the same bytes.
import type { TraceEvent, TraceHeader, UnnumberedEvent } from './schema.ts';
import { TRACE_FORMAT, TRACE_VERSION } from './schema.ts';

export function makeHeader(fields: Omit<TraceHeader, 'type' | 'format' | 'version'>): TraceHeader {
  return { type: 'header', format: TRACE_FORMAT, version: TRACE_VERSION, ...fields };
}

/** Numbers an event: `type`, `i`, `t` first, then the event's own fields. */
export function numberEvent(event: UnnumberedEvent, i: number): TraceEvent {
  const { type, t, ...rest } = event as { type: string; t: number } & Record<string, unknown>;
  return { type, i, t, ...rest } as TraceEvent;
}

export function serializeLine(line: TraceHeader | TraceEvent): string {
  return JSON.stringify(line);
}
