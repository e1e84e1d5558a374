// The pretty rendering of a state: readable lines, long arrays and objects
// abbreviated with a count and the hint, strings escaped for the terminal.
import { describe, expect, it } from 'vitest';
import { oneLine, prettyChanges, prettyLines } from '../../../sim/inspect/pretty-state.ts';

describe('prettyLines', () => {
  it('puts short values on one line and nests the rest', () => {
    const lines = prettyLines({ view: { id: 3, members: ['p1', 'p2'] }, frozen: false, attempt: null, big: { a: 'x'.repeat(80) } }, 2);
    expect(lines).toEqual(['  view: {id: 3, members: ["p1", "p2"]}', '  frozen: false', '  attempt: null', '  big:', `    a: "${'x'.repeat(80)}"`]);
  });

  it('shows the first items of a long array, counts the rest and says how to see them', () => {
    const lines = prettyLines({ log: Array.from({ length: 50 }, (_, k) => ({ seq: k, body: 'y'.repeat(30) })) }, 0);
    expect(lines[0]).toBe('log:');
    expect(lines.filter((l) => l.includes('seq:'))).toHaveLength(8);
    expect(lines[lines.length - 1]).toBe('  … 42 more items (50 in all; --json shows all)');
  });

  it('summarizes what is nested too deep', () => {
    let deep: unknown = { leaf: 'z'.repeat(100) };
    for (let k = 0; k < 12; k++) deep = { next: deep, pad: 'w'.repeat(80) };
    const lines = prettyLines(deep, 0);
    expect(lines.some((l) => /next: \{2 keys\} {2}\(--json shows all\)/.test(l))).toBe(true);
    expect(lines.length).toBeLessThan(30);
  });

  it('escapes control characters from the state', () => {
    expect(prettyLines({ text: 'a\u001b[2Jb' }, 0)).toEqual(['text: "a\\u001b[2Jb"']);
  });
});

describe('oneLine and prettyChanges', () => {
  it('cuts a long value and says what it was', () => {
    const text = oneLine(Array.from({ length: 30 }, (_, k) => k * 1000), 40);
    expect(text.length).toBeLessThan(60);
    expect(text).toMatch(/… \[30 items\]$/);
    expect(oneLine([1, 2])).toBe('[1, 2]');
    expect(oneLine(undefined)).toBe('(none)');
  });

  it('writes each change as path: before -> after', () => {
    expect(
      prettyChanges(
        [
          { path: ['view', 'id'], before: 1, after: 2 },
          { path: ['gone'], before: 'x', after: undefined },
          { path: [], before: undefined, after: { a: 1 } },
        ],
        2,
      ),
    ).toEqual(['  view.id: 1 -> 2', '  gone: "x" -> (removed)', '  (state): (none) -> {a: 1}']);
  });
});
