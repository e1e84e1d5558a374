import { describe, expect, it } from 'vitest';
import { describeIsisMessage } from '../../../protocol/isis/describe-message.ts';
import { makeIsisProtocol } from '../../../protocol/isis/stack.ts';
import { makeStaticProtocol } from '../../../protocol/isis/static-stack.ts';

describe('describeIsisMessage', () => {
  const view = { id: 3, members: ['p1', 'p2'] };
  it.each([
    [{ t: 'd', seq: 4, ack: 2, body: { k: 'mc', m: { id: 'p1:3' } } }, 'mc', 'p1:3'],
    [{ t: 'd', seq: 1, ack: 0, body: { k: 'freq', view: 2, ballot: 7 } }, 'flush', 'v2/b7'],
    [{ t: 'd', seq: 1, ack: 0, body: { k: 'fok', view: 2, ballot: 7, reply: {} } }, 'fok', 'v2/b7'],
    [{ t: 'd', seq: 1, ack: 0, body: { k: 'nack', view: 2, promised: 9 } }, 'nack', 'v2/b9'],
    [{ t: 'd', seq: 1, ack: 0, body: { k: 'acc', view: 2, ballot: 7, value: {} } }, 'acc', 'v2/b7'],
    [{ t: 'd', seq: 1, ack: 0, body: { k: 'accd', view: 2, ballot: 7 } }, 'accd', 'v2/b7'],
    [{ t: 'd', seq: 1, ack: 0, body: { k: 'inst', proposal: { view }, snapshot: null, removed: [] } }, 'install', 'v3'],
    [{ t: 'd', seq: 1, ack: 0, body: { k: 'ord', view: 2, first: 5, ids: [] } }, 'ord', 'v2#5'],
    [{ t: 'd', seq: 1, ack: 0, body: { k: 'oack', view: 2, known: 4 } }, 'oack', 'v2#4'],
    [{ t: 'd', seq: 1, ack: 0, body: { k: 'stab', view: 2, d: [], td: 0 } }, 'stab', 'v2'],
    [{ t: 'd', seq: 1, ack: 0, body: { k: 'leave', view: 2 } }, 'leave', 'v2'],
    [{ t: 'r', body: { k: 'join', joiner: 'p4' } }, 'join', 'p4'],
    [{ t: 'r', body: { k: 'hb', view: 2 } }, 'hb', ''],
    [{ t: 'r', body: { k: 'excl', view: 2 } }, 'excl', 'v2'],
    [{ t: 'a', ack: 6 }, 'ack', '<=6'],
    [{ t: 'x' }, 'msg', ''],
    [null, 'msg', ''],
    [{ t: 'd', body: { k: 'nonsense' } }, 'msg', ''],
  ])('%j reads as %s %s', (frame, kind, key) => {
    expect(describeIsisMessage(frame)).toEqual({ kind, key });
  });

  it('is the ISIS stack\'s describeMessage', () => {
    expect(makeIsisProtocol({}).describeMessage).toBe(describeIsisMessage);
    expect(makeStaticProtocol('cbcast', {}).describeMessage).toBe(describeIsisMessage);
  });
});
