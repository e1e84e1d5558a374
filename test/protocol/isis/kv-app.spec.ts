import { describe, expect, it } from 'vitest';
import { applyDelivery, kvDigest } from '../../../protocol/isis/kv-app.ts';
import { msg } from './messages-fixture.ts';

describe('kv application', () => {
  it('applies total-order writes only', () => {
    const map = applyDelivery({}, { ...msg(0, 1, 'total'), payload: { key: 'a', value: 7 } });
    expect(map).toEqual({ a: 7 });
    expect(applyDelivery(map, { ...msg(0, 2, 'causal'), payload: { key: 'a', value: 9 } })).toBe(map);
  });

  it('has a canonical digest, whatever the insertion order', () => {
    expect(kvDigest({ b: 2, a: 1 })).toBe(kvDigest({ a: 1, b: 2 }));
    expect(kvDigest({ a: 1 })).not.toBe(kvDigest({ a: 2 }));
  });
});
