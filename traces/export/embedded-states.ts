// Process states embedded in the HTML page for its event panel (made by the
// `inspect` machinery): the state of `node` after event `i` is obtained by
// applying, in order, every step of that node with index <= i. A node's
// first step has one change with `path: []` and the whole state as `value`;
// `removed: true` deletes a path; arrays are replaced whole (paths name
// object keys only). This file checks the structure before it is embedded;
// the page applies it (html-client-lib.ts).
import { InputError } from '../../core/input-error.ts';

export interface StateChange {
  path: string[];
  value?: unknown;
  removed?: true;
}

export interface StateStep {
  i: number;
  node: string;
  changes: StateChange[];
}

export interface EmbeddedStates {
  steps: StateStep[];
}

/** The most steps one page embeds (each is a change set of one event). */
export const STATE_STEPS_MAX = 500_000;

/**
 * Checks the structure (throws InputError naming the field) and keeps the
 * steps up to event `lastEvent`: later ones cannot be shown.
 */
export function checkEmbeddedStates(states: unknown, lastEvent: number): EmbeddedStates {
  const where = 'embedded states';
  if (typeof states !== 'object' || states === null || !Array.isArray((states as { steps?: unknown }).steps)) {
    throw new InputError(`${where}: steps: expected an array of {i, node, changes}`);
  }
  const steps = (states as { steps: unknown[] }).steps;
  if (steps.length > STATE_STEPS_MAX) {
    throw new InputError(`${where}: steps: ${steps.length} steps is more than one page holds (${STATE_STEPS_MAX}); pick a window with --from and --to`);
  }
  const kept: StateStep[] = [];
  let previous = -1;
  steps.forEach((step, k) => {
    const at = `${where}: steps[${k}]`;
    if (typeof step !== 'object' || step === null) throw new InputError(`${at}: expected an object {i, node, changes}`);
    const { i, node, changes } = step as Record<string, unknown>;
    if (!Number.isInteger(i) || (i as number) < 0) throw new InputError(`${at}.i: expected an event index (a whole number from 0)`);
    if ((i as number) < previous) throw new InputError(`${at}.i: expected steps in event order (${String(i)} after ${previous})`);
    previous = i as number;
    if (typeof node !== 'string') throw new InputError(`${at}.node: expected a process id (a string)`);
    if (!Array.isArray(changes)) throw new InputError(`${at}.changes: expected an array of {path, value} or {path, removed: true}`);
    changes.forEach((change, c) => {
      const path = (change as { path?: unknown } | null)?.path;
      if (!Array.isArray(path) || !path.every((part) => typeof part === 'string')) {
        throw new InputError(`${at}.changes[${c}].path: expected an array of object keys (strings)`);
      }
    });
    if ((i as number) <= lastEvent) kept.push(step as StateStep);
  });
  return { steps: kept };
}
