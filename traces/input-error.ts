// InputError lives in core/ (every layer throws it); this module keeps the
// traces/ path that readers and commands import.
export * from '../core/input-error.ts';
