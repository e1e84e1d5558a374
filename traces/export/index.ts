// The trace exporters: terminal timeline, HTML space-time viewer, ShiViz log.
export { describeEvent, describeNetEvent, eventNode, printable } from './describe-event.ts';
export {
  buildDiagramModel, type DiagramModel, type DiagramOptions, type DiagramFrame, type DiagramView, type DiagramViolationGroup,
} from './diagram-model.ts';
export { renderHtmlViewer, type HtmlViewerOptions } from './html-viewer.ts';
export { shivizLines, toShiVizLog, SHIVIZ_REGEX, SHIVIZ_GLOBAL_HOST, type ShiVizOptions } from './shiviz.ts';
export { renderTextTimeline, type TextTimelineOptions } from './text-timeline.ts';
export { vectorClocks, type ClockedEvent, type VectorClock } from './vector-clocks.ts';
export { eventPredicate, eventMessages, type EventFilter } from './event-filter.ts';
// Viewer-specific names: the root `vsynclab` entry re-exports every folder,
// so generic names (NetEvent, EmbeddedStates) are left to their owners.
export { asNetEvent, type NetEvent as ExportedNetEvent } from './net-events.ts';
export { checkEmbeddedStates, type EmbeddedStates as ViewerEmbeddedStates } from './embedded-states.ts';
export { ungrouped, type ViolationMark, type ViolationGroupMark } from './violation-mark.ts';
