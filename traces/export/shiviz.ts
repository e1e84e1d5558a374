// The ShiViz log format (https://bestchai.bitbucket.io/shiviz/): line 1 is
// the parsing regex with named groups host, clock and event; line 2 is the
// delimiter between executions (empty: one execution); then two lines per
// event: `host {"host":n,...}` and the event's description.
//
// ShiViz's rules, which this file keeps: the event's host is a key of its
// own clock; each host's own entry starts at 1 and grows by exactly 1; every
// key of a clock is a host with events; `host` is matched by `\S+`, so host
// names here never hold whitespace (process ids are mapped to safe names).
//
// Protocol frames (send -> recv) are edges like multicasts (vector-clocks.ts),
// and each event named by a violation says so in its description
// (`... ⚠ fifo-order: p2 delivers m2 ...`), so ShiViz's search finds them.
import type { TraceEvent } from '../schema.ts';
import { describeEvent, eventNode, printable } from './describe-event.ts';
import { eventPredicate, type EventFilter } from './event-filter.ts';
import { vectorClocks, type VectorClock } from './vector-clocks.ts';
import { violationsByEvent, type ViolationMark } from './violation-mark.ts';

export interface ShiVizOptions {
  /** Violations to write into the descriptions of the events they name. */
  violations?: readonly ViolationMark[];
  /** Keep only some events; the clocks are computed over what is kept. */
  filter?: EventFilter;
}

export const SHIVIZ_REGEX = String.raw`(?<host>\S+) (?<clock>{.*})\n(?<event>.*)`;

/** The pseudo host for events of no process: partitions, heals, the end. */
export const SHIVIZ_GLOBAL_HOST = 'sim';

/** How many suffixes to try when making a host name unique. */
const UNIQUE_NAME_TRIES_MAX = 1_000_000;

/**
 * Maps process ids to ShiViz host names: whitespace, quotes, backslashes and
 * braces become `_`, and a clash (or a name ShiViz would treat as an object
 * property) gets a `~n` suffix. `p1` and `p3#2` stay as they are.
 */
export class ShiVizHostNames {
  private readonly byId = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(reserved: readonly string[] = []) {
    for (const name of reserved) this.taken.add(name);
  }

  nameOf(id: string): string {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    const base = id.replace(/[\s"\\{}\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '_') || '_';
    let name = base;
    for (let n = 1; this.taken.has(name) || isObjectProperty(name); n++) {
      if (n > UNIQUE_NAME_TRIES_MAX) throw new Error(`no free ShiViz host name for ${JSON.stringify(id)}`);
      name = `${base}~${n}`;
    }
    this.byId.set(id, name);
    this.taken.add(name);
    return name;
  }
}

// ShiViz keeps hosts as keys of plain objects; `__proto__` and friends break it.
function isObjectProperty(name: string): boolean {
  return name in Object.prototype;
}

/** The ShiViz log for a trace, as lines (join with "\n"). */
export function* shivizLines(events: Iterable<TraceEvent>, options: ShiVizOptions = {}): Generator<string> {
  yield SHIVIZ_REGEX;
  yield '';
  // The export streams, so the global host's name is taken up front and a
  // process called `sim` becomes `sim~1`.
  const names = new ShiVizHostNames([SHIVIZ_GLOBAL_HOST]);
  const globalHost = SHIVIZ_GLOBAL_HOST;
  const hostOf = (event: TraceEvent): string => {
    const node = eventNode(event);
    return node === undefined ? globalHost : names.nameOf(node);
  };
  const marks = options.violations ?? [];
  const flagged = violationsByEvent(marks);
  // The violation filter needs the events by index; other filters stream.
  const all = options.filter?.violations !== undefined && !Array.isArray(events) ? [...events] : events;
  const keep = eventPredicate(options.filter, Array.isArray(all) ? (all as TraceEvent[]) : [], marks);
  const kept = keep === undefined ? all : filtered(all, keep);
  const { clocked, hosts } = vectorClocks(kept, { hostOf });
  const quoted: string[] = [];
  for (const { event, host, clock } of clocked) {
    while (quoted.length < hosts.length) quoted.push(JSON.stringify(hosts[quoted.length]));
    yield `${hosts[host]} ${clockJson(clock, quoted)}`;
    const node = eventNode(event);
    const who = node === undefined ? '' : `${printable(node)} `;
    const named = flagged.get(event.i) ?? [];
    const because = named.map((k) => ` \u26a0 ${printable(marks[k]!.property)}: ${printable(marks[k]!.message)}`).join('');
    yield `${who}${describeEvent(event)} (i=${event.i} t=${event.t}us)${because}`;
  }
}

function* filtered(events: Iterable<TraceEvent>, keep: (event: TraceEvent) => boolean): Generator<TraceEvent> {
  for (const event of events) if (keep(event)) yield event;
}

/** The whole log as one string, ending in a newline. */
export function toShiVizLog(events: Iterable<TraceEvent>, options: ShiVizOptions = {}): string {
  return `${[...shivizLines(events, options)].join('\n')}\n`;
}

/** `{"p1":3,"p2":1}`; `quoted` holds the hosts' names as JSON strings. */
function clockJson(clock: VectorClock, quoted: readonly string[]): string {
  let json = '';
  for (let h = 0; h < clock.length; h++) {
    const n = clock[h]!;
    if (n > 0) json += `${json === '' ? '' : ','}${quoted[h]}:${n}`;
  }
  return `{${json}}`;
}
