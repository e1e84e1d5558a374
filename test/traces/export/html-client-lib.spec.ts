import { describe, it, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { CLIENT_LIB_JS } from '../../../traces/export/html-client-lib.ts';
import type { StateChange, StateStep } from '../../../traces/export/embedded-states.ts';
import { netStates } from './net-fixtures.ts';

interface Interval { left: number; right: number }
interface Lib {
  layoutLabels(items: Interval[], rows: number, gap: number): number[];
  stateAfter(steps: StateStep[], node: string, i: number): { known: boolean; state: unknown; changes: StateChange[] };
}

// The very text the page runs, evaluated here.
const lib = new Function(`${CLIENT_LIB_JS}\nreturn { layoutLabels: layoutLabels, stateAfter: stateAfter };`)() as Lib;

function overlapsInRow(items: Interval[], rows: number[], gap: number): boolean {
  for (let a = 0; a < items.length; a++) {
    for (let b = a + 1; b < items.length; b++) {
      if (rows[a]! < 0 || rows[a] !== rows[b]) continue;
      const p = items[a]!, q = items[b]!;
      if (p.left < q.right + gap && q.left < p.right + gap) return true;
    }
  }
  return false;
}

describe('layoutLabels', () => {
  it('puts labels that collide in different rows and hides what no row can take', () => {
    const items = [{ left: 0, right: 50 }, { left: 10, right: 60 }, { left: 20, right: 70 }, { left: 80, right: 120 }];
    expect(lib.layoutLabels(items, 2, 6)).toEqual([0, 1, -1, 0]);
  });

  it('keeps labels a gap apart', () => {
    expect(lib.layoutLabels([{ left: 0, right: 10 }, { left: 14, right: 20 }], 1, 6)).toEqual([0, -1]);
    expect(lib.layoutLabels([{ left: 0, right: 10 }, { left: 16, right: 20 }], 1, 6)).toEqual([0, 0]);
  });

  it('places a thousand labels at one spot in the rows there are, and no more', () => {
    const crowd = Array.from({ length: 1000 }, () => ({ left: 100, right: 160 }));
    const rows = lib.layoutLabels(crowd, 3, 6);
    expect(rows.filter((r) => r >= 0).sort()).toEqual([0, 1, 2]);
    expect(rows.filter((r) => r < 0)).toHaveLength(997);
  });

  const interval = fc.tuple(fc.integer({ min: -500, max: 2000 }), fc.integer({ min: 1, max: 300 })).map(([left, w]) => ({ left, right: left + w }));
  test.prop([fc.array(interval, { maxLength: 120 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 12 })])(
    'never overlaps two labels of one row, and hides a label only when every row is taken at its place',
    (items, rowCount, gap) => {
      const rows = lib.layoutLabels(items, rowCount, gap);
      expect(rows).toHaveLength(items.length);
      expect(overlapsInRow(items, rows, gap)).toBe(false);
      items.forEach((item, k) => {
        if (rows[k]! >= 0) return;
        // Each row holds a placed label that the hidden one would touch.
        for (let row = 0; row < rowCount; row++) {
          const blocked = items.some((other, m) => rows[m] === row && other.left <= item.left && other.right + gap > item.left);
          expect(blocked).toBe(true);
        }
      });
    },
  );
});

describe('stateAfter', () => {
  it('applies every step of the node up to the event, and returns what the event changed', () => {
    const after31 = lib.stateAfter(netStates.steps, 'p1', 31);
    expect(after31.known).toBe(true);
    expect(after31.state).toEqual({ view: { id: 2, members: ['p1', 'p2'] }, delivered: ['p1:1', 'p1:2'], pending: { 'p1:2': ['p2', 'p3'] } });
    expect(after31.changes).toEqual(netStates.steps.find((s) => s.i === 31)!.changes);
    const after30 = lib.stateAfter(netStates.steps, 'p1', 30);
    expect(after30.changes).toEqual([]);
    expect((after30.state as { pending: object }).pending).toHaveProperty(['p1:1']);
  });

  it('knows nothing of a node before its first step', () => {
    expect(lib.stateAfter(netStates.steps, 'p3', 1)).toEqual({ known: false, state: undefined, changes: [] });
  });

  it('replaces arrays whole, creates missing objects, and keeps a key named __proto__ a plain key', () => {
    const steps: StateStep[] = [
      { i: 0, node: 'a', changes: [{ path: [], value: { list: [1, 2, 3] } }] },
      { i: 1, node: 'a', changes: [{ path: ['list'], value: [9] }, { path: ['deep', 'x', 'y'], value: 1 }, { path: ['__proto__'], value: { polluted: true } }] },
    ];
    const { state } = lib.stateAfter(steps, 'a', 1);
    expect(JSON.parse(JSON.stringify(state))).toEqual({ list: [9], deep: { x: { y: 1 } }, ['__proto__']: { polluted: true } });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
    // The embedded steps themselves are never changed.
    expect(steps[0]!.changes[0]!.value).toEqual({ list: [1, 2, 3] });
  });
});
