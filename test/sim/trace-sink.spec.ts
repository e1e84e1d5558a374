import { describe, expect, it } from 'vitest';
import { NullTraceSink } from '../../sim/trace-sink.ts';

describe('NullTraceSink', () => {
  it('keeps nothing and counts lines and characters (one newline each)', () => {
    const sink = new NullTraceSink();
    sink.write('{"a":1}');
    sink.write('{}');
    sink.flush();
    sink.close();
    expect([sink.lines, sink.chars]).toEqual([2, 8 + 3]);
  });
});
