// States along an explorer counterexample: the header's choices are
// re-executed step by step on the explorer's own world (sim/explore/model.ts,
// as `vsynclab replay` does), with the protocol's handlers observed. The
// trace is rebuilt by the counterexample writer and compared with the
// recorded one. Within a step the states are placed exactly as the timed
// simulator's trace sink sees them: an input event (the `start`, `recv`,
// `suspect` or `timer` a handler answers) is written before its handler
// runs, so it shows the state before; the handler's output events show the
// state after it.
import type { ProcessId } from '../../core/ids.ts';
import { InputError } from '../../core/input-error.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { checkExplorable, parseExploreConfig } from '../explore/config.ts';
import { pathTraceLines } from '../explore/counterexample.ts';
import { ExploreModel } from '../explore/model.ts';
import type { GlobalState } from '../explore/state.ts';
import { firstDifference } from '../explore/replay-exploration.ts';
import { resolveProtocol } from '../resolve-protocol.ts';
import { captureStates, type HandlerCall } from './state-capture.ts';
import type { StatesReplay, StateVisitor } from './replay-states.ts';

/** Header fields the counterexample writer sets itself; every other one is written back as it was. */
const STANDARD_FIELDS = new Set(['type', 'format', 'version', 'protocol', 'scenario', 'scenarioSpec', 'exploreConfig', 'exploreChoices']);

/** Events written before the handler that answers them runs. */
const INPUT_EVENTS = new Set(['start', 'recv', 'suspect', 'timer']);

export function replayExplorationStates(lines: readonly string[], path: string, visit: StateVisitor): StatesReplay {
  const header = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  if (header.scenarioSpec === undefined) throw new InputError(`${path}:1: scenarioSpec: the header holds no scenario to replay`);
  const scenario = validateScenario(header.scenarioSpec, `${path} (header scenarioSpec)`);
  checkExplorable(scenario, `${path} (header scenarioSpec)`);
  const config = parseExploreConfig(header.exploreConfig, `${path}:1`, 'exploreConfig');
  const choices = header.exploreChoices;
  if (!Array.isArray(choices) || !choices.every((c) => typeof c === 'string')) {
    throw new InputError(`${path}:1: exploreChoices: expected an array of strings (one choice label per step)`);
  }
  const capture = captureStates(resolveProtocol(scenario));
  const model = new ExploreModel(capture.protocol, scenario, config, false);
  // The handler calls of each step (step 0: the initial processes' start handlers).
  const callsByStep: HandlerCall[][] = [[]];
  capture.onCall = (call) => (callsByStep[callsByStep.length - 1] as HandlerCall[]).push(call);
  let state: GlobalState = model.initial();
  let stuck: string | null = null;
  for (let k = 0; k < choices.length; k++) {
    const choice = choices[k] as string;
    const action = model.enabled(state).find((a) => model.label(state, a) === choice);
    if (action === undefined) {
      stuck = `exploreChoices[${k}] ${JSON.stringify(choice)} is not enabled at step ${k + 1}`;
      break;
    }
    callsByStep.push([]);
    state = model.step(state, action);
  }
  capture.onCall = null;
  if (stuck !== null) {
    return { difference: { line: 1, expected: lines[0] ?? null, actual: `(cannot re-execute: ${stuck})` }, events: 0, timeUnit: 'step' };
  }
  const extra = Object.fromEntries(Object.entries(header).filter(([k]) => !STANDARD_FIELDS.has(k)));
  const actual = pathTraceLines(model, state, extra);
  visitSteps(actual.slice(1), callsByStep, visit);
  return { difference: firstDifference(lines, actual), events: actual.length - 1, timeUnit: 'step' };
}

/**
 * Walks the events (each step's events have `t` = the step number) and
 * applies each step's handler calls where the timed world's sink would have
 * seen them: a call begun by an input event ends at the next event that is
 * not one (its first output) or at the next input event; a step without an
 * input event (an application-level delivery) applies its one call at its
 * first event; whatever is left applies when the step ends.
 */
function visitSteps(eventLines: readonly string[], callsByStep: readonly HandlerCall[][], visit: StateVisitor): void {
  const states = new Map<ProcessId, unknown>();
  const apply = (call: HandlerCall): void => void states.set(call.node, call.state);
  let step = -1;
  let calls: readonly HandlerCall[] = [];
  let next = 0;
  let open = false;
  const finishStep = (): void => {
    for (; next < calls.length; next++) apply(calls[next] as HandlerCall);
    open = false;
  };
  eventLines.forEach((line, index) => {
    const event = JSON.parse(line) as { type: string; t: number; node?: unknown };
    while (event.t > step && step < callsByStep.length) {
      finishStep();
      step++;
      calls = callsByStep[step] ?? [];
      next = 0;
    }
    if (event.type !== 'choice') {
      if (INPUT_EVENTS.has(event.type)) {
        if (open) apply(calls[next++] as HandlerCall);
        open = next < calls.length && (calls[next] as HandlerCall).node === event.node;
      } else if (open || (next === 0 && calls.length === 1)) {
        apply(calls[next++] as HandlerCall);
        open = false;
      }
    }
    visit({ index, line, states });
  });
}

