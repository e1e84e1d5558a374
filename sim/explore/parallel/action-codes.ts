// Actions as small integers, so a lineage (frontier.ts) keeps an Int32 per
// state and no object. A search meets few distinct actions (a delivery is
// its receiver and its index in the bag, a request its owner), but every
// state reached keeps the one that reached it: as the object `enabled`
// made, that is about 48 bytes of old generation a state, tens of millions
// of small objects that every full collection marks (BENCHMARKS.md, "Session
// 7: memory per state on cbcast-3x3"). Interned here, each distinct action
// is one shared object; actions are never modified (the model and the
// trails only read them), so sharing one is the same as keeping a copy.
import { assertNever } from '../../../protocol/types.ts';
import type { Action } from '../actions.ts';

/** The kinds whose fields are numbers below NUMERIC_LIMIT get a numeric key: no string built. */
const NUMERIC_LIMIT = 1 << 12;
const KIND_BITS = 4;

export class ActionCodes {
  private readonly actions: Action[] = [];
  /** A number (numericKey) or, for the kinds that carry strings, a string. */
  private readonly codes = new Map<number | string, number>();

  get size(): number {
    return this.actions.length;
  }

  /** The code of `a` (the same for every equal action). */
  code(a: Action): number {
    const key = numericKey(a) ?? stringKey(a);
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.actions.length;
      this.actions.push(a);
      this.codes.set(key, code);
    }
    return code;
  }

  /** The action of a code this table gave out (one shared object per code). */
  action(code: number): Action {
    const a = this.actions[code];
    if (a === undefined) throw new Error(`ActionCodes: no action ${code}`);
    return a;
  }
}

/** kind, owner and index packed into one small integer, or null when a field does not fit or is not a number. */
function numericKey(a: Action): number | null {
  switch (a.kind) {
    case 'request':
      return pack(0, a.owner, 0);
    case 'deliver':
      return pack(1, a.owner, a.index);
    case 'drop':
      return pack(2, a.owner, a.index);
    case 'duplicate':
      return pack(3, a.owner, a.index);
    case 'crash':
      return pack(4, a.owner, 0);
    case 'leave':
      return pack(5, a.owner, 0);
    case 'heal':
      return pack(6, 0, 0);
    case 'timer':
    case 'suspect':
    case 'join':
    case 'restart':
    case 'partition':
      return null;
    default:
      return assertNever(a);
  }
}

function pack(kind: number, owner: number, index: number): number | null {
  if (!(owner >= 0 && owner < NUMERIC_LIMIT && index >= 0 && index < NUMERIC_LIMIT)) return null;
  return ((index * NUMERIC_LIMIT + owner) << KIND_BITS) | kind;
}

/** Every field, in a fixed order: equal actions, equal strings. */
function stringKey(a: Action): string {
  switch (a.kind) {
    case 'timer':
      return `timer/${a.owner}/${a.tag}`;
    case 'suspect':
      return `suspect/${a.owner}/${a.suspect}/${a.budgeted ? 1 : 0}`;
    case 'join':
    case 'restart':
      return `${a.kind}/${a.owner}/${a.pid}`;
    case 'partition':
      return `partition/${JSON.stringify(a.groups)}`;
    case 'request':
    case 'crash':
    case 'leave':
      return `${a.kind}/${a.owner}`;
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return `${a.kind}/${a.owner}/${a.index}`;
    case 'heal':
      return 'heal';
    default:
      return assertNever(a);
  }
}
