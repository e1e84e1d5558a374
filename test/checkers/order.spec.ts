import { describe, expect, it } from 'vitest';
import { trace, violated } from './trace-builder.ts';

const all3 = ['p1', 'p2', 'p3'];
const all4 = ['p1', 'p2', 'p3', 'p4'];

describe('fifo-order', () => {
  it('is violated when a process delivers a later fifo message of a sender first', () => {
    const result = trace()
      .group('p1', 'p2')
      .bcast('p1', 'm1', 'fifo', 1)
      .bcast('p1', 'm2', 'fifo', 1)
      .deliver('p2', 'm2', 'p1', 1)
      .deliver('p2', 'm1', 'p1', 1)
      .check();
    expect(violated(result)).toEqual(['fifo-order']);
    expect(result.violations[0]!.events).toEqual([4, 5, 6]);
    expect(result.violations[0]!.message).toBe(
      'p2 delivers m2 (fifo) from p1 without having delivered m1 (fifo), which p1 multicast before it in view 1.',
    );
  });

  it('covers mixed pairs: a causal message after a fifo one, and a fifo one after a causal one', () => {
    const fifoFirst = trace().group('p1', 'p2').bcast('p1', 'm1', 'fifo', 1).send('p1', 'm2', 'causal', 1, ['p2']).check();
    expect(violated(fifoFirst)).toEqual(['fifo-order']);
    const causalFirst = trace().group('p1', 'p2').bcast('p1', 'm1', 'causal', 1).send('p1', 'm2', 'fifo', 1, ['p2']).check();
    expect(violated(causalFirst)).toEqual(['fifo-order']);
  });

  it('covers a same-sender pair of causal messages too: one inversion breaks fifo-order and causal-order', () => {
    const result = trace().group('p1', 'p2').bcast('p1', 'm1', 'causal', 1).send('p1', 'm2', 'total', 1, ['p2']).check();
    expect(violated(result)).toEqual(['fifo-order', 'causal-order']);
  });

  it('puts no order between different senders of fifo messages, nor across views', () => {
    const result = trace()
      .group('p1', 'p2', 'p3')
      .bcast('p1', 'm1', 'fifo', 1)
      .bcast('p2', 'm2', 'fifo', 1)
      .deliverAt(['p3'], 'm2', 'p2', 1)
      .deliverAt(['p3', 'p1', 'p2'], 'm1', 'p1', 1)
      .deliverAt(['p1', 'p2'], 'm2', 'p2', 1)
      .view(2, all3)
      .send('p1', 'm3', 'fifo', 2, all3)
      .end()
      .check();
    expect(result.ok).toBe(true);
  });
});

describe('causal-order', () => {
  it('holds when concurrent causal messages are delivered in different orders', () => {
    const result = trace()
      .group(...all3)
      .bcast('p1', 'a', 'causal', 1)
      .bcast('p2', 'b', 'causal', 1)
      .deliverAt(['p1', 'p3'], 'a', 'p1', 1)
      .deliverAt(['p1', 'p2', 'p3'], 'b', 'p2', 1)
      .deliverAt(['p2'], 'a', 'p1', 1)
      .end()
      .check();
    expect(result.ok).toBe(true);
  });

  it('is violated when a message is delivered before one its sender had delivered', () => {
    const result = trace()
      .group(...all3)
      .bcast('p1', 'm1', 'causal', 1)
      .deliverAt(['p1', 'p2'], 'm1', 'p1', 1)
      .bcast('p2', 'm2', 'causal', 1)
      .deliverAt(['p3'], 'm2', 'p2', 1)
      .deliverAt(['p3'], 'm1', 'p1', 1)
      .check();
    expect(violated(result)).toEqual(['causal-order']);
    expect(result.violations[0]!.events).toEqual([6, 9, 10]);
    expect(result.violations[0]!.message).toBe(
      'p3 delivers m2 (causal, from p2) without having delivered m1 (causal, from p1) although it happened before m2, both in view 1.',
    );
  });

  it('follows happened-before transitively through causal messages', () => {
    const result = trace()
      .group(...all4)
      .send('p1', 'm1', 'causal', 1, ['p1', 'p2', 'p3'])
      .send('p2', 'm2', 'causal', 1, ['p2', 'p3'])
      .send('p3', 'm3', 'total', 1, ['p3', 'p4'])
      .check();
    expect(violated(result)).toEqual(['causal-order']);
    expect(result.violations[0]!.message).toContain('p4 delivers m3 (total, from p3) without having delivered m1');
  });

  it('carries happened-before through a process that skipped the first message', () => {
    // p3 delivers m2 without m1 (a violation); m1 still happened before m3,
    // only transitively, so p4 must deliver m1 before m3 too.
    const result = trace()
      .group(...all4)
      .send('p1', 'm1', 'causal', 1, ['p1', 'p2'])
      .send('p2', 'm2', 'causal', 1, ['p2', 'p3'])
      .send('p3', 'm3', 'causal', 1, ['p3', 'p4'])
      .check();
    const messages = result.violations.filter((v) => v.property === 'causal-order').map((v) => v.message);
    // p3 itself then delivers its own m3 without m1: a third, correct, report.
    expect(messages).toHaveLength(3);
    expect(messages[0]).toMatch(/^p3 delivers m2 .* without having delivered m1/);
    expect(messages[1]).toMatch(/^p3 delivers m3 .* without having delivered m1/);
    expect(messages[2]).toMatch(/^p4 delivers m3 .* without having delivered m1/);
  });

  it('puts no obligation on a chain that passes through a fifo message', () => {
    // m1 -> (p2 delivers, multicasts fifo f) -> (p3 delivers f, multicasts m2):
    // f is not in happened-before, so p4 may deliver m2 before m1.
    const result = trace()
      .group(...all4)
      .send('p1', 'm1', 'causal', 1, ['p1', 'p2'])
      .send('p2', 'f', 'fifo', 1, ['p2', 'p3'])
      .send('p3', 'm2', 'causal', 1, ['p3', 'p4'])
      .deliverAt(['p4', 'p3'], 'm1', 'p1', 1)
      .deliverAt(['p1', 'p4'], 'f', 'p2', 1)
      .deliverAt(['p1', 'p2'], 'm2', 'p3', 1)
      .end()
      .check();
    expect(result.ok).toBe(true);
  });

  it('does not treat a fifo message delivered before multicasting as a causal dependency', () => {
    const result = trace()
      .group(...all3)
      .send('p1', 'f', 'fifo', 1, ['p1', 'p2'])
      .send('p2', 'm', 'causal', 1, ['p2', 'p3'])
      .deliverAt(['p3'], 'f', 'p1', 1)
      .deliverAt(['p1'], 'm', 'p2', 1)
      .end()
      .check();
    expect(result.ok).toBe(true);
  });
});

describe('total-order', () => {
  it('is violated when two processes deliver two total messages in opposite orders', () => {
    const result = trace()
      .group(...all3)
      .bcast('p1', 'a', 'total', 1)
      .bcast('p2', 'b', 'total', 1)
      .deliverAt(['p1', 'p2'], 'a', 'p1', 1)
      .deliverAt(['p3'], 'b', 'p2', 1)
      .deliverAt(['p1', 'p2'], 'b', 'p2', 1)
      .deliverAt(['p3'], 'a', 'p1', 1)
      .check();
    expect(violated(result)).toEqual(['total-order']);
    expect(result.violations[0]!.message).toBe(
      'p3 delivers b before a, but p2 delivers a before b (both total).',
    );
    expect(result.violations[0]!.events).toEqual([9, 10, 12, 13]);
  });

  it('names all four deliveries of the inversion, also when they come before the bcasts', () => {
    // The inversion is found at the second bcast (a message's order is known only then), after every delivery.
    const result = trace()
      .group(...all3)
      .deliverAt(['p2'], 'a', 'p1', 1)
      .deliverAt(['p2'], 'b', 'p1', 1)
      .deliverAt(['p3'], 'b', 'p1', 1)
      .deliverAt(['p3'], 'a', 'p1', 1)
      .bcast('p1', 'b', 'total', 1)
      .bcast('p1', 'a', 'total', 1)
      .check();
    expect(violated(result)).toContain('total-order');
    const violation = result.violations.find((v) => v.property === 'total-order')!;
    // p2's a and b (6, 7), p3's b and a (8, 9): the group's starts and views are events 0 to 5.
    for (const i of [6, 7, 8, 9]) expect(violation.events).toContain(i);
  });

  it('finds an inversion whichever of the four deliveries comes last', () => {
    const result = trace()
      .group(...all3)
      .bcast('p1', 'a', 'total', 1)
      .bcast('p2', 'b', 'total', 1)
      .deliverAt(['p1'], 'a', 'p1', 1)
      .deliverAt(['p3'], 'b', 'p2', 1)
      .deliverAt(['p3'], 'a', 'p1', 1)
      .deliverAt(['p1'], 'b', 'p2', 1)
      .check();
    expect(violated(result)).toEqual(['total-order']);
  });

  it('holds when no two processes deliver the same two total messages', () => {
    // p1: a, b; p2: b, c; p3: c, a. No single agreed order exists, yet no pair
    // of processes disagrees on a pair of messages they both delivered.
    const result = trace()
      .group(...all3)
      .bcast('p1', 'a', 'total', 1)
      .bcast('p2', 'b', 'total', 1)
      .bcast('p3', 'c', 'total', 1)
      .deliver('p1', 'a', 'p1', 1)
      .deliver('p1', 'b', 'p2', 1)
      .deliver('p2', 'b', 'p2', 1)
      .deliver('p2', 'c', 'p3', 1)
      .deliver('p3', 'c', 'p3', 1)
      .deliver('p3', 'a', 'p1', 1)
      .check();
    expect(violated(result)).not.toContain('total-order');
  });

  it('puts no total obligation on a total and a causal message', () => {
    const result = trace()
      .group('p1', 'p2', 'p3')
      .bcast('p1', 'a', 'total', 1)
      .bcast('p2', 'b', 'causal', 1)
      .deliverAt(['p1', 'p2', 'p3'], 'a', 'p1', 1)
      .deliverAt(['p1', 'p2', 'p3'], 'b', 'p2', 1)
      .check();
    expect(violated(result)).not.toContain('total-order');
    const swapped = trace()
      .group('p1', 'p2')
      .bcast('p1', 'a', 'total', 1)
      .bcast('p2', 'b', 'causal', 1)
      .deliverAt(['p1'], 'a', 'p1', 1)
      .deliverAt(['p1', 'p2'], 'b', 'p2', 1)
      .deliverAt(['p2'], 'a', 'p1', 1)
      .end()
      .check();
    expect(swapped.ok).toBe(true);
  });
});
