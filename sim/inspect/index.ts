// Inspecting process states: replay a trace's run and read every process's
// protocol state at any event (`vsynclab inspect`), or embed them all for
// the HTML viewer.
export { captureStates, type HandlerCall, type StateCapture } from './state-capture.ts';
export { replayStates, type StatesAtEvent, type StateVisitor, type StatesReplay } from './replay-states.ts';
export { inspectAt, checkEventIndex, startedProcesses, traceLines, type InspectedEvent, type ProcessAt, type ProcessStatus } from './inspect-at.ts';
export { applyChanges, describeChanges, diffState, sameValue, valueAt, type StateChange, type StateChangeWithBefore } from './state-diff.ts';
export { DEFAULT_PRETTY, oneLine, prettyChanges, prettyLines, summary, type PrettyOptions } from './pretty-state.ts';
export {
  DEFAULT_MAX_STATE_JSON_CHARS,
  embeddedStates,
  stateFromSteps,
  type EmbeddedStates,
  type EmbeddedStateStep,
  type EmbeddedStatesOptions,
} from './embedded-states.ts';
