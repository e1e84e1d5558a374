import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES } from '../../checkers/index.ts';
import type { PropertyId } from '../../checkers/index.ts';
import { PLAIN_PAINTER, linesToShow, renderTextReport } from '../../checkers/report.ts';
import type { FileReport } from '../../checkers/report.ts';
import { trace } from './trace-builder.ts';

function reportOf(builder: ReturnType<typeof trace>): FileReport {
  const result = builder.check();
  const counts = new Map<PropertyId, number>(ALL_PROPERTIES.map((id) => [id, result.violations.filter((v) => v.property === id).length]));
  const lines = new Map<number, string>(builder.events.map((event) => [event.i + 2, JSON.stringify(event)]));
  return { file: 'run.jsonl', header: { type: 'header', format: 'vsynclab-trace', version: 1, seed: '4' }, eventCount: builder.events.length, result, counts, lines };
}

describe('renderTextReport', () => {
  it('lists every property with its verdict and ends with a summary', () => {
    const text = renderTextReport(reportOf(trace().group('p1').start('p2')), PLAIN_PAINTER);
    expect(text).toContain('run.jsonl  seed 4, 3 events\n');
    expect(text).toMatch(/^ {2}held {5}self-inclusion$/m);
    expect(text).toMatch(/^ {2}skipped {2}view-convergence +no end event \(the run was cut off\)$/m);
    expect(text).toContain('  warning: no end event: liveness skipped');
    expect(text).toContain('run.jsonl: OK: no violation (13 of 15 properties checked, 2 liveness skipped)');
  });

  it('shows each violation with the lines it names, one line around each, and gaps', () => {
    const builder = trace().group('p1', 'p2').bcast('p1', 'm1', 'fifo', 1).bcast('p1', 'm2', 'fifo', 1);
    for (let k = 0; k < 5; k++) builder.other('note');
    builder.deliver('p2', 'm2', 'p1', 1);
    const report = reportOf(builder);
    expect(linesToShow(report.result)).toEqual([5, 6, 7, 8, 12, 13, 14]);
    const text = renderTextReport(report, PLAIN_PAINTER);
    expect(text).toMatch(/VIOLATED fifo-order +1 violation/);
    expect(text).toContain(`    >  6 | ${report.lines.get(6)}`);
    expect(text).toContain(`       8 | ${report.lines.get(8)}`);
    expect(text).toContain('         ...');
    expect(text).toContain(`    > 13 | ${report.lines.get(13)}`);
    expect(text).toContain('run.jsonl: FAILED: 1 violation of 1 property (13 of 15 properties checked, 2 liveness skipped)');
  });

  it('shows trace lines for the first violations only', () => {
    const builder = trace().group('p1');
    for (let k = 0; k < 3; k++) builder.deliver('p1', `ghost${k}`, 'p1', 1);
    const text = renderTextReport(reportOf(builder), PLAIN_PAINTER, 1);
    expect(text.match(/^ {4}> /gm)).toHaveLength(1);
    expect(text).toContain('(trace lines are shown for the first 1 violations only)');
  });
});
