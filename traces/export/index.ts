// The trace exporters: terminal timeline, HTML space-time viewer, ShiViz log.
export { describeEvent, eventNode, printable } from './describe-event.ts';
export { buildDiagramModel, type DiagramModel, type DiagramOptions } from './diagram-model.ts';
export { renderHtmlViewer, type HtmlViewerOptions } from './html-viewer.ts';
export { shivizLines, toShiVizLog, SHIVIZ_REGEX, SHIVIZ_GLOBAL_HOST } from './shiviz.ts';
export { renderTextTimeline, type TextTimelineOptions } from './text-timeline.ts';
export { vectorClocks, type ClockedEvent, type VectorClock } from './vector-clocks.ts';
export type { ViolationMark } from './violation-mark.ts';
