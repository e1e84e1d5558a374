// The settle phase of a run: after the fault phase, the run ends once every
// live process has been quiet (the protocol's `isQuiet`) at two checks a
// quiet window apart, or when `settleUs` has passed; a protocol still busy
// then fails the run as "not quiet".
import type { Scenario } from '../scenarios/types.ts';
import { DEFAULT_QUIET_WINDOW_US } from '../scenarios/run-bounds.ts';
import type { World } from './world.ts';

/**
 * Settle phase: end when every live process has been quiet at two checks a
 * quiet window apart, or when `settleUs` has passed; `done` gets the live
 * processes that the protocol's `isQuiet` still calls busy then.
 */
export function scheduleSettle(world: World, scenario: Scenario, done: (busy: readonly string[]) => void): void {
  const windowUs = scenario.quietWindowUs ?? DEFAULT_QUIET_WINDOW_US;
  const isQuiet = world.protocol.isQuiet;
  const deadlineUs = world.nowUs + scenario.settleUs;
  let finished = false;
  const finish = (busy: readonly string[]): void => {
    if (!finished) {
      finished = true;
      done(busy);
    }
  };
  world.at(scenario.settleUs, () => finish(isQuiet === undefined ? [] : world.liveProcesses().filter((p) => !isQuiet(p.state)).map((p) => p.pid)));
  if (isQuiet === undefined) return;
  let quietBefore = false;
  const check = (): void => {
    if (finished) return;
    const quiet = world.liveProcesses().every((p) => isQuiet(p.state));
    if (quiet && quietBefore) return finish([]);
    quietBefore = quiet;
    if (world.nowUs + windowUs < deadlineUs) world.at(windowUs, check);
  };
  world.at(0, check);
}

/**
 * A protocol that never goes quiet once every fault has healed (a frame
 * retransmitted forever, a timer that always finds work) fails, as
 * FoundationDB's simulation fails a cluster that does not become quiet at
 * the end of a test: it would hide liveness bugs behind the traffic, and
 * its buffers do not stay flat.
 */
export function notQuiet(busy: readonly string[], settleUs: number): string {
  const shown = busy.length > 4 ? `${busy.slice(0, 4).join(', ')} and ${busy.length - 4} more` : busy.join(', ');
  return `not quiet: ${shown} still busy (the protocol's isQuiet) when the settle phase ended (settleUs ${settleUs})`;
}
