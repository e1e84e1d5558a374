import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../sim/event-queue.ts';
import { Rng } from '../../sim/rng.ts';

type Item<T> = { timeUs: number; seq: number; value: T };
const item = <T>(value: T): Item<T> => ({ timeUs: 0, seq: 0, value });

describe('EventQueue', () => {
  it('pops by time, then by the order events were pushed', () => {
    const q = new EventQueue<Item<string>>(100);
    q.push(5, item('a'));
    q.push(1, item('b'));
    q.push(5, item('c'));
    q.push(1, item('d'));
    q.push(3, item('e'));
    const out: string[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e.value);
    expect(out).toEqual(['b', 'd', 'e', 'a', 'c']);
  });

  it('matches a sort by (time, seq) on many random pushes and pops', () => {
    const rng = new Rng('queue');
    const q = new EventQueue<Item<number>>(10_000);
    const reference: { t: number; s: number }[] = [];
    let seq = 0;
    const popped: number[] = [];
    const expected: number[] = [];
    for (let k = 0; k < 5000; k++) {
      if (rng.chance(0.6) || reference.length === 0) {
        const t = rng.int(50);
        q.push(t, item(seq));
        reference.push({ t, s: seq++ });
      } else {
        reference.sort((a, b) => a.t - b.t || a.s - b.s);
        expected.push(reference.shift()!.s);
        popped.push(q.pop()!.value);
      }
    }
    expect(popped).toEqual(expected);
  });

  it('refuses pushes beyond its capacity', () => {
    const q = new EventQueue<Item<number>>(2);
    expect(q.push(1, item(1))).toBe(true);
    expect(q.push(1, item(2))).toBe(true);
    expect(q.push(1, item(3))).toBe(false);
    expect(q.size).toBe(2);
  });

  it('grows past its first slots and keeps the order, the time of the first event, and the size', () => {
    const q = new EventQueue<Item<number>>(5000);
    for (let k = 0; k < 3000; k++) q.push((k * 7919) % 1000, item(k));
    expect(q.size).toBe(3000);
    expect(q.peekTimeUs()).toBe(0);
    let previous = { t: -1, v: -1 };
    for (let e = q.pop(); e !== undefined; e = q.pop()) {
      // Same time: pushed earlier comes out first (here the value is the push order).
      expect(e.timeUs > previous.t || (e.timeUs === previous.t && e.value > previous.v)).toBe(true);
      previous = { t: e.timeUs, v: e.value };
    }
    expect(q.size).toBe(0);
    expect(q.peekTimeUs()).toBeUndefined();
  });
});
