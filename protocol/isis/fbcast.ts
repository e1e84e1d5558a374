// FBCAST: FIFO multicast. A sender numbers every multicast it makes in a
// view (one sequence over all its messages, whatever their order, because
// fifo-order is promised for every pair from the same sender); a receiver
// delivers a sender's message n only after its message n - 1.
import type { McMessage } from './mc-message.ts';

/** The FIFO delivery rule: the next message of its sender, and nothing else. */
export function fifoReady(m: McMessage, delivered: readonly number[]): boolean {
  return m.sn === (delivered[m.rank] ?? 0) + 1;
}
