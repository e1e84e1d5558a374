import { describe, it, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { TraceEvent, UnnumberedEvent } from '../../../traces/schema.ts';
import { vectorClocks, type ClockedEvent } from '../../../traces/export/vector-clocks.ts';
import { eventNode } from '../../../traces/export/describe-event.ts';
import { numbered, sampleEvents } from './fixtures.ts';

const hostOf = (event: TraceEvent): string => eventNode(event) ?? 'sim';

function clocksOf(events: TraceEvent[]): { clocked: ClockedEvent[]; hosts: readonly string[] } {
  const run = vectorClocks(events, { hostOf });
  return { clocked: [...run.clocked], hosts: run.hosts };
}

function named(clock: readonly number[], hosts: readonly string[]): Record<string, number> {
  return Object.fromEntries(clock.flatMap((n, h) => (n > 0 ? [[hosts[h]!, n]] : [])));
}

describe('vectorClocks', () => {
  it('ticks the own entry and merges the bcast clock on deliver', () => {
    const { clocked, hosts } = clocksOf(sampleEvents);
    // p2 delivers m1 (event 8): its 3rd event, after p1's bcast (p1's 3rd event).
    expect(named(clocked[8]!.clock, hosts)).toEqual({ p2: 3, p1: 3 });
    // p3 delivers m1 (event 10) without having seen p2.
    expect(named(clocked[10]!.clock, hosts)).toEqual({ p3: 3, p1: 3 });
    // Global events live on their own host and never merge.
    expect(named(clocked[18]!.clock, hosts)).toEqual({ sim: 2 });
  });

  // Random traces of multicasts and deliveries among three processes.
  const step = fc.oneof(
    fc.record({ kind: fc.constant('bcast' as const), node: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ kind: fc.constant('deliver' as const), node: fc.integer({ min: 0, max: 2 }), pick: fc.nat() }),
  );
  test.prop([fc.array(step, { maxLength: 60 })], { numRuns: 60 })(
    'own entries count 1, 2, 3... and a deliver happens after its bcast',
    (steps) => {
      const raw: UnnumberedEvent[] = [];
      const sent: { msg: string; from: string }[] = [];
      for (const s of steps) {
        const node = `p${s.node}`;
        if (s.kind === 'bcast') {
          const msg = `m${sent.length}`;
          sent.push({ msg, from: node });
          raw.push({ type: 'bcast', t: raw.length, node, msg, order: 'causal', view: 1 });
        } else if (sent.length > 0) {
          const m = sent[s.pick % sent.length]!;
          raw.push({ type: 'deliver', t: raw.length, node, msg: m.msg, from: m.from, view: 1 });
        }
      }
      const events = numbered(raw);
      const { clocked } = clocksOf(events);
      const own = new Map<number, number>();
      const bcastAt = new Map<string, ClockedEvent>();
      for (const c of clocked) {
        const n = (own.get(c.host) ?? 0) + 1;
        own.set(c.host, n);
        expect(c.clock[c.host]).toBe(n);
        if (c.event.type === 'bcast') bcastAt.set((c.event as { msg: string }).msg, c);
        if (c.event.type === 'deliver') {
          const b = bcastAt.get((c.event as { msg: string }).msg)!;
          b.clock.forEach((v, h) => expect(c.clock[h] ?? 0).toBeGreaterThanOrEqual(v));
        }
      }
    },
  );
});

describe('vectorClocks over protocol frames', () => {
  it('merges the send clock into the recv (and the dup clock into the copy), never into a drop', () => {
    const events = numbered([
      { type: 'send', t: 0, node: 'a', to: 'b', kind: 'mc', key: 'x', net: 1 },
      { type: 'dup', t: 0, node: 'a', to: 'b', kind: 'mc', key: 'x', net: 1, copy: 2 },
      { type: 'recv', t: 1, node: 'b', from: 'a', kind: 'mc', key: 'x', net: 2 },
      { type: 'drop', t: 2, node: 'c', from: 'a', kind: 'mc', key: 'x', net: 1, reason: 'loss' },
      { type: 'recv', t: 3, node: 'b', from: 'a', kind: 'mc', key: 'x', net: 1 },
    ]);
    const { clocked, hosts } = clocksOf(events);
    expect(named(clocked[2]!.clock, hosts)).toEqual({ a: 2, b: 1 });
    expect(named(clocked[3]!.clock, hosts)).toEqual({ c: 1 });
    // Frame 1's clock was forgotten at its drop: a later recv of the same id merges nothing.
    expect(named(clocked[4]!.clock, hosts)).toEqual({ a: 2, b: 2 });
  });
});
