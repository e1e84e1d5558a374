// `vsynclab/scenarios`: the scenario types, validation and the random
// generator, and the fast-check arbitraries (also `vsynclab/arbitraries`).
export * from './types.ts';
export { validateScenario, parseSeedRange, MAX_SEEDS } from './validate.ts';
export { generateScenario, type GeneratorMode, type GeneratorSpec, type UnitRandom } from './generator.ts';
export * from './arbitraries/index.ts';
