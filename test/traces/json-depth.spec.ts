import { describe, expect, it } from 'vitest';
import { excessiveDepthAt, lineAt, MAX_JSON_DEPTH } from '../../traces/json-depth.ts';

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('excessiveDepthAt', () => {
  it('allows exactly MAX_JSON_DEPTH levels and finds the bracket that opens one more', () => {
    expect(excessiveDepthAt(nested(MAX_JSON_DEPTH))).toBe(-1);
    expect(excessiveDepthAt(nested(MAX_JSON_DEPTH + 1))).toBe(MAX_JSON_DEPTH);
    expect(excessiveDepthAt(`{"a":${nested(3)}}`, 3)).toBe(7);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(excessiveDepthAt(`["${'['.repeat(1000)}"]`)).toBe(-1);
    expect(excessiveDepthAt(`["\\"${'{'.repeat(1000)}"]`)).toBe(-1);
    expect(excessiveDepthAt(`["\\\\",${nested(300)}]`)).toBeGreaterThan(0);
  });

  it('lineAt counts lines from 1', () => {
    expect(lineAt('a\nb\nc', 0)).toBe(1);
    expect(lineAt('a\nb\nc', 4)).toBe(3);
  });
});
