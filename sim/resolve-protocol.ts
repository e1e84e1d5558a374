// Builds the scenario's protocol from the registry.
import { protocolFactory, protocolNames } from '../protocol/registry.ts';
import type { AnyProtocol } from '../protocol/types.ts';
import type { Scenario } from '../scenarios/types.ts';
import { InputError } from '../traces/input-error.ts';
import '../protocol/builtin.ts';

export function resolveProtocol(scenario: Scenario): AnyProtocol {
  const factory = protocolFactory(scenario.protocol.name);
  if (factory === undefined) {
    throw new InputError(
      `scenario ${scenario.name}: protocol.name: unknown protocol "${scenario.protocol.name}", expected one of ${protocolNames().join(', ')}`,
    );
  }
  return factory(scenario.protocol.options ?? {});
}
