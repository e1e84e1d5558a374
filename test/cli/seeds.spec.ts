import { describe, expect, it } from 'vitest';
import { joinNegativeSeedValues, seedsFromOptions } from '../../cli/seeds.ts';
import { parseSeed } from '../../scenarios/validate.ts';

describe('parseSeed', () => {
  it('takes exact decimal integers from 0 to 2^53 - 1 and nothing else', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('9007199254740991')).toBe(9007199254740991);
    for (const bad of ['9007199254740992', '9007199254740993', '99999999999999999', '-1', '+1', '01', '1.0', '1e3', ' 1', '', 'abc', '0x10']) {
      expect(parseSeed(bad), bad).toBeNull();
    }
  });
});

describe('seedsFromOptions', () => {
  it('parses --seed, ranges and lists', () => {
    expect(seedsFromOptions('7', undefined)).toEqual([7]);
    expect(seedsFromOptions(undefined, '3..5')).toEqual([3, 4, 5]);
    expect(seedsFromOptions(undefined, '1, 4,9')).toEqual([1, 4, 9]);
    expect(seedsFromOptions(undefined, undefined)).toBeUndefined();
  });

  it('says what is wrong', () => {
    expect(() => seedsFromOptions('9007199254740993', undefined)).toThrow('--seed: expected a seed, an integer from 0 to 9007199254740991 written in digits, got "9007199254740993"');
    expect(() => seedsFromOptions(undefined, '-5..2')).toThrow('"-5" is not a seed');
    expect(() => seedsFromOptions(undefined, '9..1')).toThrow('the range ends before it starts (1 < 9)');
    expect(() => seedsFromOptions(undefined, '0..100000')).toThrow('100001 seeds; at most 100000 seeds in one run');
    expect(() => seedsFromOptions(undefined, '1,x')).toThrow('--seeds: expected a range A..B (A <= B) or a list like 1,4,9');
    expect(() => seedsFromOptions(['1', '2'], undefined)).toThrow('--seed: give it once');
    expect(() => seedsFromOptions('1', '2')).toThrow('give one or the other');
  });
});

describe('joinNegativeSeedValues', () => {
  it('keeps a negative seed value with its option, and leaves everything else alone', () => {
    expect(joinNegativeSeedValues(['run', '--seeds', '-5..2', 'x.json'])).toEqual(['run', '--seeds=-5..2', 'x.json']);
    expect(joinNegativeSeedValues(['run', '--seed', '-3'])).toEqual(['run', '--seed=-3']);
    expect(joinNegativeSeedValues(['run', '--seed', '3', '--out', '-x'])).toEqual(['run', '--seed', '3', '--out', '-x']);
    expect(joinNegativeSeedValues(['run', '--seeds', '--workers', '1'])).toEqual(['run', '--seeds', '--workers', '1']);
  });
});
