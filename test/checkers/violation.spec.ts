import { describe, expect, it } from 'vitest';
import { ViolationSink } from '../../checkers/violation.ts';

describe('ViolationSink', () => {
  it('sorts and dedupes the events, drops missing ones, and hands out what each event revealed', () => {
    const sink = new ViolationSink(10);
    sink.report('lifecycle', [5, -1, 2, 5], () => 'p1 starts a second time.');
    expect(sink.takeRevealed()).toEqual([{ property: 'lifecycle', message: 'p1 starts a second time.', events: [2, 5] }]);
    expect(sink.takeRevealed()).toEqual([]);
  });

  it('keeps at most the cap, plus the first of each property, and only formats what it keeps', () => {
    const sink = new ViolationSink(2);
    let formatted = 0;
    const describe = (): string => `n${++formatted}.`;
    for (let k = 0; k < 5; k++) sink.report('fifo-order', [k], describe);
    sink.report('total-order', [9], describe);
    expect(sink.violations.map((v) => v.property)).toEqual(['fifo-order', 'fifo-order', 'total-order']);
    expect(formatted).toBe(3);
    expect(sink.totalCount).toBe(6);
    expect(sink.countOf('fifo-order')).toBe(5);
    expect(sink.droppedCount).toBe(3);
  });

  it('withdraws a violation from the list, the counts and the revealed batch', () => {
    const sink = new ViolationSink(10);
    const violation = sink.report('primary-majority', [1, 4], () => 'x.');
    sink.withdraw(violation!);
    expect(sink.violations).toEqual([]);
    expect(sink.totalCount).toBe(0);
    expect(sink.countOf('primary-majority')).toBe(0);
    expect(sink.takeRevealed()).toEqual([]);
  });
});
