import { describe, it, expect } from 'vitest';
import { checkEvents } from '../../../checkers/index.ts';
import { eventMessages, eventPredicate, isEmptyFilter } from '../../../traces/export/event-filter.ts';
import { netEvents } from './net-fixtures.ts';

const keptBy = (filter: Parameters<typeof eventPredicate>[0], marks = checkEvents(netEvents).violations): number[] => {
  const keep = eventPredicate(filter, netEvents, marks)!;
  return netEvents.filter(keep).map((e) => e.i);
};

describe('eventPredicate', () => {
  it('is undefined when nothing is filtered', () => {
    expect(eventPredicate(undefined, netEvents)).toBeUndefined();
    expect(eventPredicate({}, netEvents)).toBeUndefined();
    expect(isEmptyFilter({ nodes: ['p1'] })).toBe(false);
  });

  it("by process: that process's events and the events of no process", () => {
    expect(keptBy({ nodes: ['p3'] })).toEqual([2, 5, 12, 20, 21, 22, 24, 34, 35, 36, 37, 38, 39]);
  });

  it('by message: the events about it, by id, key or kind, in the frame of the story', () => {
    const about = keptBy({ messages: ['p1:1'] });
    expect(about).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 31, 33, 35, 36, 37, 38, 39]);
    const kind = keptBy({ messages: ['flush'] });
    expect(kind.filter((i) => netEvents[i]!.type === 'send' || netEvents[i]!.type === 'recv')).toEqual([26, 27]);
  });

  it('by violation: the named events and everything about their messages', () => {
    const marks = checkEvents(netEvents).violations;
    const fifo = marks.findIndex((v) => v.property === 'fifo-order');
    const kept = keptBy({ violations: [fifo] }, marks);
    // p1:1 and p1:2 (the messages of events 6, 13, 21), their frames included.
    for (const i of [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]) expect(kept).toContain(i);
    for (const i of [23, 25, 26, 27, 28]) expect(kept).not.toContain(i);
  });

  it('combines filters: every one must keep the event', () => {
    expect(keptBy({ nodes: ['p3'], messages: ['p1:1'] })).toEqual([2, 5, 12, 24, 35, 36, 37, 38, 39]);
  });
});

describe('eventMessages', () => {
  it('names the message of app events and the key and kind of frames', () => {
    expect(eventMessages(netEvents[6]!)).toEqual(['p1:1']);
    expect(eventMessages(netEvents[8]!)).toEqual(['p1:1', 'mc']);
    expect(eventMessages(netEvents[23]!)).toEqual([]);
    expect(eventMessages({ type: 'send', i: 0, t: 0, node: 'a', to: 'b', kind: 'hb', key: '', net: 1 })).toEqual(['hb']);
  });
});
