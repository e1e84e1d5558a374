import { describe, expect, it } from 'vitest';
import { IdInterner } from '../../checkers/id-interner.ts';

describe('IdInterner', () => {
  it('gives each distinct id one dense index, forever, and gives the id back', () => {
    const ids = new IdInterner();
    const names = Array.from({ length: 5000 }, (_, k) => `p${k % 7}:${k}`);
    names.forEach((name, k) => expect(ids.intern(name)).toBe(k));
    names.forEach((name, k) => expect(ids.intern(name)).toBe(k));
    expect(ids.count).toBe(5000);
    expect(ids.lookup('p3:10')).toBe(10);
    expect(ids.lookup('p3:1')).toBe(-1);
    expect(ids.idOf(4321)).toBe('p2:4321');
  });

  it('tells apart ids that differ in length or in any code unit, including non-ASCII and empty ones', () => {
    const ids = new IdInterner();
    const names = ['', 'a', 'ab', 'ba', 'a\u0000', '\u00e9', '\u{1f600}', 'm1', 'm10', 'm01'];
    names.forEach((name, k) => expect(ids.intern(name)).toBe(k));
    names.forEach((name, k) => expect(ids.idOf(k)).toBe(name));
  });
});
