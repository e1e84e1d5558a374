import { describe, expect, it } from 'vitest';
import { ValueHasher } from '../../../sim/explore/value-hasher.ts';
import { allRenamings, identityRenaming, Renaming } from '../../../sim/explore/renaming.ts';

const pids = ['p1', 'p2', 'p3'];
const plain = (): ValueHasher => new ValueHasher([identityRenaming(pids)]);
const lanes = (h: ValueHasher, v: unknown): number[] => [...h.value(v)];

describe('ValueHasher', () => {
  it('hashes equal plain data equally, whatever the key insertion order', () => {
    const h = plain();
    expect(lanes(h, { a: 1, b: [1, 2], c: { d: 'x' } })).toEqual(lanes(h, { c: { d: 'x' }, b: [1, 2], a: 1 }));
  });

  it('keeps apart values JSON would confuse or that differ in order or type', () => {
    const h = plain();
    const seen = new Set<string>();
    for (const v of [[1, 2], [2, 1], '1', 1, 1.5, [1], { 0: 1 }, null, true, false, {}, [], '', { a: undefined, b: 1 }, { b: 2 }]) {
      seen.add(lanes(h, v).join(','));
    }
    expect(seen.size).toBe(15);
    // `undefined` members are absent, as in JSON.
    expect(lanes(h, { a: undefined, b: 1 })).toEqual(lanes(h, { b: 1 }));
  });

  it('caches by identity but sees a new object with new contents', () => {
    const h = plain();
    const shared = { deep: [{ x: 1 }] };
    const first = lanes(h, { s: shared, n: 1 });
    expect(lanes(h, { s: shared, n: 1 })).toEqual(first);
    expect(lanes(h, { s: shared, n: 2 })).not.toEqual(first);
  });

  it('rejects what is not plain data', () => {
    const h = plain();
    expect(() => h.value(new Map())).toThrow(/plain data/);
    expect(() => h.value(() => 1)).toThrow(/plain data/);
  });

  it('under renamings, lane pair k is the hash of the renamed value', () => {
    const renamings = allRenamings(pids);
    expect(renamings).toHaveLength(6);
    expect(renamings[0]!.isIdentity).toBe(true);
    const h = new ValueHasher(renamings);
    const value = { self: 'p1', peers: { p2: 'rt:p2', p3: 3 }, msg: 'p1:7', other: 'p12 kp1' };
    const all = h.value(value).slice();
    const single = plain();
    renamings.forEach((r, k) => {
      const renamed = { self: r.rename('p1'), peers: { [r.rename('p2')]: r.rename('rt:p2'), [r.rename('p3')]: 3 }, msg: r.rename('p1:7'), other: 'p12 kp1' };
      expect([all[2 * k], all[2 * k + 1]]).toEqual(lanes(single, renamed));
    });
  });

  it('renames whole process ids only', () => {
    const swap = new Renaming(pids, [1, 0, 2]);
    expect(swap.rename('p1')).toBe('p2');
    expect(swap.rename('p1:3')).toBe('p2:3');
    expect(swap.rename('rt:p2')).toBe('rt:p1');
    expect(swap.rename('p12')).toBe('p12');
    expect(swap.rename('kp1')).toBe('kp1');
    expect(swap.rename('p3')).toBe('p3');
  });

  it('symmetry refuses more than 4 processes', () => {
    expect(() => allRenamings(['p1', 'p2', 'p3', 'p4', 'p5'])).toThrow(/at most 4/);
  });
});
