// The schedule part of the kinds with no fields of their own (heal,
// link-reset): they cost the majority nothing and take no host out.
import type { FaultTarget, ScheduledPart } from './types.ts';

export function noFieldFault<T extends 'heal' | 'link-reset'>(type: T, act: (target: FaultTarget) => void): ScheduledPart<T> {
  return {
    type,
    fields: [],
    read: () => ({}) as never,
    arbitrary: ({ when }) => when.map((w) => ({ type, ...w }) as never),
    keepDrawn: () => true,
    countsAsCrash: false,
    apply: (_fault, t) => act(t),
    takesHostOut: () => false,
    hostsOut: () => null,
  };
}
