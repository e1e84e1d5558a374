// Protocols by name, as scenario files refer to them (`protocol.name`).
//
// One registry per process (per thread), kept on globalThis: the CLI runs as
// one bundled file (dist/cli/vsynclab.cjs) while a plugin imports
// `vsynclab/protocol` from dist/'s ES modules, two copies of this module
// that must see the same protocols.
import type { ProtocolFactory } from './types.ts';

const REGISTRY = Symbol.for('vsynclab.protocol-registry');

const holder = globalThis as { [REGISTRY]?: Map<string, ProtocolFactory> };
const factories: Map<string, ProtocolFactory> = (holder[REGISTRY] ??= new Map<string, ProtocolFactory>());

export function registerProtocol(name: string, factory: ProtocolFactory): void {
  factories.set(name, factory);
}

export function protocolFactory(name: string): ProtocolFactory | undefined {
  return factories.get(name);
}

export function protocolNames(): string[] {
  return [...factories.keys()].sort();
}
