import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES, checkEvents } from '../../checkers/index.ts';
import type { PropertyId } from '../../checkers/index.ts';
import { PLAIN_PAINTER, linesToShow, renderTextReport } from '../../checkers/report.ts';
import type { FileReport } from '../../checkers/report.ts';
import { MAX_EXACT_CAUSAL_CELLS } from '../../checkers/causal-exact.ts';
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

  it('groups the consequences of one lost message: the first shown, the rest counted by property', () => {
    const builder = trace().group('p1', 'p2');
    for (let k = 1; k <= 30; k++) builder.bcast('p1', `m${k}`, 'fifo', 1).deliver('p1', `m${k}`, 'p1', 1);
    for (let k = 2; k <= 30; k++) builder.deliver('p2', `m${k}`, 'p1', 1);
    builder.view(2, ['p1', 'p2']).end();
    const report = reportOf(builder);
    expect(report.result.violations).toHaveLength(31);
    const text = renderTextReport(report, PLAIN_PAINTER);
    expect(text).toContain('  p2 never received m1: 31 violations follow (the first, then the others by property)\n');
    expect(text.match(/^ {2}fifo-order: /gm)).toHaveLength(1);
    expect(text).toContain('  ... and 30 more: fifo-order 28, virtual-synchrony 1, delivery-liveness 1\n');
  });

  it('never writes a control character from the trace raw', () => {
    const evil = '\u001b[2J\u009b31m\u202e';
    const builder = trace().group('p1').deliver('p1', evil, 'p1', 1);
    const text = renderTextReport(reportOf(builder), PLAIN_PAINTER);
    expect(text).toContain('\\u001b[2J\\u009b31m\\u202e');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('says unknown and not promised', () => {
    const builder = trace().group('p1', 'p2').send('p1', 'a', 'causal', 1, ['p1', 'p2']).view(2, ['p1', 'p2']).send('p1', 'c', 'causal', 2, ['p1']).send('p1', 'b', 'causal', 1, ['p1']);
    // b's chain back to view 1 is judged again at the end, which these many causal senders put past its bound.
    const crowd = Array.from({ length: Math.ceil(Math.sqrt(MAX_EXACT_CAUSAL_CELLS / 2)) }, (_, k) => `q${k}`);
    crowd.forEach((node, k) => builder.start(node).view(100 + k, [node]).bcast(node, `c${k}`, 'causal', 100 + k));
    const result = checkEvents(builder.events, { properties: ['causal-order', 'lifecycle'] });
    const counts = new Map<PropertyId, number>(ALL_PROPERTIES.map((id) => [id, result.violations.filter((v) => v.property === id).length]));
    const text = renderTextReport({ ...reportOf(builder), result, counts }, PLAIN_PAINTER);
    expect(text).toMatch(/^ {2}unknown {2}causal-order +p1 multicasts b in view 1 after acting in view 2/m);
    expect(text).toMatch(/^ {2}not promised self-inclusion$/m);
    expect(text).toContain('(2 of 15 properties checked, 1 unknown, 13 not promised)');
  });
});
