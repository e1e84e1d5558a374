// The space-time diagram as data: lanes (one per process), columns (one per
// drawn event, in trace order), arrows (bcast -> each deliver), protocol
// frames (send -> recv, or send -> the drop where the frame died), view
// bands (two installs of one view id with different members are two
// variants, coloured apart), partitions, violations and their groups. The HTML viewer embeds this model as JSON and
// its script only draws it; all the reasoning about the trace is here, in
// TypeScript that vitest can test.
//
// A window [from, to] of the trace can be drawn alone: the events before it
// are replayed to know which processes are alive, which view each is in,
// whether a partition is active and who multicast which message, so bands,
// lanes and arrows that cross the window's left edge still show (an arrow
// whose bcast lies before the window starts at column -1).
import type { TraceEvent, TraceHeader } from '../schema.ts';
import { isKnownEvent } from '../schema.ts';
import { assertNever } from '../../core/assert-never.ts';
import { describeEvent, eventNode } from './describe-event.ts';
import { eventMessageIds, eventMessages, eventPredicate, violationMessages, type EventFilter } from './event-filter.ts';
import { asNetEvent, type NetEvent } from './net-events.ts';
import { checkEmbeddedStates } from './embedded-states.ts';
import { ViewVariants } from './view-variants.ts';
import { ungrouped, violationsByEvent, type ViolationMark } from './violation-mark.ts';

export type {
  LaneEnd,
  DiagramLane,
  DiagramEvent,
  DiagramFrame,
  DiagramArrow,
  ViewBand,
  PartitionSpan,
  DiagramViolation,
  DiagramViolationGroup,
  DiagramModel,
  DiagramOptions,
} from './diagram-types.ts';
export type { DiagramView } from './view-variants.ts';
import type {
  LaneEnd,
  DiagramLane,
  DiagramEvent,
  DiagramFrame,
  DiagramArrow,
  ViewBand,
  PartitionSpan,
  DiagramViolation,
  DiagramViolationGroup,
  DiagramModel,
  DiagramOptions,
} from './diagram-types.ts';

interface SentMessage { lane: string; order: string; col: number; i: number }
interface SentFrame { lane: string; col: number; copy: boolean }

export function buildDiagramModel(
  header: TraceHeader | undefined,
  events: readonly TraceEvent[],
  options: DiagramOptions = {},
): DiagramModel {
  const from = Math.max(0, options.from ?? 0);
  const to = Math.min(events.length - 1, options.to ?? events.length - 1);
  const marks = options.violations ?? [];
  const flagged = violationsByEvent(marks);
  const keep = eventPredicate(options.filter, events, marks);
  // Frames whose key is a message a violation names are drawn red.
  const violatedMessages = violationMessages(marks, marks.map((_, k) => k), (i) => events[i]);

  // State carried in from before the window.
  const viewOf = new Map<string, { id: number; variant: number }>();
  const alive = new Set<string>();
  const sent = new Map<string, SentMessage>();
  const frames = new Map<number, SentFrame>();
  const variants = new ViewVariants();
  let partition: string[][] | null = null;
  // Where a frame or a multicast left, for the arrows of later receipts.
  const remember = (net: NetEvent, col: number): void => {
    if (net.type === 'send') frames.set(net.net, { lane: net.node, col, copy: false });
    else if (net.type === 'dup') frames.set(net.copy, { lane: net.node, col, copy: true });
  };
  const rememberBcast = (event: TraceEvent, col: number): void => {
    if (!isKnownEvent(event) || event.type !== 'bcast' || sent.has(event.msg)) return;
    sent.set(event.msg, { lane: event.node, order: event.order, col, i: event.i });
  };
  for (let k = 0; k < from; k++) {
    const event = events[k]!;
    const net = asNetEvent(event);
    if (net !== undefined) {
      remember(net, -1);
      continue;
    }
    if (!isKnownEvent(event)) continue;
    switch (event.type) {
      case 'start':
        alive.add(event.node);
        break;
      case 'view':
        viewOf.set(event.node, { id: event.view.id, variant: variants.variantOf(event.view.id, event.view.members) });
        break;
      case 'bcast':
        rememberBcast(event, -1);
        break;
      case 'crash':
      case 'exit':
        alive.delete(event.node);
        viewOf.delete(event.node);
        break;
      case 'partition':
        partition = event.groups;
        break;
      case 'heal':
        partition = null;
        break;
      case 'deliver':
      case 'end':
        break;
      default:
        assertNever(event, 'trace event');
    }
  }

  const lanes: DiagramLane[] = [];
  const laneIndex = new Map<string, number>();
  const laneOf = (id: string, col: number): number => {
    let index = laneIndex.get(id);
    if (index === undefined) {
      index = lanes.length;
      laneIndex.set(id, index);
      lanes.push({ id, startCol: col, endCol: -1, end: 'open' });
    }
    return index;
  };
  const nodeFilter = options.filter?.nodes === undefined ? undefined : new Set(options.filter.nodes);
  const laneWanted = (id: string): boolean => nodeFilter === undefined || nodeFilter.has(id);
  for (const id of alive) if (laneWanted(id)) laneOf(id, -1);

  const bands: ViewBand[] = [];
  const openBand = new Map<number, ViewBand>();
  for (const [id, view] of viewOf) {
    if (!laneWanted(id)) continue;
    const band: ViewBand = { lane: laneOf(id, -1), view: view.id, variant: view.variant, fromCol: -1, toCol: -1 };
    bands.push(band);
    openBand.set(band.lane, band);
  }
  const partitions: PartitionSpan[] = [];
  let openPartition: PartitionSpan | null =
    partition === null ? null : { fromCol: -1, toCol: -1, groups: partition, ended: false };
  if (openPartition) partitions.push(openPartition);

  const drawn: DiagramEvent[] = [];
  const arrows: DiagramArrow[] = [];
  const frameArrows: DiagramFrame[] = [];
  const kindCounts = new Map<string, number>();
  let hiddenEvents = 0;
  let filteredEvents = 0;
  for (let k = from; k <= to; k++) {
    const event = events[k]!;
    const net = asNetEvent(event);
    if (!isKnownEvent(event) && net === undefined && !options.showOtherEvents) {
      hiddenEvents++;
      continue;
    }
    if (keep !== undefined && !keep(event)) {
      filteredEvents++;
      if (net !== undefined) remember(net, -1);
      else rememberBcast(event, -1);
      continue;
    }
    const col = drawn.length;
    const node = eventNode(event);
    const lane = node === undefined ? -1 : laneOf(node, col);
    const named = flagged.get(event.i) ?? [];
    drawn.push({
      i: event.i, t: event.t, type: event.type, lane, label: describeEvent(event), violations: named, raw: event,
      msgs: eventMessages(event),
    });
    if (net !== undefined) {
      // A send is only remembered (test/sim/system/one-interpreter.spec.ts
      // reserves switch cases on send for the effect interpreter).
      if (net.type === 'send') {
        remember(net, col);
        continue;
      }
      switch (net.type) {
        case 'dup':
          remember(net, col);
          break;
        case 'recv':
        case 'drop': {
          const source = frames.get(net.net);
          const sender = source?.lane ?? net.from;
          if (!laneWanted(sender)) break;
          kindCounts.set(net.kind, (kindCounts.get(net.kind) ?? 0) + 1);
          frameArrows.push({
            fromCol: source?.col ?? -1, toCol: col, fromLane: laneOf(sender, -1), toLane: lane,
            kind: net.kind, key: net.key, net: net.net, fate: net.type,
            ...(net.type === 'drop' ? { reason: net.reason } : {}),
            copy: source?.copy ?? false,
            violated: eventMessageIds(event).some((id) => violatedMessages.has(id)),
          });
          break;
        }
        case 'timer':
        case 'link':
        case 'suspect':
        case 'choice':
          break;
        default:
          assertNever(net, 'net event');
      }
      continue;
    }
    if (!isKnownEvent(event)) continue;
    switch (event.type) {
      case 'start':
        break;
      case 'view': {
        closeBand(openBand, lane, col);
        const variant = variants.variantOf(event.view.id, event.view.members);
        const band: ViewBand = { lane, view: event.view.id, variant, fromCol: col, toCol: -1 };
        bands.push(band);
        openBand.set(lane, band);
        break;
      }
      case 'bcast':
        rememberBcast(event, col);
        break;
      case 'deliver': {
        const source = sent.get(event.msg);
        const sender = source?.lane ?? event.from;
        if (!laneWanted(sender)) break;
        const fromLane = laneOf(sender, -1);
        const violated = named.length > 0 || (source !== undefined && flagged.has(source.i));
        arrows.push({
          fromCol: source?.col ?? -1, toCol: col, fromLane, toLane: lane,
          msg: event.msg, order: source?.order ?? 'unknown', violated,
        });
        break;
      }
      case 'crash':
      case 'exit':
        closeBand(openBand, lane, col);
        lanes[lane]!.endCol = col;
        lanes[lane]!.end = event.type === 'crash' ? 'crash' : event.reason;
        break;
      case 'partition':
        // A new partition replaces the one in force (the network changed shape).
        endPartition(openPartition, col);
        openPartition = { fromCol: col, toCol: -1, groups: event.groups, ended: false };
        partitions.push(openPartition);
        break;
      case 'heal':
        endPartition(openPartition, col);
        openPartition = null;
        break;
      case 'end':
        break;
      default:
        assertNever(event, 'trace event');
    }
  }

  const lastCol = Math.max(0, drawn.length - 1);
  for (const band of openBand.values()) band.toCol = lastCol;
  for (const lane of lanes) if (lane.endCol < 0) lane.endCol = lastCol;
  if (openPartition) openPartition.toCol = lastCol;

  const colOf = new Map(drawn.map((event, col) => [event.i, col]));
  const violations = marks.map((mark) => ({
    property: mark.property,
    message: mark.message,
    events: [...mark.events],
    ...(mark.cause === undefined ? {} : { cause: mark.cause }),
    cols: mark.events.map((i) => colOf.get(i)).filter((col): col is number => col !== undefined),
  }));
  const groups = (options.violationGroups ?? ungrouped(marks)).map((group) => ({
    cause: group.cause,
    count: group.count,
    members: [...group.members],
    story: storyColumns(drawn, violations, group.members, events),
  }));

  return {
    meta: {
      protocol: stringField(header, 'protocol'),
      scenario: stringField(header, 'scenario'),
      seed: stringField(header, 'seed'),
      detail: stringField(header, 'detail'),
      eventCount: events.length,
      from,
      to,
      hiddenEvents,
      filteredEvents,
      filter: describeFilter(options.filter, marks),
    },
    lanes,
    events: drawn,
    arrows,
    frames: frameArrows,
    kinds: [...kindCounts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([kind, count]) => ({ kind, count })),
    bands,
    views: variants.list(),
    partitions,
    violations,
    groups,
    states: options.states === undefined ? null : checkEmbeddedStates(options.states, to),
  };
}

/** The drawn columns of a violation group's story (named events and events about their messages). */
function storyColumns(
  drawn: readonly DiagramEvent[],
  violations: readonly DiagramViolation[],
  members: readonly number[],
  events: readonly TraceEvent[],
): number[] {
  const named = new Set(members.flatMap((position) => violations[position]?.events ?? []));
  const about = violationMessages(violations, members, (i) => events[i]);
  const story: number[] = [];
  drawn.forEach((event, col) => {
    if (named.has(event.i) || eventMessageIds(event.raw).some((id) => about.has(id))) story.push(col);
  });
  return story;
}

function describeFilter(filter: EventFilter | undefined, marks: readonly ViolationMark[]): string {
  if (filter === undefined) return '';
  const parts: string[] = [];
  if (filter.nodes !== undefined) parts.push(`process ${filter.nodes.join(', ')}`);
  if (filter.messages !== undefined) parts.push(`message ${filter.messages.join(', ')}`);
  if (filter.violations !== undefined) {
    parts.push(`violation ${filter.violations.map((p) => `${p + 1} (${marks[p]?.property ?? '?'})`).join(', ')}`);
  }
  return parts.join('; ');
}

function closeBand(open: Map<number, ViewBand>, lane: number, col: number): void {
  const band = open.get(lane);
  if (band) {
    band.toCol = col;
    open.delete(lane);
  }
}

function endPartition(span: PartitionSpan | null, col: number): void {
  if (span) {
    span.toCol = col;
    span.ended = true;
  }
}

function stringField(header: TraceHeader | undefined, key: string): string | null {
  const value = header?.[key];
  return typeof value === 'string' ? value : null;
}
