// Builds the scenario's protocol from the registry.
import { protocolFactory, protocolNames } from '../protocol/registry.ts';
import type { AnyProtocol } from '../protocol/types.ts';
import type { Scenario } from '../scenarios/types.ts';
import { InputError, quote } from '../traces/input-error.ts';
import { isPropertyId } from '../core/property-ids.ts';
import '../protocol/builtin.ts';

/** The protocols this package registers itself; any other comes from a --plugin. */
const BUILT_IN: ReadonlySet<string> = new Set(protocolNames());

const HANDLERS = ['init', 'onMessage', 'onTimer', 'onRequest'] as const;
const OPTIONAL_HOOKS = [
  'onSuspect', 'isQuiet', 'appDigest', 'hasExited', 'describeMessage', 'permute', 'permuteMessage', 'encodeState', 'encodeMessage',
] as const;

export function resolveProtocol(scenario: Scenario): AnyProtocol {
  return buildProtocol(scenario.protocol, `scenario ${scenario.name}`, 'protocol');
}

/**
 * Builds a protocol spec, or throws an InputError that names `where` (the
 * scenario file) and `field` (its JSON path): an unknown name, options
 * the protocol's factory rejects, or a plugin's factory that throws or
 * returns something that is not a protocol (caught here, before any run,
 * rather than as an internal error in the middle of one).
 */
export function buildProtocol(spec: Scenario['protocol'], where: string, field: string): AnyProtocol {
  const factory = protocolFactory(spec.name);
  if (factory === undefined) {
    throw new InputError(
      `${where}: ${field}.name: unknown protocol ${quote(spec.name)}, expected one of ${protocolNames().join(', ')} (or a --plugin that registers it)`,
    );
  }
  let protocol: unknown;
  try {
    protocol = factory(spec.options ?? {});
  } catch (error) {
    if (!(error instanceof InputError)) {
      if (BUILT_IN.has(spec.name)) throw error;
      const why = error instanceof Error ? error.message : String(error);
      throw new InputError(`${where}: ${field}.name: the plugin factory of protocol ${quote(spec.name)} threw: ${quote(why.split('\n')[0] ?? '', 200)}`);
    }
    // Factories name the option from `protocol.`; say where that protocol field is.
    const message = error.message.startsWith('protocol.') ? `${field}${error.message.slice('protocol'.length)}` : error.message;
    throw new InputError(`${where}: ${message}`);
  }
  const wrong = notAProtocol(protocol);
  if (wrong !== null) {
    throw new InputError(`${where}: ${field}.name: the factory of protocol ${quote(spec.name)} returned ${wrong}; expected a Protocol (protocol/types.ts)`);
  }
  return protocol as AnyProtocol;
}

/** What is wrong with a factory's result, in words, or null when it has a protocol's shape. */
export function notAProtocol(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return `${value === null ? 'null' : typeof value}, not an object`;
  const p = value as Record<string, unknown>;
  if (typeof p.name !== 'string' || p.name === '') return 'an object without a `name` string';
  for (const handler of HANDLERS) if (typeof p[handler] !== 'function') return `an object without the handler \`${handler}\``;
  for (const hook of OPTIONAL_HOOKS) {
    if (p[hook] !== undefined && typeof p[hook] !== 'function') return `an object whose \`${hook}\` is not a function`;
  }
  if (p.properties !== undefined && !(Array.isArray(p.properties) && p.properties.every((id) => typeof id === 'string' && isPropertyId(id)))) {
    return 'an object whose `properties` is not a list of property ids';
  }
  return null;
}
