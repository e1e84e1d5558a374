// The space-time diagram as data: lanes (one per process), columns (one per
// drawn event, in trace order), arrows (bcast -> each deliver), view bands,
// partitions and violations. The HTML viewer embeds this model as JSON and
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
import { violationsByEvent, type ViolationMark } from './violation-mark.ts';

export type LaneEnd = 'crash' | 'left' | 'excluded' | 'open';

export interface DiagramLane {
  id: string;
  /** Column of the process's first drawn event, or -1 if it existed before the window. */
  startCol: number;
  /** Column of its crash or exit, or the last column. */
  endCol: number;
  end: LaneEnd;
}

export interface DiagramEvent {
  i: number;
  t: number;
  type: string;
  /** Lane index, or -1 for global events (partition, heal, end). */
  lane: number;
  label: string;
  /** Positions in `violations` of the violations naming this event. */
  violations: number[];
  /** The trace event itself, shown in the details panel. */
  raw: TraceEvent;
}

export interface DiagramArrow {
  /** Column of the bcast, or -1 when it lies before the window or is missing. */
  fromCol: number;
  toCol: number;
  fromLane: number;
  toLane: number;
  msg: string;
  /** `fifo`, `causal`, `total`, or `unknown` when the bcast was never seen. */
  order: string;
  /** True if the deliver or the bcast is named by a violation. */
  violated: boolean;
}

export interface ViewBand {
  lane: number;
  view: number;
  /** -1 when the process was already in this view before the window. */
  fromCol: number;
  toCol: number;
}

export interface PartitionSpan {
  fromCol: number;
  toCol: number;
  groups: string[][];
  /** False when the partition was still in force at the window's end. */
  ended: boolean;
}

export interface DiagramViolation extends ViolationMark {
  /** Columns of the named events that are drawn. */
  cols: number[];
}

export interface DiagramModel {
  meta: {
    protocol: string | null;
    scenario: string | null;
    seed: string | null;
    eventCount: number;
    from: number;
    to: number;
    /** Events in the window that were not drawn (unknown types, when hidden). */
    hiddenEvents: number;
  };
  lanes: DiagramLane[];
  /** One per column. */
  events: DiagramEvent[];
  arrows: DiagramArrow[];
  bands: ViewBand[];
  views: { id: number; members: string[] }[];
  partitions: PartitionSpan[];
  violations: DiagramViolation[];
}

export interface DiagramOptions {
  from?: number;
  to?: number;
  violations?: readonly ViolationMark[];
  /** Draw event types the contract does not define (send, recv, timers, notes). */
  showOtherEvents?: boolean;
}

interface SentMessage { lane: string; order: string; col: number; i: number }

export function buildDiagramModel(
  header: TraceHeader | undefined,
  events: readonly TraceEvent[],
  options: DiagramOptions = {},
): DiagramModel {
  const from = Math.max(0, options.from ?? 0);
  const to = Math.min(events.length - 1, options.to ?? events.length - 1);
  const marks = options.violations ?? [];
  const flagged = violationsByEvent(marks);

  // State carried in from before the window.
  const viewOf = new Map<string, number>();
  const alive = new Set<string>();
  const sent = new Map<string, SentMessage>();
  const views = new Map<number, string[]>();
  let partition: string[][] | null = null;
  for (let k = 0; k < from; k++) {
    const event = events[k]!;
    if (!isKnownEvent(event)) continue;
    switch (event.type) {
      case 'start':
        alive.add(event.node);
        break;
      case 'view':
        viewOf.set(event.node, event.view.id);
        if (!views.has(event.view.id)) views.set(event.view.id, event.view.members);
        break;
      case 'bcast':
        if (!sent.has(event.msg)) sent.set(event.msg, { lane: event.node, order: event.order, col: -1, i: event.i });
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
  for (const id of alive) laneOf(id, -1);

  const bands: ViewBand[] = [];
  const openBand = new Map<number, ViewBand>();
  for (const [id, view] of viewOf) {
    const band: ViewBand = { lane: laneOf(id, -1), view, fromCol: -1, toCol: -1 };
    bands.push(band);
    openBand.set(band.lane, band);
  }
  const partitions: PartitionSpan[] = [];
  let openPartition: PartitionSpan | null =
    partition === null ? null : { fromCol: -1, toCol: -1, groups: partition, ended: false };
  if (openPartition) partitions.push(openPartition);

  const drawn: DiagramEvent[] = [];
  const arrows: DiagramArrow[] = [];
  let hiddenEvents = 0;
  for (let k = from; k <= to; k++) {
    const event = events[k]!;
    if (!isKnownEvent(event) && !options.showOtherEvents) {
      hiddenEvents++;
      continue;
    }
    const col = drawn.length;
    const node = eventNode(event);
    const lane = node === undefined ? -1 : laneOf(node, col);
    const named = flagged.get(event.i) ?? [];
    drawn.push({ i: event.i, t: event.t, type: event.type, lane, label: describeEvent(event), violations: named, raw: event });
    if (!isKnownEvent(event)) continue;
    switch (event.type) {
      case 'start':
        break;
      case 'view': {
        closeBand(openBand, lane, col);
        const band: ViewBand = { lane, view: event.view.id, fromCol: col, toCol: -1 };
        bands.push(band);
        openBand.set(lane, band);
        if (!views.has(event.view.id)) views.set(event.view.id, event.view.members);
        break;
      }
      case 'bcast':
        if (!sent.has(event.msg)) sent.set(event.msg, { lane: event.node, order: event.order, col, i: event.i });
        break;
      case 'deliver': {
        const source = sent.get(event.msg);
        const fromLane = laneOf(source?.lane ?? event.from, -1);
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
    cols: mark.events.map((i) => colOf.get(i)).filter((col): col is number => col !== undefined),
  }));

  return {
    meta: {
      protocol: stringField(header, 'protocol'),
      scenario: stringField(header, 'scenario'),
      seed: stringField(header, 'seed'),
      eventCount: events.length,
      from,
      to,
      hiddenEvents,
    },
    lanes,
    events: drawn,
    arrows,
    bands,
    views: [...views].sort((a, b) => a[0] - b[0]).map(([id, members]) => ({ id, members })),
    partitions,
    violations,
  };
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
