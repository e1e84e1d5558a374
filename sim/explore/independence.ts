// The pairwise independence relation the sleep sets (sleep-sets.ts) need,
// and a name for an action that is the same in every state where the
// action is the same move.
//
// Independent pairs: two *local* actions of different processes. A local
// action runs one process's handler on that process's own slot and only
// adds messages to the in-flight multiset:
// - `request p`: p's next workload multicast (reads p's count only);
// - `deliver q>p`: takes one message to p out of flight and runs p's
//   handler; no other process's action removes a message to p;
// - `timer p tag`: p's pending timer fires;
// - `suspect p q` with the perfect detector: p hears that the crashed q
//   failed (q stays crashed: a crash is never undone, a restart is a new
//   slot).
// Each also reads the cut (a send across it is lost) and whether a
// receiver is live (a send to a gone process vanishes), but only global
// actions change the cut, and a process that leaves by an exit of its own
// purges the messages to it: sending to it before or after the exit leaves
// the same multiset. Fingerprints are per process (history.ts), so the
// key after both is the same in either order, and neither disables the
// other.
//
// Everything else is global and dependent on every action: the budgeted
// faults (crash, drop, duplicate, partition, false suspicion, leave, join,
// restart) count against budgets and most touch several processes or the
// multiset as a whole; heal changes the cut that every send reads.
import { assertNever } from '../../protocol/types.ts';
import type { Action } from './actions.ts';
import type { GlobalState, InFlight } from './state.ts';

/** An action that is not local (see above): dependent on every action, never asleep. */
export const GLOBAL_ACTION = -1;

/**
 * The low 46 bits of an action's name hash its move; the bits above hold
 * its owner, so that `ownerOf` reads it back. 64 process slots at most
 * (2^6 * 2^46 = 2^52, inside a double's exact integers).
 */
const MOVE_BITS = 2 ** 46;
const MAX_OWNERS = 64;

/**
 * The action's name, the same in every state where it is the same move:
 * (owner, kind, and the message's content hash, the timer's tag or the
 * suspected process); GLOBAL_ACTION for a global action. Two copies of one
 * message in flight have one name: delivering either gives the same state.
 * Names trust 46-bit hashes among one state's few actions, as the visited
 * set trusts 64-bit keys among all states.
 */
export function actionName(s: GlobalState, a: Action): number {
  switch (a.kind) {
    case 'request':
      return named(a.owner, 1, 0, 0);
    case 'deliver': {
      const m = s.bag[a.index] as InFlight;
      return named(a.owner, 2, m.hash[0] as number, m.hash[1] as number);
    }
    case 'timer':
      return named(a.owner, 3, stringHash(a.tag, 0x811c9dc5), stringHash(a.tag, 0x01000193));
    case 'suspect':
      return a.budgeted ? GLOBAL_ACTION : named(a.owner, 4, a.suspect, 0);
    case 'crash':
    case 'drop':
    case 'duplicate':
    case 'leave':
    case 'join':
    case 'restart':
    case 'partition':
    case 'heal':
      return GLOBAL_ACTION;
    default:
      return assertNever(a, 'action');
  }
}

/** The process slot a local action's name belongs to. */
export function ownerOf(name: number): number {
  return Math.floor(name / MOVE_BITS);
}

/** Whether two actions, by name, commute and neither disables the other. */
export function independent(x: number, y: number): boolean {
  return x !== GLOBAL_ACTION && y !== GLOBAL_ACTION && ownerOf(x) !== ownerOf(y);
}

function named(owner: number, kind: number, a: number, b: number): number {
  if (owner >= MAX_OWNERS) return GLOBAL_ACTION;
  let h1 = Math.imul(kind ^ 0x9e3779b9, 0x85ebca6b) ^ a;
  h1 = Math.imul(h1 ^ (h1 >>> 15), 0xc2b2ae35) ^ b;
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0x27d4eb2f);
  h1 ^= h1 >>> 16;
  let h2 = Math.imul(b ^ 0x7f4a7c15, 0x165667b1) ^ kind;
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x9e3779b1) ^ a;
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0x85ebca77);
  h2 ^= h2 >>> 16;
  // 32 bits of h1 and 14 of h2: 46 bits of move.
  return owner * MOVE_BITS + (h1 >>> 0) * 2 ** 14 + (h2 >>> 18);
}

/** FNV-1a over the UTF-16 units, from `seed` (two seeds: two independent words). */
function stringHash(text: string, seed: number): number {
  let h = seed | 0;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h;
}
