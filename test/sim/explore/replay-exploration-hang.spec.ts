// Replaying a counterexample re-executes its path within the same wall-clock
// bound as a run's slices: a protocol handler that never returns on the path
// ends the replay with ExploreHang (one line, exit 1 from the CLI), naming the
// process, the handler and the step, instead of hanging `vsynclab replay`.
import { describe, expect, it } from 'vitest';
import { ExploreHang } from '../../../sim/explore/index.ts';
import { explorationHeader } from '../../../sim/explore/counterexample.ts';
import { replayExploration } from '../../../sim/explore/replay-exploration.ts';
import { serializeLine } from '../../../traces/serialize.ts';
import { hangingFlood } from './fixtures/hanging-flood.ts';
import { keyedFlood } from './fixtures/keyed-flood.ts';
import { fixture } from './helpers.ts';

// Delivering p3's multicast to p2 is where the fixture's p2 loops forever.
const PATH = ['request p3', 'deliver p3>p2 @1'];

describe('replay of a counterexample whose path hangs', () => {
  const { scenario, config } = fixture('hanging-flood-3x1');
  const header = serializeLine(explorationHeader(scenario.protocol.name, scenario, config, PATH));

  it('ends at the bound, naming p2, its message handler and the step of the path', () => {
    let caught: unknown = null;
    try {
      replayExploration([header], 'hang.jsonl', { protocolFor: () => hangingFlood(), handlerTimeoutMs: 300 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExploreHang);
    expect((caught as ExploreHang).message).toBe(
      `replay: p2's message handler did not return within 0.3 s (a wall-clock bound: --handler-timeout-s) at step 2 of path ${JSON.stringify(PATH)} (the path's own steps before it re-executed)`,
    );
  });

  it('a path whose handlers return replays the same with or without the bound', () => {
    const bounded = replayExploration([header], 'ok.jsonl', { protocolFor: () => keyedFlood(), handlerTimeoutMs: 300 });
    const unbounded = replayExploration([header], 'ok.jsonl', { protocolFor: () => keyedFlood(), handlerTimeoutMs: null });
    expect(bounded.lines).toBeGreaterThan(1);
    expect(bounded).toEqual(unbounded);
  });
});
