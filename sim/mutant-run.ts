// Running a scenario against a mutant: the mutant stands in for the
// protocols it replaces, and the trace header records its name so replay
// and shrink run the same broken code.
import { MUTANTS, mutantByName } from '../protocol/mutants/index.ts';
import type { AnyProtocol } from '../protocol/types.ts';
import type { Scenario } from '../scenarios/types.ts';
import { InputError } from '../traces/input-error.ts';

export interface MutantRunOptions {
  protocol?: AnyProtocol;
  headerExtra?: Record<string, unknown>;
}

/** Run options for `scenario` under mutant `name` (none: the real protocol). */
export function mutantRunOptions(scenario: Scenario, name: string | undefined, where = '--mutant'): MutantRunOptions {
  if (name === undefined) return {};
  const mutant = mutantByName(name);
  if (mutant === undefined) {
    throw new InputError(`${where}: unknown mutant ${JSON.stringify(name)}, expected one of ${MUTANTS.map((m) => m.name).join(', ')}`);
  }
  if (!mutant.replaces.includes(scenario.protocol.name)) return {};
  return { protocol: mutant.factory(scenario.protocol.options ?? {}), headerExtra: { mutant: name } };
}
