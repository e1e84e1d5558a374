// Registers the protocols that ship with vsynclab.
import { registerProtocol } from './registry.ts';
import { isisProtocols } from './isis/index.ts';

for (const [name, factory] of Object.entries(isisProtocols)) registerProtocol(name, factory);
