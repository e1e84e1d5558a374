import { describe, it, expect } from 'vitest';
import type { TraceEvent } from '../../../traces/schema.ts';
import { SHIVIZ_REGEX, ShiVizHostNames, toShiVizLog } from '../../../traces/export/shiviz.ts';
import { hostileEvents, numbered, sampleEvents } from './fixtures.ts';
import { netEvents } from './net-fixtures.ts';
import { checkEvents } from '../../../checkers/index.ts';

interface ParsedEvent { host: string; clock: Record<string, number>; event: string }

/**
 * Reads a log the way ShiViz does: line 1 is the regex, line 2 the execution
 * delimiter, the rest (trimmed) is matched repeatedly. ShiViz rewrites named
 * groups into plain groups and other groups into non-capturing ones; so do we.
 */
function parseLikeShiViz(log: string): { delimiter: string; events: ParsedEvent[] } {
  const [regexLine, delimiter, ...rest] = log.split('\n');
  const names = [...regexLine!.matchAll(/\(\?<(\w+)>/g)].map((m) => m[1]!);
  const plain = regexLine!.replace(/\((?!\?)/g, '(?:').replace(/\(\?<\w+>/g, '(');
  const regex = new RegExp(plain, 'g');
  const body = rest.join('\n').trim();
  const events: ParsedEvent[] = [];
  for (const match of body.matchAll(regex)) {
    const group = (name: string): string => match[names.indexOf(name) + 1]!;
    events.push({ host: group('host'), clock: JSON.parse(group('clock')) as Record<string, number>, event: group('event') });
  }
  return { delimiter: delimiter!, events };
}

/** ShiViz's checks when it builds its graph (ModelGraph). */
function validateLikeShiViz(events: ParsedEvent[]): void {
  const counts = new Map<string, number>();
  for (const e of events) {
    expect(e.clock).toHaveProperty([e.host]);
    const n = (counts.get(e.host) ?? 0) + 1;
    counts.set(e.host, n);
    expect(e.clock[e.host]).toBe(n);
  }
  for (const e of events) {
    for (const [host, time] of Object.entries(e.clock)) {
      expect(counts.has(host)).toBe(true);
      expect(time).toBeGreaterThanOrEqual(1);
      expect(time).toBeLessThanOrEqual(counts.get(host)!);
    }
  }
}

describe('toShiVizLog', () => {
  const log = toShiVizLog(sampleEvents);

  it('starts with the regex line and an empty delimiter line', () => {
    const lines = log.split('\n');
    expect(lines[0]).toBe(String.raw`(?<host>\S+) (?<clock>{.*})\n(?<event>.*)`);
    expect(lines[0]).toBe(SHIVIZ_REGEX);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('p1 {"p1":1}');
    expect(lines[3]).toBe('p1 start (i=0 t=0us)');
    expect(log.endsWith('\n')).toBe(true);
    expect(lines.length).toBe(2 + 2 * sampleEvents.length + 1);
  });

  it('parses back, one ShiViz event per trace event, with valid clocks', () => {
    const { delimiter, events } = parseLikeShiViz(log);
    expect(delimiter).toBe('');
    expect(events).toHaveLength(sampleEvents.length);
    validateLikeShiViz(events);
    // p3 delivers m1: it knows p1's bcast (p1's third event) but nothing of p2.
    expect(events[10]).toEqual({ host: 'p3', clock: { p3: 3, p1: 3 }, event: 'p3 deliver m1 from p1 v1 (i=10 t=170us)' });
    // Partition and heal sit on the pseudo host `sim`.
    expect(events[16]!.host).toBe('sim');
    expect(events[18]).toEqual({ host: 'sim', clock: { sim: 2 }, event: 'heal (i=18 t=700us)' });
  });

  it('is byte-for-byte the same on a second run', () => {
    expect(toShiVizLog(sampleEvents)).toBe(log);
  });

  it('keeps a hostile trace parseable: safe host names, one line per description', () => {
    const hostile = toShiVizLog(hostileEvents);
    const { events } = parseLikeShiViz(hostile);
    expect(events).toHaveLength(hostileEvents.length);
    validateLikeShiViz(events);
    expect(events[0]!.host).toBe('<img_src=x_onerror=alert(1)>');
    expect(events[1]!.host).toBe(`p_2'_onmouseover=_window.__pwned=2__<!--`);
    expect(hostile).not.toMatch(/[\u2028\u001b]/);
  });

  it('renames processes that clash with the pseudo host or with object properties', () => {
    const events: TraceEvent[] = numbered([
      { type: 'start', t: 0, node: 'sim' },
      { type: 'start', t: 0, node: '__proto__' },
      { type: 'start', t: 0, node: 'a b' },
      { type: 'start', t: 0, node: 'a_b' },
      { type: 'heal', t: 1 },
    ]);
    const { events: parsed } = parseLikeShiViz(toShiVizLog(events));
    expect(parsed.map((e) => e.host)).toEqual(['sim~1', '__proto__~1', 'a_b', 'a_b~1', 'sim']);
    validateLikeShiViz(parsed);
  });
});

describe('ShiVizHostNames', () => {
  it('gives the same id the same name and distinct ids distinct names', () => {
    const names = new ShiVizHostNames();
    expect(names.nameOf('p 1')).toBe('p_1');
    expect(names.nameOf('p_1')).toBe('p_1~1');
    expect(names.nameOf('p 1')).toBe('p_1');
    expect(names.nameOf('')).toBe('_');
    expect(names.nameOf('p3#2')).toBe('p3#2');
  });
});

describe('toShiVizLog with network events', () => {
  const violations = checkEvents(netEvents).violations;
  const log = toShiVizLog(netEvents, { violations });
  const { events } = parseLikeShiViz(log);

  it('parses back with valid clocks, one ShiViz event per trace event', () => {
    expect(events).toHaveLength(netEvents.length);
    validateLikeShiViz(events);
  });

  it('makes every received frame an edge: the recv knows its send', () => {
    // p1's send of frame 1 is its 5th event; p2's recv of it (event 10) merges that.
    expect(events[10]).toEqual({ host: 'p2', clock: { p2: 3, p1: 5 }, event: 'p2 recv mc p1:1 ← p1 (i=10 t=150us)' });
    // The flush from p1 (event 26) reaches p2 (event 27); the fok back reaches p1 (event 29).
    expect(events[27]!.clock.p1).toBe(events[26]!.clock.p1);
    expect(events[29]!.clock.p2).toBe(events[28]!.clock.p2);
    // The copy the network made (dup, event 17) is the source of the copy's fate; a drop learns nothing.
    expect(events[12]!.clock).toEqual({ p3: 3 });
  });

  it('writes the violations into the descriptions of the events they name', () => {
    expect(events[21]!.event).toMatch(/^p3 deliver p1:2 from p1 v1 \(i=21 t=250us\) ⚠ fifo-order: p3 delivers p1:2/);
    expect(events[8]!.event).not.toContain('⚠');
  });

  it('exports only what the filter keeps, with clocks over what is kept', () => {
    const p3 = parseLikeShiViz(toShiVizLog(netEvents, { violations, filter: { nodes: ['p3'] } })).events;
    validateLikeShiViz(p3);
    expect(new Set(p3.map((e) => e.host))).toEqual(new Set(['p3', 'sim']));
    const story = parseLikeShiViz(toShiVizLog(netEvents, { violations, filter: { violations: [0] } })).events;
    validateLikeShiViz(story);
    expect(story.some((e) => e.event.includes('flush'))).toBe(false);
    expect(story.some((e) => e.event.includes('drop mc p1:1'))).toBe(true);
  });
});
