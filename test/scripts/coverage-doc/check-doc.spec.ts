// The doc's never-run lists against a coverage report, on a small fixture:
// entries found by anchor after the code moved, their line numbers and the
// group counts rewritten, a point no entry explains and an entry whose code
// runs now reported, an entry without an anchor given one.
import { describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../../sim/coverage/report.ts';
import { anchorOf, matchEntries, parseEntries, snippetAt, SourceFile } from '../../../scripts/coverage-doc/anchors.ts';
import { checkDoc } from '../../../scripts/coverage-doc/check-doc.ts';

const OLD = [
  'export function settle(xs: number[], k: number): number {',
  '  const first = xs[0] ?? 0;',
  '  if (k < 0) {',
  '    return first;',
  '  }',
  '  return (xs[k] ?? 0) + (xs[k + 1] ?? 0);',
  '}',
  'const drop = (n: number): number => {',
  '  if (n > 3) return 0;',
  '  return n;',
  '};',
].join('\n');

// Two lines added above `settle`, one inside it: every point moved.
const NEW = ['// a comment', 'import { x } from "./x.ts";', ...OLD.split('\n').slice(0, 2), '  const unused = x;', ...OLD.split('\n').slice(2)].join('\n');

function report(neverRun: { line: number; column: number; kind: CoverageReport['files'][number]['neverRun'][number]['kind'] }[]): CoverageReport {
  return {
    format: 'vsynclab-coverage', version: 1, runs: 3, subject: '3 runs', source: 'test',
    totals: { branches: { total: 10, run: 10 - neverRun.length }, functions: { total: 2, run: 2 } },
    files: [{ file: 'protocol/isis/a.ts', branches: { total: 10, run: 10 - neverRun.length }, functions: { total: 2, run: 2 }, neverRun }],
    facts: { note: {}, 'note-pair': {}, 'message-kind': {}, 'fault-role': {} },
  };
}

const DOC = [
  '# Doc',
  '## Coverage',
  'Default suite now (`scripts/coverage-doc.ts` writes this line): old.',
  '<details><summary>Index fallbacks: 9</summary>',
  '',
  '- `a.ts:2:26` right-operand in `settle`: `= xs[0] ?? 0;`',
  '- `a.ts:6:38` right-operand in `settle`: `(xs[k + 1] ?? 0);`',
  '- `a.ts:6:17` right-operand in `settle`: `(xs[k] ?? 0) +`',
  '',
  '</details>',
  '<details><summary>Guards: 0</summary>',
  '',
  '- `a.ts:9:14` then',
  '- `a.ts:4:5` then in `settle`: `return first;`',
  '',
  '</details>',
  '## Next',
  '- `a.ts:1:1` then in `settle`: `not in the section`',
].join('\n');

const sources = (text: string) => (file: string) => (file === 'a.ts' ? new SourceFile(file, text) : null);
const docFile = (f: string): string | null => (f.startsWith('protocol/isis/') ? f.slice('protocol/isis/'.length) : null);

describe('anchors', () => {
  it('names the innermost named function, arrows by the name they are given', () => {
    const source = new SourceFile('a.ts', OLD);
    expect(source.functionAt(4, 4)).toBe('settle');
    expect(source.functionAt(9, 13)).toBe('drop');
    expect(new SourceFile('b.ts', 'const x = 1 ?? 2;').functionAt(1, 15)).toBe('(top level)');
  });

  it('takes a snippet around the column, widened until it names no rival point', () => {
    expect(snippetAt('  const first = xs[0] ?? 0;', 25, 2, 24)).toBe('xs[0] ?? 0;');
    expect(snippetAt('  return `a ${b ?? c}`;', 16, 2, 24)).toBe('a ${b ?? c}');
    const source = new SourceFile('a.ts', OLD);
    const left = { file: 'a.ts', line: 6, column: 16, kind: 'right-operand' };
    const right = { file: 'a.ts', line: 6, column: 37, kind: 'right-operand' };
    const anchor = anchorOf(left, source, [left, right]);
    expect(anchor.fn).toBe('settle');
    expect(anchor.snippet).toContain('xs[k] ?? 0');
    expect(matchEntries(parseEntries([`- \`a.ts:6:17\` right-operand in \`settle\`: \`${anchor.snippet}\``]), [right, left], sources(OLD)).matched.values().next().value).toEqual(left);
  });
});

describe('checkDoc', () => {
  // The points never run in NEW: the three fallbacks and the `then` of `if (k < 0)` (moved down by 3), and `drop`'s then.
  const now = report([
    { line: 4, column: 25, kind: 'right-operand' },
    { line: 7, column: 4, kind: 'then' },
    { line: 9, column: 16, kind: 'right-operand' },
    { line: 9, column: 37, kind: 'right-operand' },
    { line: 12, column: 13, kind: 'then' },
  ]);

  it('rewrites moved entries, anchors a bare one, recounts groups and the totals line, touches nothing outside the section', () => {
    const check = checkDoc(DOC, now, docFile, sources(NEW), sources(OLD));
    expect(check.unexplained).toEqual([]);
    expect(check.stale).toEqual([]);
    expect(check.matched).toBe(5);
    expect(check.moved).toBe(5);
    const lines = check.text.split('\n');
    expect(lines).toContain('- `a.ts:4:26` right-operand in `settle`: `= xs[0] ?? 0;`');
    expect(lines).toContain('- `a.ts:9:38` right-operand in `settle`: `(xs[k + 1] ?? 0);`');
    expect(lines).toContain('- `a.ts:9:17` right-operand in `settle`: `(xs[k] ?? 0) +`');
    expect(lines).toContain('- `a.ts:7:5` then in `settle`: `return first;`');
    expect(lines.find((l) => l.startsWith('- `a.ts:12:14` then in `drop`: `'))).toBeDefined();
    expect(lines).toContain('<details><summary>Index fallbacks: 3</summary>');
    expect(lines).toContain('<details><summary>Guards: 2</summary>');
    expect(lines).toContain('Default suite now (`scripts/coverage-doc.ts` writes this line): 3 runs, 5 of 10 branch points, 2 of 2 functions, 5 points never run.');
    expect(lines.at(-1)).toBe('- `a.ts:1:1` then in `settle`: `not in the section`');
    // Rewritten once, the doc is current: a second check changes nothing.
    const again = checkDoc(check.text, now, docFile, sources(NEW));
    expect(again.text).toBe(check.text);
    expect(again.moved).toBe(0);
  });

  it('reports a point no entry explains, with a line to paste, and an entry whose code now runs', () => {
    const later = report([
      { line: 4, column: 25, kind: 'right-operand' },
      { line: 9, column: 16, kind: 'right-operand' },
      { line: 9, column: 37, kind: 'right-operand' },
      { line: 12, column: 13, kind: 'then' },
      { line: 13, column: 2, kind: 'function' },
    ]);
    const check = checkDoc(DOC, later, docFile, sources(NEW), sources(OLD));
    expect(check.stale).toEqual(['- `a.ts:4:5` then in `settle`: `return first;`']);
    expect(check.unexplained).toEqual(['- `a.ts:13:3` function in `drop`: `return n;`']);
  });

  it('never gives one point to two entries, nor an entry a point of another kind or function', () => {
    const doubled = DOC.replace('- `a.ts:6:17` right-operand', '- `a.ts:6:38` right-operand in `settle`: `(xs[k + 1] ?? 0);`\n- `a.ts:6:17` right-operand');
    const check = checkDoc(doubled, now, docFile, sources(NEW), sources(OLD));
    expect(check.stale).toEqual(['- `a.ts:6:38` right-operand in `settle`: `(xs[k + 1] ?? 0);`']);
    const wrongFn = DOC.replace('then in `settle`: `return first;`', 'then in `drop`: `return first;`');
    expect(checkDoc(wrongFn, now, docFile, sources(NEW), sources(OLD)).stale).toEqual(['- `a.ts:4:5` then in `drop`: `return first;`']);
  });
});
