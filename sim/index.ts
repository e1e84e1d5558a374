// `vsynclab/sim`: run a scenario and its checks, replay a trace, shrink a
// failure, load scenario files and plugins. The explorer is `vsynclab/explore`.
export * from './run.ts';
export { replayTrace, type ReplayDifference, type ReplayOutcome } from './replay.ts';
export { shrinkScenario, DEFAULT_MAX_ATTEMPTS, type ShrinkOptions, type ShrinkOutcome, type ShrinkTarget } from './shrink.ts';
export { loadScenarioFile, loadScenarios, DEFAULT_SUITE_DIR, type LoadedScenario } from './scenario-files.ts';
export { FileTraceSink, MemoryTraceSink, NullTraceSink, type TraceSink } from './trace-sink.ts';
export { mutantRunOptions } from './mutant-run.ts';
export { loadPlugins, pluginUrls } from './plugins.ts';
