// What every property check reads and writes: the violation sink, the
// message table, the processes by index, the causal clocks per sending view
// and the record of what could not be judged exactly.
import type { PropertyId } from './properties.ts';
import type { MessageTable } from './message-table.ts';
import type { ProcState, ViewClocks } from './state.ts';
import type { ViolationSink } from './violation.ts';

export interface CheckContext {
  readonly sink: ViolationSink;
  readonly messages: MessageTable;
  /** Every process the trace names, by index. */
  readonly procs: ProcState[];
  readonly clocks: Map<number, ViewClocks>;
  /** Marks a property as not judged exactly (a three-valued verdict: unknown, never held). */
  unknown(property: PropertyId, reason: string): void;
  /** Notes that the online causal clocks may miss a chain of happened-before: causal-order is judged again exactly at the end. */
  inexactCausal(reason: string): void;
}
