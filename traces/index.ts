// `vsynclab/traces`: the trace schema, reading and writing trace files, and
// the exporters (also `vsynclab/traces/export`).
export * from './schema.ts';
export * from './reader.ts';
export * from './serialize.ts';
export { InputError, locate } from './input-error.ts';
export { validateEvent, validateHeader } from './validate.ts';
export * from './export/index.ts';
