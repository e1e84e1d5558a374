// Protocols by name, as scenario files refer to them (`protocol.name`).
import type { ProtocolFactory } from './types.ts';

const factories = new Map<string, ProtocolFactory>();

export function registerProtocol(name: string, factory: ProtocolFactory): void {
  factories.set(name, factory);
}

export function protocolFactory(name: string): ProtocolFactory | undefined {
  return factories.get(name);
}

export function protocolNames(): string[] {
  return [...factories.keys()].sort();
}
