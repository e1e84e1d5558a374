// The `never` check at the end of every exhaustive switch: an impossible case
// is an assertion, not silence.
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
