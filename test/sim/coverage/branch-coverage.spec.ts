// Branch points come from the syntax of the code V8 ran; a point's count is
// V8's innermost range around it; positions map back through source maps.
import { describe, expect, it } from 'vitest';
import { branchPoints } from '../../../sim/coverage/branch-points.ts';
import { BranchCoverage, countAt } from '../../../sim/coverage/branch-coverage.ts';
import { scriptMap } from '../../../sim/coverage/script-map.ts';

describe('branchPoints', () => {
  it('finds functions, both arms of if and ?:, case bodies and short-circuit right operands', () => {
    const source = [
      'function f(a, b) {',
      '  if (a) { g(); } else { h(); }',
      '  const x = a ? 1 : 2;',
      '  const y = b ?? 3;',
      '  switch (a) { case 1: case 2: k(); break; default: m(); }',
      '  return () => x && y;',
      '}',
    ].join('\n');
    const kinds = branchPoints(source).map((p) => p.kind).sort();
    expect(kinds).toEqual(['case', 'case', 'cond-false', 'cond-true', 'else', 'function', 'function', 'right-operand', 'right-operand', 'then'].sort());
  });

  it('points inside the branch: a block at its first statement', () => {
    const source = 'if (a) {\n  first();\n}';
    const then = branchPoints(source).find((p) => p.kind === 'then')!;
    expect(source.slice(then.offset, then.offset + 5)).toBe('first');
  });
});

describe('countAt', () => {
  it('takes the innermost range around the offset, and 0 outside every range', () => {
    const ranges = [
      { startOffset: 0, endOffset: 100, count: 5 },
      { startOffset: 10, endOffset: 20, count: 0 },
      { startOffset: 30, endOffset: 60, count: 2 },
    ];
    expect(countAt(ranges, 5)).toBe(5);
    expect(countAt(ranges, 15)).toBe(0);
    expect(countAt(ranges, 45)).toBe(2);
    expect(countAt(ranges, 150)).toBe(0);
  });
});

/** A one-line script whose inline map says every generated line k is original line k + 10 of /src/a.ts. */
function mappedScript(lines: string[]): string {
  const mappings = lines.map((_, k) => (k === 0 ? 'AAUA' : 'AACA')).join(';');
  const map = { version: 3, sources: ['/src/a.ts'], sourcesContent: ['original'], names: [], mappings };
  return `${lines.join('\n')}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
}

describe('scriptMap', () => {
  it('maps a generated offset to the original file and line', () => {
    const source = mappedScript(['a();', 'b();']);
    const map = scriptMap('/gen/a.js', source);
    expect(map.originalAt(source.indexOf('b()'))).toEqual({ file: '/src/a.ts', line: 12, column: 0 });
    expect(map.contentOf('/src/a.ts')).toBe('original');
  });

  it('maps a script without a map to itself', () => {
    expect(scriptMap('/gen/b.js', 'x();\ny();').originalAt(5)).toEqual({ file: '/gen/b.js', line: 2, column: 0 });
  });
});

describe('BranchCoverage', () => {
  it('counts the points V8 ran and names the ones it did not, in original lines', () => {
    const source = mappedScript(['if (a) {', '  g();', '} else {', '  h();', '}']);
    const reader = { scriptSource: () => source, loadedScripts: () => [{ scriptId: '1', url: 'file:///gen/a.js' }] };
    const coverage = new BranchCoverage({ pluginPaths: [], script: () => true, file: (f) => f === '/src/a.ts' }, reader);
    const thenStart = source.indexOf('{');
    const elseStart = source.indexOf('{', thenStart + 1);
    const take = [{ scriptId: '1', url: 'file:///gen/a.js', functions: [{ functionName: '', isBlockCoverage: true, ranges: [
      { startOffset: 0, endOffset: source.length, count: 1 },
      { startOffset: elseStart, endOffset: source.indexOf('}', elseStart) + 1, count: 0 },
    ] }] }];
    const fresh = coverage.add(take);
    expect(fresh).toHaveLength(1);
    const points = coverage.points();
    expect(points.map((p) => [p.kind, p.line, p.count > 0])).toEqual([['then', 12, true], ['else', 14, false]]);
    // A second take where the else ran: it is fresh then, and only then.
    const ranAll = [{ ...take[0]!, functions: [{ ...take[0]!.functions[0]!, ranges: [{ startOffset: 0, endOffset: source.length, count: 1 }] }] }];
    expect(coverage.add(ranAll)).toHaveLength(1);
    expect(coverage.add(ranAll)).toHaveLength(0);
  });

  it('merges another thread\'s points: counts add up, new points join, the texts come along', () => {
    const reader = { scriptSource: () => '', loadedScripts: () => [] };
    const coverage = new BranchCoverage({ pluginPaths: [], script: () => true, file: () => true }, reader);
    const point = (line: number, count: number) => ({ key: `/src/a.ts:${line}:0:then`, file: '/src/a.ts', line, column: 0, kind: 'then' as const, count });
    coverage.merge([point(1, 0), point(2, 3)], [['/src/a.ts', 'text']]);
    coverage.merge([point(1, 2), point(3, 0)], []);
    expect(coverage.points().map((p) => [p.line, p.count])).toEqual([[1, 2], [2, 3], [3, 0]]);
    expect(coverage.contentOf('/src/a.ts')).toBe('text');
    expect(coverage.contents()).toEqual([['/src/a.ts', 'text']]);
  });
});
