// The explorer merges paths whose per-process history fingerprints are
// equal, which is sound only for the delivery orders the fingerprint keeps.
// A property that reads delivery order must be declared in
// checkers/properties.ts and accounted for in history.ts; this test fails
// when the two lists drift apart.
import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES, ORDER_READING_PROPERTIES } from '../../../checkers/index.ts';
import { ORDER_READING_PROPERTIES_FINGERPRINTED, addBoundary, addDelivery, startHistory } from '../../../sim/explore/history.ts';

describe('history fingerprint', () => {
  it('accounts for exactly the properties that read delivery order', () => {
    expect([...ORDER_READING_PROPERTIES_FINGERPRINTED].sort()).toEqual([...ORDER_READING_PROPERTIES].sort());
    for (const id of ORDER_READING_PROPERTIES) expect(ALL_PROPERTIES).toContain(id);
  });

  it('orders boundaries but not the deliveries between them', () => {
    const start = startHistory([1, 2]);
    const [x, y, b] = [[3, 4], [5, 6], [7, 8]];
    const xy = addBoundary(addDelivery(addDelivery(start, x), y), b);
    const yx = addBoundary(addDelivery(addDelivery(start, y), x), b);
    expect(xy).toEqual(yx);
    const xb = addBoundary(addBoundary(start, x), b);
    const bx = addBoundary(addBoundary(start, b), x);
    expect(xb.prefix).not.toEqual(bx.prefix);
  });
});
