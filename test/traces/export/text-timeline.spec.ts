import { describe, it, expect } from 'vitest';
import { Chalk } from 'chalk';
import { renderTextTimeline } from '../../../traces/export/text-timeline.ts';
import { hostileEvents, hostileHeader, sampleEvents, sampleHeader, sampleViolation } from './fixtures.ts';
import { netEvents, netHeader } from './net-fixtures.ts';
import { checkEvents } from '../../../checkers/index.ts';
import { groupedViolations } from '../../../cli/commands/view.ts';

const plain = new Chalk({ level: 0 });
const ESC = '\u001b';

/** The row of event `i` (rows start after 4 header lines). */
function rowOf(lines: string[], i: number): string {
  const row = lines.find((line) => new RegExp(`^\\s*${i} `).test(line));
  if (row === undefined) throw new Error(`no row for event ${i}`);
  return row;
}

describe('renderTextTimeline', () => {
  const lines = renderTextTimeline(sampleHeader, sampleEvents, { chalk: plain, violations: [sampleViolation] });

  it('has a header, one column per process and one row per event', () => {
    expect(lines[0]).toBe('trace protocol=isis-cbcast scenario=crash-during-flush seed=42');
    expect(lines[1]).toBe('events 0..24 of 25');
    expect(lines[2]).toMatch(/^\s+i\s+t\(us\)\s+p1\s+p2\s+p3\s+p4$/);
    for (const event of sampleEvents) expect(rowOf(lines, event.i)).toContain(String(event.t));
  });

  it('puts each event in its process column and marks membership', () => {
    const header = lines[2]!;
    const p2At = header.indexOf('p2');
    const deliver = rowOf(lines, 8);
    expect(deliver.indexOf('deliver m1 from p1 v1')).toBe(p2At);
    expect(deliver.slice(header.indexOf('p1'), p2At).trim()).toBe('│');
    // p2 before its first view is joining: dotted.
    expect(rowOf(lines, 3).slice(p2At).trim().startsWith('┊')).toBe(true);
    // After p3 crashed its column stays empty.
    expect(rowOf(lines, 14).length).toBeLessThan(header.indexOf('p3'));
  });

  it('marks views, faults and global events', () => {
    expect(rowOf(lines, 3)).toContain('view 1 [p1 p2 p3]');
    expect(rowOf(lines, 13)).toContain('crash');
    expect(rowOf(lines, 16)).toMatch(/══ partition \{p1\} \{p2\} ═+$/);
    expect(rowOf(lines, 18)).toContain('══ heal');
    expect(rowOf(lines, 23)).toContain('exit left');
  });

  it('flags the events of a violation and lists the violation', () => {
    expect(rowOf(lines, 9)).toMatch(/^\s+9\s+160 ! .*total-order$/);
    expect(rowOf(lines, 12)).toMatch(/ ! .*total-order$/);
    expect(rowOf(lines, 11)).not.toContain('!');
    expect(lines.at(-1)).toBe('  [1] total-order: p1 and p2 delivered m2 in different orders (events 9, 12)');
  });

  it('shows only the window, with the columns of processes alive in it', () => {
    const window = renderTextTimeline(sampleHeader, sampleEvents, { chalk: plain, from: 14, to: 20 });
    expect(window[1]).toBe('events 14..20 of 25');
    expect(window[2]).toMatch(/p1\s+p2\s+p4$/);
    expect(window).toHaveLength(4 + 7);
    // p2 was already a member when the window starts.
    expect(rowOf(window, 14)).toMatch(/view 2 \[p1 p2\]\s+│$/);
  });

  it('colours only when the chalk instance has colours', () => {
    expect(lines.join('\n')).not.toContain(ESC);
    const coloured = renderTextTimeline(sampleHeader, sampleEvents, { chalk: new Chalk({ level: 1 }) });
    expect(rowOf(coloured, 13)).toContain(`${ESC}[31m`);
  });

  it('escapes control characters from the trace, so a trace cannot drive the terminal', () => {
    const hostile = renderTextTimeline(hostileHeader, hostileEvents, { chalk: plain, cellWidth: 200 });
    const text = hostile.join('\n');
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\u2028');
    expect(text).toContain('\\u001b[31mred');
  });
});

describe('renderTextTimeline with network events', () => {
  const result = checkEvents(netEvents);
  const { violations, groups } = groupedViolations(result);
  const lines = renderTextTimeline(netHeader, netEvents, { chalk: plain, violations, violationGroups: groups });

  it('has a network row in the sender or receiver column for every frame event', () => {
    expect(lines[0]).toBe('trace protocol=isis-fifo scenario=lost-frame seed=7 detail=full');
    const header = lines[2]!;
    expect(rowOf(lines, 8).indexOf('send mc p1:1 → p2')).toBe(header.indexOf('p1'));
    expect(rowOf(lines, 10).indexOf('recv mc p1:1 ← p1')).toBe(header.indexOf('p2'));
    expect(rowOf(lines, 12).indexOf('drop mc p1:1 ← p1: loss')).toBe(header.indexOf('p3'));
    expect(rowOf(lines, 17)).toContain('dup mc p1:2 → p3 (copy #5)');
    expect(rowOf(lines, 22)).toContain('drop mc p1:2 ← p1: duplicate');
    expect(rowOf(lines, 23)).toContain('timer hb');
    expect(rowOf(lines, 25)).toContain('suspect p3');
  });

  it('spans the row with link changes and explorer choices', () => {
    expect(rowOf(lines, 37)).toMatch(/══ link every link reset ═+$/);
    expect(rowOf(lines, 38)).toMatch(/══ choice 9: deliver hb p2->p1 ═+$/);
  });

  it('lists the violations of one cause as one numbered group', () => {
    const list = lines.slice(lines.indexOf('7 violations:'));
    expect(list[1]).toBe('  [1] p3 never received p1:1: 3 violations');
    expect(list[2]).toMatch(/^ {6}fifo-order: p3 delivers p1:2/);
    expect(list[3]).toBe('      ... and 2 more: virtual-synchrony 1, delivery-liveness 1');
    expect(list[4]).toMatch(/^ {2}\[2\] view-agreement: /);
  });

  it('keeps only the rows the filter keeps, and says so', () => {
    const p3 = renderTextTimeline(netHeader, netEvents, {
      chalk: plain, violations, violationGroups: groups, filter: { nodes: ['p3'], violations: groups[0]!.members },
    });
    expect(p3[2]).toBe('filtered: process p3; violation fifo-order, virtual-synchrony, delivery-liveness: 12 of 40 rows');
    expect(p3[3]).toMatch(/^\s+i\s+t\(us\)\s+p3$/);
    const rows = p3.slice(5, p3.indexOf('')).map((line) => Number(/^\s*(\d+) /.exec(line)![1]));
    expect(rows).toEqual([2, 5, 12, 20, 21, 22, 24, 34, 35, 36, 37, 38, 39].filter((i) => i !== 34));
    // Columns keep following the events the filter hides: p3 is a member again after its view 2.
    const msgs = renderTextTimeline(netHeader, netEvents, { chalk: plain, filter: { messages: ['flush'] } });
    expect(msgs.some((line) => line.includes('send flush v2 → p2'))).toBe(true);
    expect(msgs.some((line) => line.includes('mc p1:1'))).toBe(false);
  });
});
