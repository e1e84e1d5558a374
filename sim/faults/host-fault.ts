// The schedule part shared by the kinds aimed at one host or role (crash,
// restart, isolate): a `host` field, a target drawn by the arbitrary,
// resolved when the fault fires, and one host (or role slot) it may cost
// the majority.
import fc from 'fast-check';
import { join } from '../../scenarios/fields.ts';
import { hostOrRole } from '../../scenarios/field-readers.ts';
import type { HostName, HostOrRole } from '../../scenarios/types.ts';
import type { FaultTarget, ScheduledPart } from './types.ts';

export function hostFault<T extends 'crash' | 'restart' | 'isolate'>(
  type: T,
  act: (target: FaultTarget, host: HostName) => void,
  countsAsCrash: boolean,
): ScheduledPart<T> {
  return {
    type,
    fields: ['host'],
    read: (f, raw, path) => ({ host: hostOrRole(f, raw.host, join(path, 'host')) }) as never,
    arbitrary: ({ target, when }) => fc.tuple(target, when).map(([h, w]) => ({ type, host: h, ...w }) as never),
    keepDrawn: () => true,
    countsAsCrash,
    apply: (fault, t) => {
      const host = t.resolve((fault as { host: HostOrRole }).host);
      if (host !== undefined) act(t, host);
    },
    takesHostOut: () => true,
    hostsOut: (fault, c) => [c.slot((fault as { host: HostOrRole }).host)],
  };
}
