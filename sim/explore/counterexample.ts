// A counterexample is a trace in the contract's format: the header holds the
// scenario (`scenarioSpec`), the exploration settings (`exploreConfig`) and
// the choices made (`exploreChoices`, one label per step); `t` of every
// event is its step number. It is written at detail `full`: each step opens
// with its `choice` event, then the step's network and timer events
// (counterexample-events.ts) and the processes' observations. `vsynclab check` judges it like any trace, and
// `vsynclab replay` re-executes the choices (replay-exploration.ts) and
// compares the bytes.
import type { Scenario } from '../../scenarios/types.ts';
import type { TraceHeader } from '../../traces/schema.ts';
import { makeHeader, serializeLine } from '../../traces/serialize.ts';
import { CounterexampleEvents } from './counterexample-events.ts';
import { pathEvents } from './check-path.ts';
import type { ExploreConfig } from './config.ts';
import type { ExploreModel } from './model.ts';
import type { GlobalState, Trail } from './state.ts';

export function explorationHeader(
  protocol: string,
  scenario: Scenario,
  config: ExploreConfig,
  choices: readonly string[],
  extra: Record<string, unknown> = {},
): TraceHeader {
  return makeHeader({
    protocol,
    scenario: scenario.name,
    scenarioSpec: scenario,
    exploreConfig: config,
    exploreChoices: [...choices],
    ...extra,
  });
}

/**
 * The trace lines of the path to `trail`, ending with `end`: quiescent when
 * nothing is enabled in the last state (then liveness is judged too). At
 * detail `full` (what the explorer writes) the path is re-executed from the
 * initial state (the search keeps no old states) to tell each step's
 * network events; `app` writes the explorer's own events only, as
 * counterexamples from before detail levels hold them (their replay stays
 * byte for byte).
 */
export function pathTraceLines(model: ExploreModel, last: GlobalState | Trail, extra: Record<string, unknown> = {}, detail: 'app' | 'full' = 'full'): string[] {
  const trail = 'trail' in last ? last.trail : last;
  const choices = model.choicesTo(trail);
  if (detail === 'app') {
    const state = 'trail' in last ? last : replayTrail(model, trail);
    const header = explorationHeader(model.protocol.name, model.scenario, model.config, choices, extra);
    return [serializeLine(header), ...pathEvents(trail, { quiescent: model.enabled(state).length === 0 }).map(serializeLine)];
  }
  const events = new CounterexampleEvents(model.protocol);
  let state = model.initial();
  events.initial(state);
  for (let k = 0; k < choices.length; k++) {
    const choice = choices[k] as string;
    const action = model.enabled(state).find((a) => model.label(state, a) === choice);
    if (action === undefined) throw new Error(`explore: the path does not re-execute: exploreChoices[${k}] ${JSON.stringify(choice)} is not enabled at step ${k + 1}`);
    const next = model.step(state, action);
    events.step(k + 1, choice, action, state, next);
    state = next;
  }
  events.end(choices.length, model.enabled(state).length === 0);
  const header = explorationHeader(model.protocol.name, model.scenario, model.config, choices, { detail: 'full', ...extra });
  return [serializeLine(header), ...events.events.map(serializeLine)];
}

/** Re-executes a trail's choices from the initial state (the search keeps no old states). */
export function replayTrail(model: ExploreModel, trail: Trail): GlobalState {
  const outcome = replayChoices(model, model.choicesTo(trail));
  if (outcome.stuck !== null) throw new Error(`explore: the path does not re-execute: ${outcome.stuck}`);
  return outcome.state;
}

export interface ChoicesOutcome {
  state: GlobalState;
  /** Why the choices could not all be made (a choice not enabled), or null. */
  stuck: string | null;
}

export function replayChoices(model: ExploreModel, choices: readonly string[]): ChoicesOutcome {
  let state = model.initial();
  for (let k = 0; k < choices.length; k++) {
    const choice = choices[k] as string;
    const action = model.enabled(state).find((a) => model.label(state, a) === choice);
    if (action === undefined) {
      return { state, stuck: `exploreChoices[${k}] ${JSON.stringify(choice)} is not enabled at step ${k + 1}` };
    }
    state = model.step(state, action);
  }
  return { state, stuck: null };
}
