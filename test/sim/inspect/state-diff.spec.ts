// State changes: applying the diff of two states gives the second one back;
// paths name object keys only (arrays are replaced whole); unchanged parts
// produce no change.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { applyChanges, describeChanges, diffState, sameValue, valueAt } from '../../../sim/inspect/state-diff.ts';

// Plain data as protocol states hold it: JSON values without undefined.
const plainData = fc.letrec((tie) => ({
  value: fc.oneof(
    { maxDepth: 4 },
    fc.constantFrom(null, true, false, 0, 1, -2, 'a', 'b', ''),
    fc.integer(),
    fc.string({ maxLength: 4 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'view', 'id', 'x y'), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('diffState and applyChanges', () => {
  test.prop([plainData, plainData])('applying the diff of a and b to a gives b', (a, b) => {
    const changes = diffState(a, b);
    expect(applyChanges(a, changes)).toEqual(b);
    expect(changes.length === 0).toBe(sameValue(a, b));
    for (const c of changes) expect(c.path.every((key) => typeof key === 'string')).toBe(true);
  });

  test.prop([plainData])('a first state is one change at the root', (a) => {
    expect(diffState(undefined, a)).toEqual([{ path: [], value: a }]);
    expect(applyChanges(undefined, diffState(undefined, a))).toEqual(a);
  });

  it('names the changed keys, removed keys, and replaces arrays whole', () => {
    const before = { view: { id: 1, members: ['p1', 'p2'] }, pending: { a: 1 }, n: 3, gone: 'x' };
    const after = { view: { id: 2, members: ['p1', 'p2', 'p3'] }, pending: { a: 1 }, n: 3, added: [1] };
    expect(diffState(before, after)).toEqual([
      { path: ['gone'], removed: true },
      { path: ['view', 'id'], value: 2 },
      { path: ['view', 'members'], value: ['p1', 'p2', 'p3'] },
      { path: ['added'], value: [1] },
    ]);
    expect(describeChanges(before, after)).toEqual([
      { path: ['gone'], before: 'x', after: undefined },
      { path: ['view', 'id'], before: 1, after: 2 },
      { path: ['view', 'members'], before: ['p1', 'p2'], after: ['p1', 'p2', 'p3'] },
      { path: ['added'], before: undefined, after: [1] },
    ]);
  });

  it('treats an undefined property as absent, and does not modify its input', () => {
    const before = { a: 1, b: undefined };
    expect(diffState(before, { a: 1 })).toEqual([]);
    expect(diffState({ a: 1 }, { a: 1, b: undefined })).toEqual([]);
    const frozen = Object.freeze({ a: Object.freeze({ b: 1 }) });
    expect(applyChanges(frozen, [{ path: ['a', 'b'], value: 2 }])).toEqual({ a: { b: 2 } });
    expect(frozen.a.b).toBe(1);
  });

  it('a value that changes type is replaced at its path', () => {
    expect(diffState({ a: { b: 1 } }, { a: [1] })).toEqual([{ path: ['a'], value: [1] }]);
    expect(diffState({ a: 1 }, null)).toEqual([{ path: [], value: null }]);
    expect(valueAt({ a: { b: [1] } }, ['a', 'b'])).toEqual([1]);
    expect(valueAt({ a: [{ b: 1 }] }, ['a', '0', 'b'])).toBeUndefined();
  });
});
