import { describe, it, expect } from 'vitest';
import { ViewVariants } from '../../../traces/export/view-variants.ts';

describe('ViewVariants', () => {
  it('numbers the member lists of one view id in order of first install, and flags the conflict', () => {
    const variants = new ViewVariants();
    expect(variants.variantOf(2, ['p1', 'p2'])).toBe(0);
    expect(variants.variantOf(2, ['p3'])).toBe(1);
    expect(variants.variantOf(2, ['p1', 'p2'])).toBe(0);
    expect(variants.variantOf(1, ['p1', 'p2', 'p3'])).toBe(0);
    // Members compare as a set, as view-agreement judges them.
    expect(variants.variantOf(1, ['p2', 'p1', 'p3'])).toBe(0);
    expect(variants.list()).toEqual([
      { id: 1, members: ['p1', 'p2', 'p3'], variant: 0, conflict: false },
      { id: 2, members: ['p1', 'p2'], variant: 0, conflict: true },
      { id: 2, members: ['p3'], variant: 1, conflict: true },
    ]);
  });

  it('keeps ids that were installed one way only unflagged', () => {
    const variants = new ViewVariants();
    variants.variantOf(5, ['a']);
    variants.variantOf(5, ['a']);
    expect(variants.list()).toEqual([{ id: 5, members: ['a'], variant: 0, conflict: false }]);
  });
});
