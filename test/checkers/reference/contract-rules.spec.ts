// TRACE_FORMAT.md sentence by sentence: for each rule and edge case, a small
// hand-written trace and the exact set of properties it breaks. The product
// checkers, the reference (reference-checker.ts) and this list must agree,
// so a broken rule in either fails here with the rule's name.
import { describe, expect, it } from 'vitest';
import { checkEvents } from '../../../checkers/index.ts';
import { trace } from '../trace-builder.ts';
import type { TraceBuilder } from '../trace-builder.ts';
import { referenceVerdicts } from './reference-checker.ts';
import type { Ev } from './reference-checker.ts';

const g3 = ['p1', 'p2', 'p3'];

function broken(builder: TraceBuilder): { product: string[]; reference: string[] } {
  const result = checkEvents(builder.events);
  expect(result.unknown).toEqual([]);
  const product = result.verdicts.filter((v) => v.status === 'violated').map((v) => v.property as string);
  const reference = [...referenceVerdicts(builder.events as unknown as Ev[])].filter(([, v]) => v.status === 'violated').map(([p]) => p as string);
  return { product: product.sort(), reference: reference.sort() };
}

const cases: [string, () => TraceBuilder, string[]][] = [
  // Lifecycle
  ['a crash of a process that never started is an event before its start', () => trace().group('p1').crash('p2').end(), ['lifecycle']],
  ['a second crash is an event after the crash', () => trace().group('p1', 'p2').crash('p2').crash('p2'), ['lifecycle']],
  ['a start after an exit: a process id is never reused', () => trace().group('p1', 'p2').exit('p2', 'left').start('p2'), ['lifecycle']],
  ['a second start of a running process is an event after its start', () => trace().group('p1').start('p1').end(), []],
  // "any later view": any install after the multicast, whatever its id.
  ['a multicast before the first view install', () => trace().start('p1').bcast('p1', 'm', 'fifo', 1).view(1, ['p1']).deliver('p1', 'm', 'p1', 1), ['lifecycle', 'self-delivery']],
  ['a delivery whose view is not the view installed last', () => trace().group('p1').bcast('p1', 'm', 'fifo', 1).view(2, ['p1']).deliver('p1', 'm', 'p1', 2), ['self-delivery', 'sending-view-delivery']],
  ['events of other types after a crash are ignored', () => trace().group('p1', 'p2').crash('p2').other('note', { node: 'p2', text: 'x' }).other('send', { node: 'p2', to: 'p1', kind: 'mc', key: '', net: 1 }), []],
  // Membership
  ['a view without its installer', () => trace().start('p1', 'p2').view(1, ['p2'], ['p1']), ['self-inclusion']],
  ['the same view id installed twice by one process', () => trace().group('p1').view(1, ['p1']), ['view-monotonicity']],
  ['view ids may skip and be negative', () => trace().start('p1').view(-5, ['p1']).view(7, ['p1']).end(), []],
  ['two installs of one id with member lists in different orders agree', () => trace().start('p1', 'p2').view(1, ['p1', 'p2'], ['p1']).view(1, ['p2', 'p1'], ['p2']).end(), []],
  ['an excluded member counts against the majority', () => trace().group('p1', 'p2').exit('p2', 'excluded').view(2, ['p1'], ['p1']).end(), ['primary-majority']],
  ['a member that left before b does not count', () => trace().group('p1', 'p2').exit('p2', 'left').view(2, ['p1'], ['p1']).end(), []],
  ['a member that left after b was first installed counts', () => trace().group('p1', 'p2').view(2, ['p1'], ['p1']).exit('p2', 'left').end(), ['primary-majority']],
  ['every member of a left: more than half of nothing is impossible', () => trace().group('p1').exit('p1', 'left').start('q').view(2, ['q']).end(), ['primary-majority']],
  ['a view id first installed below one already seen splits the pair', () => trace().start('a', 'b', 'c').view(1, ['a', 'b', 'c']).view(3, ['c'], ['c']).view(2, ['b', 'c'], ['b']), ['primary-majority']],
  // Delivery
  ['a delivery of an id never multicast', () => trace().group('p1').deliver('p1', 'x', 'p1', 1), ['delivery-integrity']],
  ['a delivery before the multicast, then the multicast', () => trace().group('p1', 'p2').deliver('p2', 'm', 'p1', 1).send('p1', 'm', 'fifo', 1, ['p1']), ['delivery-integrity']],
  ['a delivery naming the wrong sender', () => trace().group('p1', 'p2').send('p1', 'm', 'fifo', 1, ['p1']).deliver('p2', 'm', 'p2', 1), ['delivery-integrity']],
  ['an id multicast twice: the second is judged by no-duplication (and lifecycle) only', () => trace().group('p1', 'p2').send('p1', 'm', 'fifo', 1, ['p1', 'p2']).bcast('p2', 'm', 'total', 1).end(), ['no-duplication']],
  ['a repeated delivery', () => trace().group('p1').send('p1', 'm', 'fifo', 1, ['p1', 'p1']), ['no-duplication']],
  ['a multicast delivered by its sender only before the multicast still self-delivers', () => trace().group('p1').deliver('p1', 'm', 'p1', 1).bcast('p1', 'm', 'fifo', 1).view(2, ['p1']), ['delivery-integrity']],
  ['a sender that crashes before delivering owes nothing more', () => trace().group('p1', 'p2').bcast('p1', 'm', 'fifo', 1).crash('p1').view(2, ['p2'], ['p2']), ['primary-majority']],
  ['a sender that installs a later view without delivering', () => trace().group('p1').bcast('p1', 'm', 'fifo', 1).view(2, ['p1']), ['self-delivery']],
  ['virtual synchrony compares stays with the same next view only', () => trace().group('p1', 'p2').send('p1', 'm', 'fifo', 1, ['p1']).view(2, ['p1'], ['p1']).view(3, ['p2'], ['p2']), ['primary-majority']],
  ['virtual synchrony: two processes from V to V with different sets', () => trace().group('p1', 'p2').send('p1', 'm', 'fifo', 1, ['p1']).view(2, ['p1', 'p2']), ['virtual-synchrony']],
  // Order
  ["fifo covers a sender's messages of every order in one view", () => trace().group('p1', 'p2').bcast('p1', 'a', 'total', 1).bcast('p1', 'b', 'fifo', 1).deliverAt(['p1', 'p2'], 'b', 'p1', 1).deliverAt(['p1', 'p2'], 'a', 'p1', 1), ['fifo-order']],
  ['fifo does not cover two views', () => trace().group('p1', 'p2').send('p1', 'a', 'fifo', 1, ['p1']).view(2, ['p1', 'p2'], ['p1']).send('p1', 'b', 'fifo', 2, ['p1']).deliver('p2', 'b', 'p1', 1), ['sending-view-delivery']],
  ['a causal chain through another process', () => trace().group(...g3).send('p1', 'a', 'causal', 1, ['p1', 'p2']).send('p2', 'b', 'causal', 1, ['p2', 'p3']).deliver('p3', 'a', 'p1', 1).deliver('p1', 'b', 'p2', 1), ['causal-order']],
  ['a chain never passes through a fifo message', () => trace().group(...g3).send('p1', 'a', 'causal', 1, ['p1', 'p2']).send('p2', 'f', 'fifo', 1, ['p2']).deliver('p3', 'f', 'p2', 1).send('p3', 'b', 'causal', 1, ['p3', 'p2', 'p1']).deliver('p3', 'a', 'p1', 1).deliver('p1', 'f', 'p2', 1), []],
  ['total order across views', () => trace().group('p1', 'p2').send('p1', 'a', 'total', 1, ['p1']).view(2, ['p1', 'p2'], ['p1']).send('p1', 'b', 'total', 2, ['p1']).deliver('p2', 'b', 'p1', 1).deliver('p2', 'a', 'p1', 1), ['total-order', 'sending-view-delivery']],
  // Liveness
  ['no live process: both liveness properties hold', () => trace().group('p1').crash('p1').end(), []],
  ['a live process that never installed a view', () => trace().group('p1').start('p2').end(), ['view-convergence']],
  ['a last view listing a crashed process', () => trace().group('p1', 'p2').crash('p2').end(), ['view-convergence']],
  ['a member of the sending view that never installed it still owes the delivery', () => trace().start('p1', 'p2').view(1, ['p1', 'p2'], ['p1']).send('p1', 'm', 'fifo', 1, ['p1']).view(2, ['p1', 'p2']).end(), ['delivery-liveness']],
  ['a message multicast in a view never installed is owed by nobody', () => trace().group('p1').bcast('p1', 'm', 'fifo', 9).end(), ['lifecycle']],
  ['not quiescent: liveness not judged', () => trace().group('p1').start('p2').end(false), []],
  // Session 11 audit (notes/k-bench.md): edges no case pinned before.
  ['a view with no members: its successor keeps more than half of nothing, which cannot be', () => trace().start('p1').view(1, [], ['p1']).view(2, ['p1']).end(), ['self-inclusion', 'primary-majority']],
  ['members of a that left before b do not count even when b lists them again', () => trace().group('p1', 'p2', 'p3').exit('p2', 'left').exit('p3', 'left').view(2, ['p1', 'p2', 'p3'], ['p1']).end(), ['view-convergence']],
  ['a second bcast of an id by a live process owes no delivery-liveness or self-delivery', () => trace().group('p1', 'p2').send('p1', 'm', 'fifo', 1, ['p1']).crash('p1').bcast('p2', 'm', 'fifo', 1).view(2, ['p2'], ['p2']).end(), ['no-duplication', 'primary-majority']],
  ['a process that never started delivers total messages: lifecycle, and its order counts for total-order', () => trace().group('p1', 'p2').bcast('p1', 'x', 'total', 1).bcast('p2', 'y', 'total', 1).deliverAt(['p1', 'p2'], 'x', 'p1', 1).deliverAt(['p1', 'p2'], 'y', 'p2', 1).deliver('q', 'y', 'p2', 1).deliver('q', 'x', 'p1', 1).end(), ['lifecycle', 'total-order']],
  ['a causal chain passes through a total message (a -> x -> c: p3 delivers c before a)', () => trace().group(...g3).send('p1', 'a', 'causal', 1, ['p1', 'p2']).send('p2', 'x', 'total', 1, ['p2', 'p3']).send('p3', 'c', 'causal', 1, ['p3']).deliver('p3', 'a', 'p1', 1).deliver('p1', 'x', 'p2', 1).deliverAt(['p1', 'p2'], 'c', 'p3', 1).end(), ['causal-order']],
  ['causal order holds for two messages of one view delivered in a later view', () => trace().group(...g3).send('p1', 'a', 'causal', 1, ['p1', 'p2']).send('p2', 'b', 'causal', 1, ['p1', 'p2']).view(2, g3).deliver('p3', 'b', 'p2', 2).deliver('p3', 'a', 'p1', 2), ['causal-order', 'sending-view-delivery', 'virtual-synchrony']],
  ['a crash mid-view ends no stay: the survivors alone are compared', () => trace().group(...g3).send('p1', 'm', 'fifo', 1, ['p1']).crash('p2').deliver('p3', 'm', 'p1', 1).view(2, ['p1', 'p3']).end(), []],
];

describe('the contract, rule by rule: product, reference and the expected set agree', () => {
  it.each(cases)('%s', (_name, build, expected) => {
    const { product, reference } = broken(build());
    expect(reference, 'the reference').toEqual([...expected].sort());
    expect(product, 'the product').toEqual([...expected].sort());
  });
});
