// Shared by coordinator.spec.ts and coordinator.slow.spec.ts: the same
// search with one thread and with worker threads.
import { pathToFileURL } from 'node:url';
import { type ExploreConfig, type ExploreOptions, type ExploreResult, explore } from '../../../../sim/explore/index.ts';
import { ExploreModel } from '../../../../sim/explore/model.ts';
import { parallelSearchSteps } from '../../../../sim/explore/parallel/coordinator.ts';
import { resolveProtocol } from '../../../../sim/resolve-protocol.ts';
import { driveToEnd } from '../../../../sim/steps.ts';
import type { Scenario } from '../../../../scenarios/types.ts';
import { FIXTURE_PLUGIN } from '../helpers.ts';

export const PLUGINS = [pathToFileURL(FIXTURE_PLUGIN).href];

/** What must not depend on the number of workers. */
export function deterministicPart(r: ExploreResult): Record<string, unknown> {
  return { result: r.result, bound: r.bound, states: r.states, transitions: r.transitions, depth: r.depth, terminalStates: r.terminalStates };
}

export function bothWays(scenario: Scenario, config: ExploreConfig, options: ExploreOptions = {}): { one: ExploreResult; two: ExploreResult } {
  const one = explore(scenario, config, options);
  const two = explore(scenario, config, { ...options, workers: 2, plugins: PLUGINS });
  return { one, two };
}

/** The coordinator alone, handing the work out from the first level on (the default waits for 128 entries). */
export function handOutAtOnce(scenario: Scenario, config: ExploreConfig, por: boolean, workers = 2, plugins: readonly string[] = PLUGINS): ReturnType<typeof parallelSearchSteps> extends Generator<void, infer R, void> ? R : never {
  const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
  return driveToEnd(parallelSearchSteps(model, { strategy: 'bfs', maxStates: 1_000_000, maxDepth: 1000, maxMemoryBytes: 4 * 1024 ** 3, por, workers, plugins, prefixStates: 1 }));
}

/** The same, with test-dies-in-worker registered too (fixtures/dying-plugin.ts). */
export const DYING_PLUGINS = [...PLUGINS, new URL('./fixtures/dying-plugin.ts', import.meta.url).href];
