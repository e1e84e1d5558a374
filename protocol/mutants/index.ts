// Every mutant, by name. See protocol/mutants/types.ts.
import { cbcastSenderLeq } from './cbcast-sender-leq.ts';
import { flushEarlyInstall } from './flush-early-install.ts';
import { gcPartialAck } from './gc-partial-ack.ts';
import { noMajority } from './no-majority.ts';
import type { Mutant } from './types.ts';

export type { Mutant } from './types.ts';

export const MUTANTS: readonly Mutant[] = [cbcastSenderLeq, flushEarlyInstall, noMajority, gcPartialAck];

export function mutantByName(name: string): Mutant | undefined {
  return MUTANTS.find((m) => m.name === name);
}
