// `vsynclab`: the whole library from one name. The subpaths
// (`vsynclab/protocol`, `/sim`, `/checkers`, `/arbitraries`, `/scenarios`,
// `/traces`, `/explore`) load only their part.
export * from './protocol/index.ts';
export * from './scenarios/index.ts';
export * from './sim/index.ts';
export * from './checkers/index.ts';
export * from './traces/index.ts';
