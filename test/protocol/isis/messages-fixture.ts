// Builds multicast messages for the layer specs.
import type { DeliveryOrder } from '../../../protocol/types.ts';
import type { McMessage } from '../../../protocol/isis/mc-message.ts';

export const MEMBERS = ['p1', 'p2', 'p3'];

/** Message `sn` of member `rank` with timestamp `vt` (own entry forced to sn). */
export function msg(rank: number, sn: number, order: DeliveryOrder = 'causal', vt: number[] = [0, 0, 0], value = sn): McMessage {
  const stamped = vt.slice();
  stamped[rank] = sn;
  const from = MEMBERS[rank] ?? `p${rank + 1}`;
  return { id: `${from}:${sn}`, from, rank, view: 1, sn, order, vt: stamped, td: 0, payload: { key: 'k', value } };
}
