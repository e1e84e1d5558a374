import { describe, expect, it } from 'vitest';
import { causalReady, stampVector, vectorSum } from '../../../protocol/isis/cbcast.ts';
import { msg } from './messages-fixture.ts';

describe('CBCAST rule (BSS91)', () => {
  it('needs vt[sender] = D[sender] + 1', () => {
    expect(causalReady(msg(0, 1), [0, 0, 0])).toBe(true);
    expect(causalReady(msg(0, 2), [0, 0, 0])).toBe(false);
    expect(causalReady(msg(0, 1), [1, 0, 0])).toBe(false);
  });

  it('needs vt[k] <= D[k] for every other member', () => {
    const m = msg(2, 1, 'causal', [3, 1, 0]);
    expect(causalReady(m, [2, 1, 0])).toBe(false);
    expect(causalReady(m, [3, 0, 0])).toBe(false);
    expect(causalReady(m, [3, 1, 0])).toBe(true);
    expect(causalReady(m, [7, 4, 0])).toBe(true);
  });

  it('stamps a new message with the delivered vector and its own sequence number', () => {
    expect(stampVector([4, 2, 7], 1, 3)).toEqual([4, 3, 7]);
  });

  it('sums grow along happened-before', () => {
    const m1 = msg(0, 1, 'causal', [0, 0, 0]);
    const m2 = msg(1, 1, 'causal', [1, 0, 0]);
    expect(vectorSum(m2.vt)).toBeGreaterThan(vectorSum(m1.vt));
  });
});
