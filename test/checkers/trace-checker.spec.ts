import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { TraceChecker, checkEvents } from '../../checkers/index.ts';
import { synthesizeRun } from '../../checkers/testing/synthetic-run.ts';
import type { TraceEvent } from '../../traces/schema.ts';
import { trace } from './trace-builder.ts';

describe('TraceChecker online', () => {
  it('returns each violation from the push of the event that reveals it', () => {
    const events = trace().group('p1', 'p2').bcast('p1', 'm1', 'fifo', 1).bcast('p1', 'm2', 'fifo', 1).deliver('p2', 'm2', 'p1', 1).events;
    const checker = new TraceChecker();
    const revealed = events.map((event) => checker.push(event).map((v) => v.property));
    expect(revealed).toEqual([[], [], [], [], [], [], ['fifo-order']]);
    expect(checker.finish().violations).toHaveLength(1);
  });

  it('gives the same result online and offline', () => {
    const events = trace().group('p1', 'p2').send('p1', 'm1', 'total', 1, ['p2']).crash('p1').end().events;
    const checker = new TraceChecker();
    for (const event of events) checker.push(event);
    expect(checker.finish()).toEqual(checkEvents(events));
  });

  it('returns the same result from repeated finish() calls and refuses later pushes', () => {
    const checker = new TraceChecker();
    const first = checker.finish();
    expect(checker.finish()).toBe(first);
    expect(() => checker.push({ type: 'heal', i: 0, t: 0 })).toThrow(/after finish/);
  });

  it('keeps at most maxViolations, but always the first of each property', () => {
    const builder = trace().group('p1', 'p2');
    for (let k = 0; k < 20; k++) builder.deliver('p2', `ghost${k}`, 'p1', 1);
    builder.crash('p1').start('p1');
    const checker = new TraceChecker({ maxViolations: 5 });
    for (const event of builder.events) checker.push(event);
    const result = checker.finish();
    expect(result.violations.map((v) => v.property)).toEqual([
      'delivery-integrity', 'delivery-integrity', 'delivery-integrity', 'delivery-integrity', 'delivery-integrity', 'lifecycle',
    ]);
    expect(checker.violationCount('delivery-integrity')).toBe(20);
    expect(result.warnings).toContain('15 more violation(s) not listed (kept 6)');
    expect(result.ok).toBe(false);
  });

  it('frees the state of views every live member has left', () => {
    let seed = 7;
    const choose = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const checker = new TraceChecker();
    const run = synthesizeRun({
      initialMembers: 5,
      steps: 30_000,
      choose,
      weights: { crash: 0.02, leave: 0.02, join: 0.04, partition: 0.01, viewChange: 50 },
      maxGroupSize: 6,
    });
    for (const event of run) checker.push(event);
    const result = checker.finish();
    expect(result.ok).toBe(true);
    const stats = checker.stats();
    expect(stats.views).toBeGreaterThan(20);
    expect(stats.messages).toBeGreaterThan(1000);
    // The first-delivery windows: 4 bytes per message per process whose
    // lifetime covers it, at most doubled by growth.
    expect(stats.deliveredBytes / stats.messages).toBeLessThan(64);
  });

  it('ignores unknown event types and fields', () => {
    const events: TraceEvent[] = [
      { type: 'start', i: 0, t: 0, node: 'p1', extra: 1 } as TraceEvent,
      { type: 'view', i: 1, t: 0, node: 'p1', view: { id: 1, members: ['p1'] }, note: 'x' } as TraceEvent,
      { type: 'timer', i: 2, t: 5, node: 'p1', name: 'heartbeat' },
      { type: 'end', i: 3, t: 6, quiescent: true },
    ];
    expect(checkEvents(events).ok).toBe(true);
  });
});

describe('TraceChecker on arbitrary (mostly broken) traces', () => {
  const node = fc.constantFrom('p1', 'p2', 'p3', 'p4');
  const msg = fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5');
  const viewId = fc.integer({ min: 0, max: 4 });
  const event = fc.oneof(
    fc.record({ type: fc.constant('start'), node }),
    fc.record({ type: fc.constant('view'), node, view: fc.record({ id: viewId, members: fc.uniqueArray(node, { maxLength: 4 }) }) }),
    fc.record({ type: fc.constant('bcast'), node, msg, order: fc.constantFrom('fifo', 'causal', 'total'), view: viewId }),
    fc.record({ type: fc.constant('deliver'), node, msg, from: node, view: viewId }),
    fc.record({ type: fc.constant('crash'), node }),
    fc.record({ type: fc.constant('exit'), node, reason: fc.constantFrom('left', 'excluded') }),
    fc.record({ type: fc.constant('heal') }),
    fc.record({ type: fc.constant('end'), quiescent: fc.boolean() }),
  );
  const events = fc.array(event, { maxLength: 60 }).map((list) => list.map((e, i) => ({ ...e, i, t: i }) as TraceEvent));

  test.prop([events], { numRuns: 400 })('never throws, and is deterministic', (trace) => {
    const first = checkEvents(trace);
    expect(checkEvents(trace)).toEqual(first);
    expect(first.ok).toBe(first.violations.length === 0);
    for (const violation of first.violations) {
      expect(violation.message).toMatch(/\.$/);
      for (const i of violation.events) expect(i).toBeLessThan(trace.length);
    }
  });
});
