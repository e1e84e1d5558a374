import { describe, it, expect } from 'vitest';
import { describeEvent, eventNode, printable } from '../../../traces/export/describe-event.ts';
import { sampleEvents, hostileEvents } from './fixtures.ts';
import { netEvents } from './net-fixtures.ts';

describe('describeEvent', () => {
  it('labels every known event type without the acting process', () => {
    const labels = sampleEvents.map(describeEvent);
    expect(labels[0]).toBe('start');
    expect(labels[3]).toBe('view 1 [p1 p2 p3]');
    expect(labels[6]).toBe('bcast m1 causal v1');
    expect(labels[8]).toBe('deliver m1 from p1 v1');
    expect(labels[13]).toBe('crash');
    expect(labels[16]).toBe('partition {p1} {p2}');
    expect(labels[18]).toBe('heal');
    expect(labels[23]).toBe('exit left');
    expect(labels[24]).toBe('end quiescent');
  });

  it('labels unknown events by type and their extra fields', () => {
    expect(describeEvent(sampleEvents[17]!)).toBe('send {"to":"p2","bytes":12}');
  });

  it('cuts long extra fields of unknown events', () => {
    const label = describeEvent({ type: 'note', i: 0, t: 0, text: 'x'.repeat(500) });
    expect(label.length).toBeLessThan(100);
    expect(label.endsWith('…')).toBe(true);
  });
});

describe('describeEvent for network events', () => {
  it('labels frames with their kind, key and the other end, and drops with the reason', () => {
    expect(netEvents.slice(8, 13).map(describeEvent)).toEqual([
      'send mc p1:1 → p2', 'send mc p1:1 → p3', 'recv mc p1:1 ← p1', 'deliver p1:1 from p1 v1', 'drop mc p1:1 ← p1: loss',
    ]);
    expect(describeEvent(netEvents[17]!)).toBe('dup mc p1:2 → p3 (copy #5)');
    expect(describeEvent(netEvents[23]!)).toBe('timer hb');
    expect(describeEvent(netEvents[25]!)).toBe('suspect p3');
    expect(describeEvent(netEvents[37]!)).toBe('link every link reset');
    expect(describeEvent(netEvents[38]!)).toBe('choice 9: deliver hb p2->p1');
    expect(describeEvent({ type: 'link', i: 0, t: 0, from: 'p1', to: 'p2', change: 'lossy', lossProbability: 0.5 })).toBe('link p1→p2 lossy lossProbability=0.5');
    expect(describeEvent({ type: 'send', i: 0, t: 0, node: 'p1', to: 'p2', kind: 'hb', key: '', net: 3 })).toBe('send hb → p2');
  });

  it('treats a net event type with a missing field as an unknown event', () => {
    expect(describeEvent({ type: 'recv', i: 0, t: 0, node: 'p1', from: 'p2' })).toBe('recv {"from":"p2"}');
  });

  it('escapes control characters in frame fields', () => {
    expect(describeEvent({ type: 'send', i: 0, t: 0, node: 'p1', to: 'p2\u001b[2J', kind: 'mc', key: 'a\u2028b', net: 1 }))
      .toBe('send mc a\\u2028b → p2\\u001b[2J');
  });
});

describe('eventNode', () => {
  it('names the process of process events and nothing for global ones', () => {
    expect(eventNode(sampleEvents[8]!)).toBe('p2');
    expect(eventNode(sampleEvents[16]!)).toBeUndefined();
    expect(eventNode(sampleEvents[17]!)).toBe('p1');
    expect(eventNode({ type: 'timer', i: 0, t: 0, node: 42 })).toBeUndefined();
  });
});

describe('printable', () => {
  it('escapes controls, line separators and bidi overrides, keeps the rest', () => {
    expect(printable('a\u001b[31mb\nc\u2028d\u202ee')).toBe('a\\u001b[31mb\\u000ac\\u2028d\\u202ee');
    expect(printable('p3#2 ünïcødé <b>')).toBe('p3#2 ünïcødé <b>');
  });

  it('leaves no raw control character in a hostile note label', () => {
    const label = describeEvent(hostileEvents[6]!);
    expect(label).not.toMatch(/[\u0000-\u001f\u2028]/);
    expect(label).toContain('\\u001b');
  });
});
