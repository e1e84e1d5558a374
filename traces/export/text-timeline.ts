// The terminal timeline: one row per event, one column per process. A
// process's column shows `│` while it is a member of a view, `┊` between its
// start and its first view, and nothing before it starts or after it crashed
// or exited. Global events (partition, heal, end) span the row. Events named
// by a checker violation end with `!` and the property; the violations are
// listed below the rows, the consequences of one cause together. Network
// rows (send, recv, drop, dup, timer, suspect) sit in their process's
// column; link changes and explorer choices span the row. A filter (by
// process, message or violation; event-filter.ts) keeps some rows; the
// columns still follow every event. Colours come from the chalk instance the
// caller passes (level 0 gives plain text), so tests and pipes get no escapes.
import type { ChalkInstance } from 'chalk';
import type { TraceEvent, TraceHeader } from '../schema.ts';
import { isKnownEvent } from '../schema.ts';
import { describeEvent, eventNode, printable } from './describe-event.ts';
import { assertNever } from '../../core/assert-never.ts';
import { ungrouped, violationsByEvent, type ViolationGroupMark, type ViolationMark } from './violation-mark.ts';
import { eventPredicate, type EventFilter } from './event-filter.ts';
import { asNetEvent, type NetEvent } from './net-events.ts';

export interface TextTimelineOptions {
  chalk: ChalkInstance;
  /** First event shown (position in the trace, which equals its `i`). */
  from?: number;
  /** Last event shown, inclusive. */
  to?: number;
  violations?: readonly ViolationMark[];
  /** Characters per process column (default: fit the window's labels, at most 30). */
  cellWidth?: number;
  /** Groups of `violations` by cause, as the checkers' report makes them (default: one each). */
  violationGroups?: readonly ViolationGroupMark[];
  /** Keep only some rows. */
  filter?: EventFilter;
}

// Columns grow to the longest label of a known event in the window, within these bounds.
const CELL_WIDTH_MIN = 8;
const CELL_WIDTH_AUTO_MAX = 30;
const INDEX_WIDTH = 6;
const TIME_WIDTH = 11;

type Presence = 'absent' | 'joining' | 'member' | 'gone';

const FILLER: Record<Presence, string> = { absent: ' ', joining: '┊', member: '│', gone: ' ' };

/** Renders the timeline as lines (no trailing newlines). */
export function renderTextTimeline(
  header: TraceHeader | undefined,
  events: readonly TraceEvent[],
  options: TextTimelineOptions,
): string[] {
  const { chalk } = options;
  const from = Math.max(0, options.from ?? 0);
  const to = Math.min(events.length - 1, options.to ?? events.length - 1);
  const width = Math.max(CELL_WIDTH_MIN, options.cellWidth ?? autoWidth(events, from, to));
  const violations = options.violations ?? [];
  const flagged = violationsByEvent(violations);
  const keep = eventPredicate(options.filter, events, violations);
  const nodeFilter = options.filter?.nodes === undefined ? undefined : new Set(options.filter.nodes);

  const presence = new Map<string, Presence>();
  // Replay the events before the window so columns start in the right state.
  for (let k = 0; k < from && k < events.length; k++) advance(presence, events[k]!);
  const processes = columnsFor(events, from, to, presence).filter((p) => nodeFilter === undefined || nodeFilter.has(p));

  const lines: string[] = [];
  lines.push(chalk.bold(describeHeader(header)));
  lines.push(chalk.dim(`events ${from}..${to} of ${events.length}`));
  if (keep !== undefined) {
    let shown = 0;
    for (let k = from; k <= to; k++) if (keep(events[k]!)) shown++;
    lines.push(chalk.dim(`filtered: ${describeFilter(options.filter!, violations)}: ${shown} of ${to - from + 1} rows`));
  }
  const head = `${'i'.padStart(INDEX_WIDTH)} ${'t(us)'.padStart(TIME_WIDTH)}   ${processes.map((p) => fit(printable(p), width)).join(' ')}`;
  lines.push(chalk.bold(head.trimEnd()));
  const rowWidth = processes.length * (width + 1) - 1;
  lines.push(chalk.dim('─'.repeat(INDEX_WIDTH + TIME_WIDTH + 3 + rowWidth)));

  for (let k = from; k <= to; k++) {
    const event = events[k]!;
    if (keep !== undefined && !keep(event)) {
      advance(presence, event);
      continue;
    }
    const node = eventNode(event);
    const label = describeEvent(event);
    const marks = flagged.get(event.i);
    // A `!` gutter flags the row; the property names follow the last column.
    const gutter = marks ? chalk.red.bold('!') : ' ';
    const prefix = `${String(event.i).padStart(INDEX_WIDTH)} ${String(event.t).padStart(TIME_WIDTH)} ${gutter} `;
    let body: string;
    if (node === undefined) {
      const banner = fit(`══ ${label} `, Math.max(rowWidth, CELL_WIDTH_MIN), '═');
      body = paint(chalk, event, banner);
    } else {
      const cells = processes.map((p) => {
        if (p !== node) return chalk.dim(fit(FILLER[presence.get(p) ?? 'absent'], width));
        return paint(chalk, event, fit(label, width));
      });
      body = cells.join(' ');
    }
    advance(presence, event);
    if (marks) lines.push(`${prefix}${body} ${chalk.red.bold(marks.map((m) => violations[m]!.property).join(', '))}`);
    else lines.push(`${prefix}${body}`.trimEnd());
  }

  if (violations.length > 0) {
    lines.push('');
    lines.push(chalk.red.bold(`${violations.length} violation${violations.length === 1 ? '' : 's'}:`));
    (options.violationGroups ?? ungrouped(violations)).forEach((group, at) => {
      const first = violations[group.members[0]!];
      if (first === undefined) return;
      const number = `[${at + 1}]`;
      const line = `${printable(first.property)}: ${printable(first.message)} (events ${first.events.join(', ')})`;
      if (group.cause === null) {
        lines.push(chalk.red(`  ${number} ${line}`));
        return;
      }
      lines.push(chalk.red.bold(`  ${number} ${printable(group.cause)}: ${group.count} violations`));
      lines.push(chalk.red(`      ${line}`));
      if (group.count > 1) lines.push(chalk.red(`      ... and ${group.count - 1} more: ${describeRest(group, violations)}`));
    });
  }
  return lines;
}

/** `fifo-order 3, virtual-synchrony 2, 4 not listed`: the rest of a group by property. */
function describeRest(group: ViolationGroupMark, violations: readonly ViolationMark[]): string {
  const byProperty = new Map<string, number>();
  for (const position of group.members.slice(1)) {
    const property = violations[position]!.property;
    byProperty.set(property, (byProperty.get(property) ?? 0) + 1);
  }
  const parts = [...byProperty].map(([property, count]) => `${printable(property)} ${count}`);
  const unlisted = group.count - group.members.length;
  if (unlisted > 0) parts.push(`${unlisted} not listed`);
  return parts.join(', ');
}

function describeFilter(filter: EventFilter, violations: readonly ViolationMark[]): string {
  const parts: string[] = [];
  if (filter.nodes !== undefined) parts.push(`process ${filter.nodes.map(printable).join(', ')}`);
  if (filter.messages !== undefined) parts.push(`message ${filter.messages.map(printable).join(', ')}`);
  if (filter.violations !== undefined) {
    parts.push(`violation ${filter.violations.map((p) => printable(violations[p]?.property ?? '?')).join(', ')}`);
  }
  return parts.join('; ');
}

function describeHeader(header: TraceHeader | undefined): string {
  if (header === undefined) return 'trace';
  const parts = (['protocol', 'scenario', 'seed', 'detail'] as const)
    .filter((key) => typeof header[key] === 'string')
    .map((key) => `${key}=${printable(header[key] as string)}`);
  return ['trace', ...parts].join(' ');
}

/** The processes with a column: those that exist at some point of the window. */
function columnsFor(
  events: readonly TraceEvent[],
  from: number,
  to: number,
  before: ReadonlyMap<string, Presence>,
): string[] {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const [p, state] of before) {
    if (state === 'joining' || state === 'member') {
      columns.push(p);
      seen.add(p);
    }
  }
  for (let k = from; k <= to; k++) {
    const node = eventNode(events[k]!);
    if (node !== undefined && !seen.has(node)) {
      columns.push(node);
      seen.add(node);
    }
  }
  return columns;
}

function advance(presence: Map<string, Presence>, event: TraceEvent): void {
  const node = eventNode(event);
  if (node === undefined) return;
  if (asNetEvent(event) !== undefined || !isKnownEvent(event)) {
    if (!presence.has(node)) presence.set(node, 'joining');
    return;
  }
  switch (event.type) {
    case 'start':
      presence.set(node, 'joining');
      return;
    case 'view':
      presence.set(node, 'member');
      return;
    case 'crash':
    case 'exit':
      presence.set(node, 'gone');
      return;
    case 'bcast':
    case 'deliver':
    case 'partition':
    case 'heal':
    case 'end':
      // A process acting without a `start` (a lifecycle violation) still gets a column.
      if (!presence.has(node)) presence.set(node, 'joining');
      return;
    default:
      assertNever(event, 'trace event');
  }
}

function paintNet(chalk: ChalkInstance, event: NetEvent, text: string): string {
  // `send` first, outside the switch: test/sim/system/one-interpreter.spec.ts
  // reserves switch cases on send for the effect interpreter.
  if (event.type === 'send') return chalk.blue.dim(text);
  switch (event.type) {
    case 'dup':
      return chalk.blue.dim(text);
    case 'recv':
      return chalk.dim(text);
    case 'drop':
      return chalk.red(text);
    case 'timer':
      return chalk.gray(text);
    case 'suspect':
      return chalk.yellow(text);
    case 'link':
    case 'choice':
      return chalk.magenta(text);
    default:
      return assertNever(event, 'net event');
  }
}

function paint(chalk: ChalkInstance, event: TraceEvent, text: string): string {
  const net = asNetEvent(event);
  if (net !== undefined) return paintNet(chalk, net, text);
  if (!isKnownEvent(event)) return chalk.gray(text);
  switch (event.type) {
    case 'start':
      return chalk.green(text);
    case 'view':
      return chalk.cyan.bold(text);
    case 'bcast':
      return chalk.blue(text);
    case 'deliver':
      return text;
    case 'crash':
      return chalk.red.bold(text);
    case 'exit':
      return chalk.yellow(text);
    case 'partition':
      return chalk.magenta.bold(text);
    case 'heal':
      return chalk.green.bold(text);
    case 'end':
      return chalk.dim(text);
    default:
      return assertNever(event, 'trace event');
  }
}

function autoWidth(events: readonly TraceEvent[], from: number, to: number): number {
  let longest = CELL_WIDTH_MIN;
  for (let k = from; k <= to; k++) {
    const event = events[k]!;
    if ((isKnownEvent(event) || asNetEvent(event) !== undefined) && eventNode(event) !== undefined) longest = Math.max(longest, [...describeEvent(event)].length);
    if (longest >= CELL_WIDTH_AUTO_MAX) return CELL_WIDTH_AUTO_MAX;
  }
  return longest;
}

/** Pads or cuts `text` to exactly `width` characters (cuts end in `…`). */
function fit(text: string, width: number, pad = ' '): string {
  const chars = [...text];
  if (chars.length > width) return `${chars.slice(0, width - 1).join('')}…`;
  return text + pad.repeat(width - chars.length);
}
