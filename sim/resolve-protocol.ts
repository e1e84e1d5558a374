// Builds the scenario's protocol from the registry.
import { protocolFactory, protocolNames } from '../protocol/registry.ts';
import type { AnyProtocol } from '../protocol/types.ts';
import type { Scenario } from '../scenarios/types.ts';
import { InputError, quote } from '../traces/input-error.ts';
import '../protocol/builtin.ts';

export function resolveProtocol(scenario: Scenario): AnyProtocol {
  return buildProtocol(scenario.protocol, `scenario ${scenario.name}`, 'protocol');
}

/**
 * Builds a protocol spec, or throws an InputError that names `where` (the
 * scenario file) and `field` (its JSON path): an unknown name, or options
 * the protocol's factory rejects.
 */
export function buildProtocol(spec: Scenario['protocol'], where: string, field: string): AnyProtocol {
  const factory = protocolFactory(spec.name);
  if (factory === undefined) {
    throw new InputError(
      `${where}: ${field}.name: unknown protocol ${quote(spec.name)}, expected one of ${protocolNames().join(', ')} (or a --plugin that registers it)`,
    );
  }
  try {
    return factory(spec.options ?? {});
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // Factories name the option from `protocol.`; say where that protocol field is.
    const message = error.message.startsWith('protocol.') ? `${field}${error.message.slice('protocol'.length)}` : error.message;
    throw new InputError(`${where}: ${message}`);
  }
}
