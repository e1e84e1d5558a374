// The names every layer shares: process, message and view ids, delivery
// orders, exit reasons and views. They are part of the trace contract
// (docs/trace-format.md); traces/schema.ts and protocol/types.ts re-export
// them, so the protocol contract and the trace schema never import each other.

/** Process ids are strings and never reused: a restart is a new id (`p3#2`). */
export type ProcessId = string;
export type MessageId = string;
export type ViewId = number;

export type DeliveryOrder = 'fifo' | 'causal' | 'total';
export const DELIVERY_ORDERS: readonly DeliveryOrder[] = ['fifo', 'causal', 'total'];

export type ExitReason = 'left' | 'excluded';

export interface View {
  id: ViewId;
  /** Oldest (rank 0) first. */
  members: ProcessId[];
}
