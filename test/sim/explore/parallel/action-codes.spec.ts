import { describe, expect, it } from 'vitest';
import type { Action } from '../../../../sim/explore/actions.ts';
import { ActionCodes } from '../../../../sim/explore/parallel/action-codes.ts';

const ACTIONS: Action[] = [
  { kind: 'request', owner: 0 },
  { kind: 'request', owner: 2 },
  { kind: 'deliver', owner: 1, index: 0 },
  { kind: 'deliver', owner: 0, index: 1 },
  { kind: 'deliver', owner: 1, index: 1 },
  { kind: 'deliver', owner: 1, index: 5000 },
  { kind: 'drop', owner: 1, index: 0 },
  { kind: 'duplicate', owner: 1, index: 0 },
  { kind: 'crash', owner: 1 },
  { kind: 'leave', owner: 1 },
  { kind: 'heal' },
  { kind: 'timer', owner: 1, tag: 'flush' },
  { kind: 'timer', owner: 1, tag: 'heartbeat' },
  { kind: 'suspect', owner: 0, suspect: 1, budgeted: false },
  { kind: 'suspect', owner: 0, suspect: 1, budgeted: true },
  { kind: 'join', owner: 3, pid: 'p4' },
  { kind: 'restart', owner: 3, pid: 'p4' },
  { kind: 'partition', groups: [['p1'], ['p2', 'p3']] },
  { kind: 'partition', groups: [['p1', 'p2'], ['p3']] },
];

describe('ActionCodes', () => {
  it('gives distinct actions distinct codes, and an equal action (another object) the same code', () => {
    const codes = new ActionCodes();
    const given = ACTIONS.map((a) => codes.code(a));
    expect(new Set(given).size).toBe(ACTIONS.length);
    expect(codes.size).toBe(ACTIONS.length);
    const again = ACTIONS.map((a) => codes.code(structuredClone(a)));
    expect(again).toEqual(given);
    expect(codes.size).toBe(ACTIONS.length);
  });

  it('gives back, for each code, an action equal to the one coded (one shared object per code)', () => {
    const codes = new ActionCodes();
    for (const a of ACTIONS) {
      const code = codes.code(structuredClone(a));
      expect(codes.action(code)).toEqual(a);
      expect(codes.action(code)).toBe(codes.action(codes.code(a)));
    }
  });

  it('refuses a code it never gave', () => {
    expect(() => new ActionCodes().action(0)).toThrow(/no action 0/);
  });
});
