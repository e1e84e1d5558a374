import { describe, expect, it } from 'vitest';
import { escapeControl, quote } from '../../traces/input-error.ts';

describe('escapeControl', () => {
  it('escapes C0, DEL, C1 and bidirectional controls, keeping newlines and ordinary text', () => {
    expect(escapeControl('a\u001b]0;title\u0007b')).toBe('a\\u001b]0;title\\u0007b');
    expect(escapeControl('\u009b2J\u007f\r\t')).toBe('\\u009b2J\\u007f\\u000d\\u0009');
    expect(escapeControl('x\u202ey\u2066')).toBe('x\\u202ey\\u2066');
    expect(escapeControl('line one\nline two: é € 😀')).toBe('line one\nline two: é € 😀');
  });
});

describe('quote', () => {
  it('JSON-quotes, escapes what JSON leaves raw, and cuts long text', () => {
    expect(quote('a\nb\u009b')).toBe('"a\\nb\\u009b"');
    expect(quote('x'.repeat(70))).toBe(`"${'x'.repeat(60)}…"`);
  });
});
