// A multicast as it travels between members of one view.
import type { DeliveryOrder, MessageId, ProcessId, ViewId } from '../types.ts';

export interface McMessage {
  /** `${sender}:${n}`: unique in a run because process ids are never reused. */
  id: MessageId;
  from: ProcessId;
  /** The sender's rank in the sending view (its index in the member list). */
  rank: number;
  view: ViewId;
  /** The sender's sequence number in this view, from 1, over all its multicasts. */
  sn: number;
  order: DeliveryOrder;
  /** The sender's delivered vector at send time, own entry = sn (see cbcast.ts). */
  vt: number[];
  /** How many total-order messages the sender had delivered (stability of the order log). */
  td: number;
  payload: { key: string; value: number };
}
