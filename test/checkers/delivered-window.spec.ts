import { describe, expect, it } from 'vitest';
import { DeliveredWindow } from '../../checkers/delivered-window.ts';

describe('DeliveredWindow', () => {
  it('starts with a 64-byte window (small enough for V8 to keep on its heap) and grows towards the side that needs it', () => {
    const w = new DeliveredWindow();
    expect(w.bytes).toBe(0);
    expect(w.record(40, 7)).toBe(true);
    expect(w.bytes).toBe(64);
    expect(w.record(55, 8)).toBe(true);
    expect(w.bytes).toBe(64);
    expect(w.record(56, 9)).toBe(true);
    expect(w.bytes).toBe(128);
    expect(w.record(3, 10)).toBe(true);
    expect([w.first(40), w.first(55), w.first(56), w.first(3), w.first(4)]).toEqual([7, 8, 9, 10, -1]);
  });

  it('keeps a repeat delivery as the last one, the first unchanged', () => {
    const w = new DeliveredWindow();
    w.record(2, 1);
    expect(w.record(2, 5)).toBe(false);
    expect(w.hasRepeats).toBe(true);
    expect([w.first(2), w.last(2)]).toEqual([1, 5]);
  });
});
