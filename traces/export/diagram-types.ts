// The types of the space-time diagram model (diagram-model.ts builds it;
// the HTML viewer's script draws it from its JSON).
import type { TraceEvent } from '../schema.ts';
import type { EventFilter } from './event-filter.ts';
import type { EmbeddedStates } from './embedded-states.ts';
import type { DiagramView } from './view-variants.ts';
import type { ViolationGroupMark, ViolationMark } from './violation-mark.ts';

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
  /** Message ids, frame keys and kinds it is about (the page's message filter). */
  msgs: string[];
}

/** A protocol frame: from its send (or dup) to its recv or to the drop where it died. */
export interface DiagramFrame {
  /** Column of the send (or of the dup that made this copy), -1 when before the window or missing. */
  fromCol: number;
  toCol: number;
  fromLane: number;
  toLane: number;
  kind: string;
  key: string;
  net: number;
  fate: 'recv' | 'drop';
  /** The drop's reason. */
  reason?: string;
  /** A copy the network made (a `dup`). */
  copy: boolean;
  /** True if its key is a message a violation names. */
  violated: boolean;
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
  /** Which member list of this view id (DiagramView.variant). */
  variant: number;
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

export interface DiagramViolationGroup extends ViolationGroupMark {
  /** Columns of the group's story: the named events and every drawn event about their messages. */
  story: number[];
}


export type { DiagramView };

export interface DiagramModel {
  meta: {
    protocol: string | null;
    scenario: string | null;
    seed: string | null;
    /** The header's detail level (`app`, `net`, `full`), when it says. */
    detail: string | null;
    eventCount: number;
    from: number;
    to: number;
    /** Events in the window that were not drawn (unknown types, when hidden). */
    hiddenEvents: number;
    /** Events in the window left out by the filter. */
    filteredEvents: number;
    /** The filter the page was made with, in words (empty: none). */
    filter: string;
  };
  lanes: DiagramLane[];
  /** One per column. */
  events: DiagramEvent[];
  arrows: DiagramArrow[];
  frames: DiagramFrame[];
  /** The frame kinds drawn, with how many frames each (the page's kind toggles). */
  kinds: { kind: string; count: number }[];
  bands: ViewBand[];
  views: DiagramView[];
  partitions: PartitionSpan[];
  violations: DiagramViolation[];
  groups: DiagramViolationGroup[];
  /** Process states for the event panel (null when the page got none). */
  states: EmbeddedStates | null;
}

export interface DiagramOptions {
  from?: number;
  to?: number;
  violations?: readonly ViolationMark[];
  /** Draw event types neither the contract nor issue 13 defines (notes, ...). */
  showOtherEvents?: boolean;
  /** Groups of `violations` by cause (default: one group each). */
  violationGroups?: readonly ViolationGroupMark[];
  /** Keep only some events (by process, message, violation). */
  filter?: EventFilter;
  /** Process states after events, for the event panel. */
  states?: EmbeddedStates;
}
