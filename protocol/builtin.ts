// Registers the protocols that ship with vsynclab.
import { registerProtocol } from './registry.ts';

export {};
void registerProtocol;
