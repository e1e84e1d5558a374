// The nine readings the clarified TRACE_FORMAT.md made explicit (issue 11),
// one story each, with the exact set of properties the definitions make it
// break; the literal reading (oracle.ts) must say the same.
import { describe, expect, it } from 'vitest';
import type { PropertyId } from '../../checkers/index.ts';
import { checkEvents } from '../../checkers/index.ts';
import { oracleViolations } from './oracle.ts';
import { trace, violated } from './trace-builder.ts';
import type { TraceBuilder } from './trace-builder.ts';
import { undoneInversion } from './undone-inversions.ts';

const all3 = ['p1', 'p2', 'p3'];

function expectExactly(builder: TraceBuilder, expected: PropertyId[]): void {
  const result = checkEvents(builder.events);
  expect([...violated(result)].sort()).toEqual([...expected].sort());
  expect([...oracleViolations(builder.events)].sort()).toEqual([...expected].sort());
  expect(result.unknown).toEqual([]);
}

describe('the clarified contract, item by item', () => {
  it('1. fifo-order covers two causal or total messages of one sender; one inversion breaks every order both promise', () => {
    const causal = trace().group(...all3).bcast('p1', 'm1', 'causal', 1).bcast('p1', 'm2', 'causal', 1).deliver('p2', 'm2', 'p1', 1).deliver('p2', 'm1', 'p1', 1);
    expectExactly(causal, ['fifo-order', 'causal-order']);
    const total = trace()
      .group(...all3)
      .bcast('p1', 't1', 'total', 1)
      .bcast('p1', 't2', 'total', 1)
      .deliverAt(['p1'], 't1', 'p1', 1)
      .deliverAt(['p1'], 't2', 'p1', 1)
      .deliver('p2', 't2', 'p1', 1)
      .deliver('p2', 't1', 'p1', 1);
    expectExactly(total, ['fifo-order', 'causal-order', 'total-order']);
  });

  it('2. a delivery of an id never multicast counts for virtual-synchrony (and happened-before counts early deliveries)', () => {
    const ghost = trace().group(...all3).deliver('p2', 'x', 'p1', 1).view(2, all3);
    expectExactly(ghost, ['delivery-integrity', 'virtual-synchrony']);
    // p2 delivers m1 before p1 multicasts it, then multicasts m2: m1 happened
    // before m2, so p3 delivering m2 without m1 breaks causal-order.
    const early = trace()
      .group(...all3)
      .deliver('p2', 'm1', 'p1', 1)
      .bcast('p1', 'm1', 'causal', 1)
      .bcast('p2', 'm2', 'causal', 1)
      .deliver('p3', 'm2', 'p2', 1);
    const result = checkEvents(early.events);
    expect(oracleViolations(early.events).has('causal-order')).toBe(true);
    expect(result.verdicts.find((v) => v.property === 'causal-order')!.status).not.toBe('held');
  });

  it('3. a repeated delivery still counts for total-order', () => {
    const repeated = trace()
      .group('p', 'q')
      .bcast('p', 't1', 'total', 1)
      .bcast('p', 't2', 'total', 1)
      .deliverAt(['p'], 't1', 'p', 1)
      .deliverAt(['p'], 't2', 'p', 1)
      .deliverAt(['p'], 't1', 'p', 1)
      .deliverAt(['q'], 't1', 'p', 1)
      .deliverAt(['q'], 't2', 'p', 1);
    expectExactly(repeated, ['no-duplication', 'total-order']);
  });

  it('3b. repeats that undo an inversion: total-order judged again exactly, held when none survives', () => {
    const undone = undoneInversion();
    const result = checkEvents(undone.events);
    expect(oracleViolations(undone.events).has('total-order')).toBe(false);
    expect(result.verdicts.find((v) => v.property === 'total-order')!.status).toBe('held');
    expect(result.unknown).toEqual([]);
    expect(violated(result)).toEqual(['fifo-order', 'causal-order', 'no-duplication']);
    expect([...oracleViolations(undone.events)].sort()).toEqual(['causal-order', 'fifo-order', 'no-duplication']);
    // One more process that delivers b before a, once: the repeats do not
    // undo its inversion.
    const another = undoneInversion(true);
    const again = checkEvents(another.events);
    expect(oracleViolations(another.events).has('total-order')).toBe(true);
    expect(again.verdicts.find((v) => v.property === 'total-order')!.status).toBe('violated');
    expect(again.violations.filter((v) => v.property === 'total-order').map((v) => v.message).join('\n')).toMatch(/\br\b/);
  });

  it('4. a late delivery, after every member left the sending view, is judged by every property', () => {
    const late = trace()
      .group(...all3)
      .bcast('p1', 'm1', 'fifo', 1)
      .bcast('p1', 'm2', 'fifo', 1)
      .deliverAt(['p1', 'p2'], 'm1', 'p1', 1)
      .deliverAt(['p1', 'p2'], 'm2', 'p1', 1)
      .view(2, all3)
      .view(3, all3)
      .deliver('p3', 'm2', 'p1', 3)
      .view(4, all3);
    expectExactly(late, ['virtual-synchrony', 'sending-view-delivery', 'fifo-order']);
    // The second multicast of an id is judged only by no-duplication (and
    // lifecycle); deliveries are of the first one.
    const twice = trace().group('p1', 'p2').send('p1', 'm1', 'fifo', 1, ['p1', 'p2']).view(2, ['p1', 'p2']).send('p2', 'm1', 'fifo', 2, ['p1']);
    expectExactly(twice, ['no-duplication', 'delivery-integrity', 'sending-view-delivery']);
  });

  it("5. sending-view-delivery compares the deliver's view field with the first bcast's", () => {
    const fields = trace().group('p1', 'p2').bcast('p1', 'm1', 'fifo', 1).view(2, ['p1', 'p2'], ['p2']).deliver('p2', 'm1', 'p1', 1).deliver('p1', 'm1', 'p1', 1);
    expectExactly(fields, ['lifecycle']);
  });

  it("6. self-delivery applies to a multicast made before the sender's first install", () => {
    const before = trace().start('p1').bcast('p1', 'm1', 'fifo', 1).view(1, ['p1']);
    expectExactly(before, ['lifecycle', 'self-delivery']);
  });

  it('7. total-order is not limited to messages of one sending view', () => {
    const acrossViews = trace()
      .group('p1', 'p2', 'p3')
      .send('p1', 't1', 'total', 1, ['p1'])
      .view(2, all3, ['p1'])
      .send('p1', 't2', 'total', 2, ['p1'])
      .deliver('p2', 't2', 'p1', 1)
      .deliver('p2', 't1', 'p1', 1);
    expectExactly(acrossViews, ['total-order', 'sending-view-delivery']);
  });

  it('8. view-convergence judges each live process on its own last install, whatever the process order', () => {
    for (const order of [['p1', 'p2'], ['p2', 'p1']]) {
      const builder = trace().group(...all3).crash('p3');
      for (const node of order) builder.view(2, node === 'p1' ? ['p1', 'p2'] : all3, [node]);
      expectExactly(builder.end(), ['view-agreement', 'view-convergence']);
    }
  });

  it('9. a message id reused after tens of thousands of messages is caught', () => {
    const long = trace().group('p1', 'p2');
    for (let k = 0; k < 40_000; k++) long.send('p1', `m${k}`, 'fifo', 1, ['p1', 'p2']);
    long.bcast('p2', 'm0', 'fifo', 1);
    expect(violated(checkEvents(long.events))).toEqual(['no-duplication']);
  });
});
