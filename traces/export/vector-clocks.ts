// Vector clocks over a trace, for exporters that show causality (ShiViz).
// Rules: every event ticks its host's own entry; a `deliver` first merges the
// clock of the matching `bcast` (the message carries its sender's clock), and
// a `recv` merges the clock of the `send` of its frame (or of the `dup` that
// made the copy), so membership and flush traffic are edges too. A `drop`
// merges nothing: the intended receiver learnt nothing from the frame.
// Global events (partition, heal, end, unknown events without a node) belong
// to a pseudo host chosen by the caller. Runs in one pass, streaming.
import type { TraceEvent } from '../schema.ts';
import { isKnownEvent } from '../schema.ts';
import { asNetEvent } from './net-events.ts';

/**
 * A clock: entry h counts the events of host h (hosts numbered in order of
 * first appearance) this event knows of; 0 or missing means none. Dense
 * arrays, because copying one per event is the hot path of an export.
 */
export type VectorClock = readonly number[];

export interface ClockedEvent {
  event: TraceEvent;
  /** Index of the event's host in `hosts`. */
  host: number;
  clock: VectorClock;
}

export interface VectorClockOptions {
  /** The host of an event; must be defined for every event. */
  hostOf: (event: TraceEvent) => string;
}

/**
 * Streams events with their clocks. `hosts` grows as new hosts appear; read
 * it while iterating to name host indices. Memory: one clock per host, one
 * per multicast message (a `deliver` may come at any later point, so bcast
 * clocks are kept) and one per frame in flight (dropped at its recv or drop).
 */
export function vectorClocks(
  events: Iterable<TraceEvent>,
  options: VectorClockOptions,
): { clocked: Iterable<ClockedEvent>; hosts: readonly string[] } {
  const hosts: string[] = [];
  const hostIndex = new Map<string, number>();
  const current: VectorClock[] = [];
  const bcastClocks = new Map<string, VectorClock>();
  const frameClocks = new Map<number, VectorClock>();

  function indexOf(host: string): number {
    let index = hostIndex.get(host);
    if (index === undefined) {
      index = hosts.length;
      hosts.push(host);
      hostIndex.set(host, index);
    }
    return index;
  }

  function* generate(): Generator<ClockedEvent> {
    for (const event of events) {
      const host = indexOf(options.hostOf(event));
      const clock = (current[host] ?? []).slice();
      const net = asNetEvent(event);
      let sent: VectorClock | undefined;
      if (isKnownEvent(event) && event.type === 'deliver') sent = bcastClocks.get(event.msg);
      else if (net?.type === 'recv' || net?.type === 'drop') {
        sent = frameClocks.get(net.net);
        frameClocks.delete(net.net);
        if (net.type === 'drop') sent = undefined;
      }
      if (sent) for (let h = 0; h < sent.length; h++) clock[h] = Math.max(clock[h] ?? 0, sent[h] ?? 0);
      clock[host] = (clock[host] ?? 0) + 1;
      // Fill holes so the array stays dense (a sparse array is slow to copy).
      for (let h = 0; h < host; h++) clock[h] ??= 0;
      current[host] = clock;
      // A duplicate bcast id is a checker violation; keep the first clock.
      if (isKnownEvent(event) && event.type === 'bcast' && !bcastClocks.has(event.msg)) {
        bcastClocks.set(event.msg, clock);
      }
      if (net?.type === 'send') frameClocks.set(net.net, clock);
      else if (net?.type === 'dup') frameClocks.set(net.copy, clock);
      yield { event, host, clock };
    }
  }

  return { clocked: generate(), hosts };
}
