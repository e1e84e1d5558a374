import { describe, expect, it } from 'vitest';
import { checkNumericFlags } from '../../cli/numeric-flags.ts';
import { InputError } from '../../cli/errors.ts';

describe('checkNumericFlags', () => {
  it.each(['0x10', '', 'abc', '1_000', '0b1', 'Infinity', ' 1'])('refuses %j for a numeric flag, naming the flag', (value) => {
    expect(() => checkNumericFlags(['explore', 's.json', '--max-seconds', value])).toThrow(InputError);
    expect(() => checkNumericFlags(['explore', 's.json', `--max-seconds=${value}`])).toThrow(/^--max-seconds: expected a decimal number, got /);
  });

  it('reads camelCase spellings as the same flag', () => {
    expect(() => checkNumericFlags(['explore', 's.json', '--maxStates', '0x10'])).toThrow(/--max-states/);
  });

  it.each(['1e400', '-1e999'])('refuses %j, a decimal that reads as an infinity, naming the flag and the text', (value) => {
    expect(() => checkNumericFlags(['view', 't.jsonl', '--from', value])).toThrow(`--from: expected a finite number, got "${value}"`);
  });

  it.each(['1', '-1', '1.5', '1e300', '.5', '+3'])('passes %j on to the command (which checks the range)', (value) => {
    expect(checkNumericFlags(['view', 't.jsonl', '--from', value])).toEqual(['view', 't.jsonl', `--from=${value}`]);
  });

  it('joins a negative value and a negative shard to their flag instead of reading them as flags', () => {
    expect(checkNumericFlags(['run', '--workers', '-1', '--shard', '-1/2'])).toEqual(['run', '--workers=-1', '--shard=-1/2']);
  });

  it('leaves other flags, a numeric flag followed by another flag, and everything after -- alone', () => {
    expect(checkNumericFlags(['run', '--seed', '0x10', '--workers', '--json', '--', '--from', 'x'])).toEqual(['run', '--seed', '0x10', '--workers', '--json', '--', '--from', 'x']);
  });
});
