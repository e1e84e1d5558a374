import { describe, it, expect } from 'vitest';
import { embedJson } from '../../../traces/export/json-embed.ts';
import { HOSTILE_MSG, HOSTILE_NODE } from './fixtures.ts';

describe('embedJson', () => {
  it('has no character that could end a script element, and parses back to the same value', () => {
    const value = { node: HOSTILE_NODE, msg: HOSTILE_MSG, comment: '<!-- x --> & \u2028' };
    const text = embedJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

