import { describe, expect, it } from 'vitest';
import { exactInteger, topLevelNumberText } from '../../traces/exact-time.ts';

describe('topLevelNumberText', () => {
  it('finds the top-level key, not one nested or inside a string, and the last of repeats', () => {
    const text = '{"view":{"t":1},"note":"\\"t\\":5","t" : 12345678901234567890,"x":[{"t":2}]}';
    expect(topLevelNumberText(text, 't')).toBe('12345678901234567890');
    expect(topLevelNumberText('{"t":1,"t":2e20}', 't')).toBe('2e20');
    expect(topLevelNumberText('{"\\u0074":-3}', 't')).toBe('-3');
    expect(topLevelNumberText('{"i":0}', 't')).toBeNull();
  });
});

describe('exactInteger', () => {
  it('reads integers exactly in any JSON spelling, and refuses fractions', () => {
    expect(exactInteger('9007199254740993')).toBe(9007199254740993n);
    expect(exactInteger('-9007199254740993')).toBe(-9007199254740993n);
    expect(exactInteger('1.5e20')).toBe(150000000000000000000n);
    expect(exactInteger('12345678901234567890.000')).toBe(12345678901234567890n);
    expect(exactInteger('1000e-3')).toBe(1n);
    expect(exactInteger('9007199254740993.5')).toBeNull();
    expect(exactInteger('1e-3')).toBeNull();
  });
});
