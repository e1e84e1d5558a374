// What changed between two states of one process, as a list of changes
// (the embedded-states format of the HTML viewer): a path of object keys and
// the new value there, or `removed`. Arrays are replaced whole: a path names
// object keys only, so a reader applies a change without knowing the
// protocol. States are plain data (the protocol contract), and handlers
// never mutate their input, so unchanged parts are usually the same object
// and are skipped by reference before any deep comparison.

export interface StateChange {
  path: string[];
  value?: unknown;
  removed?: true;
}

/** A change with the value it replaced (`undefined` where there was none). */
export interface StateChangeWithBefore {
  path: string[];
  before: unknown;
  after: unknown;
}

/** Deeper objects than this are compared and replaced whole (bounds the recursion). */
const MAX_DIFF_DEPTH = 32;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of plain data; an `undefined` property counts as absent (as in JSON). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  const ka = definedKeys(a as Record<string, unknown>);
  const kb = definedKeys(b as Record<string, unknown>);
  if (ka.length !== kb.length) return false;
  for (const key of ka) {
    if (!Object.hasOwn(b, key)) return false;
    if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function definedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined);
}

/**
 * The changes that turn `before` into `after`; `before` undefined (no state
 * yet) gives one change at the root with the whole state.
 */
export function diffState(before: unknown, after: unknown): StateChange[] {
  const out: StateChange[] = [];
  if (before === undefined) {
    if (after !== undefined) out.push({ path: [], value: after });
    return out;
  }
  diffInto(before, after, [], out);
  return out;
}

function diffInto(before: unknown, after: unknown, path: string[], out: StateChange[]): void {
  if (before === after) return;
  if (isPlainObject(before) && isPlainObject(after) && path.length < MAX_DIFF_DEPTH) {
    for (const key of Object.keys(before)) {
      if (before[key] !== undefined && (!Object.hasOwn(after, key) || after[key] === undefined)) out.push({ path: [...path, key], removed: true });
    }
    for (const key of Object.keys(after)) {
      const next = after[key];
      if (next === undefined) continue;
      const prev = Object.hasOwn(before, key) ? before[key] : undefined;
      if (prev === undefined) out.push({ path: [...path, key], value: next });
      else diffInto(prev, next, [...path, key], out);
    }
    return;
  }
  if (!sameValue(before, after)) out.push({ path, value: after });
}

/** The value at `path` (object keys), or undefined. */
export function valueAt(state: unknown, path: readonly string[]): unknown {
  let at = state;
  for (const key of path) {
    if (!isPlainObject(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

/** `state` with `changes` applied, in order; `state` itself is not modified. */
export function applyChanges(state: unknown, changes: readonly StateChange[]): unknown {
  let root = state;
  for (const change of changes) root = applyOne(root, change.path, 0, change);
  return root;
}

function applyOne(at: unknown, path: readonly string[], depth: number, change: StateChange): unknown {
  if (depth === path.length) return change.removed === true ? undefined : change.value;
  const key = path[depth] as string;
  const copy: Record<string, unknown> = isPlainObject(at) ? { ...at } : {};
  const next = applyOne(copy[key], path, depth + 1, change);
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}

/** The changes from `before` to `after`, each with the value it replaced. */
export function describeChanges(before: unknown, after: unknown): StateChangeWithBefore[] {
  return diffState(before, after).map((c) => ({ path: c.path, before: valueAt(before, c.path), after: c.removed === true ? undefined : c.value }));
}
