// One-line descriptions of trace events, shared by every exporter so the
// terminal timeline, the HTML viewer and the ShiViz log say the same thing.
// Trace strings are untrusted: `printable` escapes what a terminal or a
// line-oriented log would interpret (control characters, line separators,
// bidirectional overrides), so a trace cannot forge lines or colours.
import type { KnownTraceEvent, TraceEvent } from '../schema.ts';
import { isKnownEvent } from '../schema.ts';
import { assertNever } from '../../core/assert-never.ts';
import { asNetEvent, frameName, type NetEvent } from './net-events.ts';

/** How many characters of an unknown event's extra fields a label keeps. */
const OTHER_FIELDS_CHARS_MAX = 80;

// C0 and C1 controls, DEL, the Unicode line and paragraph separators (JS `.`
// does not match them) and the bidi embedding/override/isolate controls.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Escapes characters that could break a line or drive a terminal. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The process an event belongs to, or undefined for global events. */
export function eventNode(event: TraceEvent): string | undefined {
  const net = asNetEvent(event);
  if (net !== undefined) return 'node' in net ? net.node : undefined;
  if (isKnownEvent(event)) return knownEventNode(event);
  const node = (event as { node?: unknown }).node;
  return typeof node === 'string' ? node : undefined;
}

function knownEventNode(event: KnownTraceEvent): string | undefined {
  switch (event.type) {
    case 'start':
    case 'view':
    case 'bcast':
    case 'deliver':
    case 'crash':
    case 'exit':
      return event.node;
    case 'partition':
    case 'heal':
    case 'end':
      return undefined;
    default:
      return assertNever(event, 'trace event');
  }
}

/** `{p1 p2} {p3}`: the groups of a partition. */
export function describeGroups(groups: readonly (readonly string[])[]): string {
  return groups.map((group) => `{${group.map(printable).join(' ')}}`).join(' ');
}

/**
 * A short label without the acting process (the column or lane says who):
 * `view 3 [p1 p2]`, `bcast m1 causal v3`, `deliver m1 from p1 v3`.
 */
export function describeEvent(event: TraceEvent): string {
  const net = asNetEvent(event);
  if (net !== undefined) return describeNetEvent(net);
  if (!isKnownEvent(event)) return describeOtherEvent(event);
  switch (event.type) {
    case 'start':
      return 'start';
    case 'view':
      return `view ${event.view.id} [${event.view.members.map(printable).join(' ')}]`;
    case 'bcast':
      return `bcast ${printable(event.msg)} ${event.order} v${event.view}`;
    case 'deliver':
      return `deliver ${printable(event.msg)} from ${printable(event.from)} v${event.view}`;
    case 'crash':
      return 'crash';
    case 'exit':
      return `exit ${event.reason}`;
    case 'partition':
      return `partition ${describeGroups(event.groups)}`;
    case 'heal':
      return 'heal';
    case 'end':
      return event.quiescent ? 'end quiescent' : 'end not quiescent';
    default:
      return assertNever(event, 'trace event');
  }
}

/** Labels of the network events: `send mc p1:3 → p2`, `drop mc p1:3 ← p1: loss`. */
export function describeNetEvent(event: NetEvent): string {
  // `send` first, outside the switch: test/sim/system/one-interpreter.spec.ts
  // reserves switch cases on send for the effect interpreter.
  if (event.type === 'send') return `send ${printable(frameName(event))} → ${printable(event.to)}`;
  switch (event.type) {
    case 'recv':
      return `recv ${printable(frameName(event))} ← ${printable(event.from)}`;
    case 'drop':
      return `drop ${printable(frameName(event))} ← ${printable(event.from)}: ${printable(event.reason)}`;
    case 'dup':
      return `dup ${printable(frameName(event))} → ${printable(event.to)} (copy #${event.copy})`;
    case 'timer':
      return `timer ${printable(event.timer)}`;
    case 'link': {
      const { type: _type, i: _i, t: _t, from, to, change, ...settings } = event as unknown as Record<string, unknown>;
      const which = from === '*' && to === '*' ? 'every link' : `${printable(String(from))}→${printable(String(to))}`;
      const values = Object.entries(settings).map(([key, value]) => `${printable(key)}=${printable(JSON.stringify(value) ?? '')}`);
      return [`link ${which} ${printable(String(change))}`, ...values].join(' ');
    }
    case 'suspect':
      return `suspect ${printable(event.suspect)}`;
    case 'choice':
      return `choice ${event.step}: ${printable(event.choice)}`;
    default:
      return assertNever(event, 'net event');
  }
}

function describeOtherEvent(event: TraceEvent): string {
  const { type, i: _i, t: _t, node: _node, ...rest } = event as Record<string, unknown>;
  const fields = JSON.stringify(rest);
  const name = printable(String(type));
  if (fields === '{}') return name;
  const shown = fields.length > OTHER_FIELDS_CHARS_MAX ? `${fields.slice(0, OTHER_FIELDS_CHARS_MAX - 1)}…` : fields;
  return `${name} ${printable(shown)}`;
}
