// Small helpers that turn checker facts into the words of a violation.
import type { ProcessId } from '../traces/schema.ts';

/** `{p1, p2, p3}` */
export function formatMembers(members: readonly ProcessId[] | ReadonlySet<ProcessId>): string {
  return `{${[...members].join(', ')}}`;
}

/** `1 message` / `3 messages` */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What a process did, in words, for the event types that carry a `node`. */
export function describeAct(event: { type: string; msg?: unknown; view?: unknown }): string {
  switch (event.type) {
    case 'start':
      return 'starts';
    case 'view': {
      const view = event.view as { id?: unknown } | undefined;
      return `installs view ${String(view?.id)}`;
    }
    case 'bcast':
      return `multicasts ${String(event.msg)}`;
    case 'deliver':
      return `delivers ${String(event.msg)}`;
    case 'crash':
      return 'crashes';
    case 'exit':
      return 'exits';
    default:
      return `has a ${event.type} event`;
  }
}
