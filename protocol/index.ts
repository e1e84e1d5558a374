// `vsynclab/protocol`: what a protocol author needs. The contract, the
// registry a plugin registers into, and the ISIS stack with its layers and
// mutants to build on. A plugin imports this by package name, so it shares
// the registry with the CLI.
export * from './types.ts';
export * from './registry.ts';
export { makeIsisProtocol } from './isis/stack.ts';
export { defaultIsisLayers, type IsisLayers } from './isis/config.ts';
export { isisProtocols } from './isis/index.ts';
export { MUTANTS, mutantByName, type Mutant } from './mutants/index.ts';
