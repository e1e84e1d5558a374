import { describe, expect, it } from 'vitest';
import { fifoReady } from '../../../protocol/isis/fbcast.ts';
import { msg } from './messages-fixture.ts';

describe('FBCAST rule', () => {
  it('delivers a sender\'s next message only', () => {
    expect(fifoReady(msg(1, 1, 'fifo'), [0, 0, 0])).toBe(true);
    expect(fifoReady(msg(1, 2, 'fifo'), [0, 0, 0])).toBe(false);
    expect(fifoReady(msg(1, 2, 'fifo'), [0, 1, 0])).toBe(true);
    expect(fifoReady(msg(1, 1, 'fifo'), [0, 1, 0])).toBe(false);
  });

  it('ignores other senders\' entries (FIFO promises nothing across senders)', () => {
    expect(fifoReady(msg(1, 1, 'fifo', [5, 0, 9]), [0, 0, 0])).toBe(true);
  });
});
