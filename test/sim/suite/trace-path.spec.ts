import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failingTracePath, fileUnder } from '../../../sim/suite/trace-path.ts';

describe('trace paths under --out', () => {
  it("puts a failing run's trace inside the folder", () => {
    expect(failingTracePath('out', 'isis-member-crash', 7)).toBe(join('out', 'isis-member-crash-seed7.jsonl'));
  });

  it.each(['../escaped-seed1.jsonl', '../../etc/x', 'a/b.jsonl', '..', '.', '/abs.jsonl', 'a\\b.jsonl'])('refuses %j', (name) => {
    expect(() => fileUnder('out', name)).toThrow(`${JSON.stringify(name)}: expected a plain file name inside out`);
  });

  it('accepts names that merely start with dots', () => {
    expect(fileUnder('out', '..x-seed1.jsonl')).toBe(join('out', '..x-seed1.jsonl'));
  });
});
