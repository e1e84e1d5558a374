import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../sim/run.ts';
import { explore, loadExploreScenario } from '../../../sim/explore/index.ts';
import { ProtocolHandlerError, protocolFramesOf } from '../../../sim/system/handlers.ts';
import { cliInProcess } from '../../cli/cli-harness.ts';
import { THROWING_NAME } from './fixtures/throwing-plugin.ts';

const SCENARIO = 'test/sim/system/fixtures/throwing.json';
const PLUGIN = 'test/sim/system/fixtures/throwing-plugin.ts';

describe('a protocol handler that throws', () => {
  it('fails a timed run naming the process, handler, trace event and time, with the protocol frames only', () => {
    const { scenario } = loadExploreScenario(SCENARIO);
    expect(scenario.protocol.name).toBe(THROWING_NAME);
    const r = runScenario(scenario, { seed: '1', checker: null });
    expect(r.passed).toBe(false);
    const [first, ...frames] = (r.error ?? '').split('\n');
    // p1..p3 start (3 starts + 3 views), p2's ticks at 1000 and 2000 us are fine, the third throws.
    expect(first).toBe("p2's timer handler threw at trace event 6 (t=3000us): invariant broken: p2 ticked 3 times");
    expect(frames[0]).toMatch(/^ {4}at assertTicksBelowThree .*throwing-plugin\.ts/);
    expect(frames[1]).toMatch(/^ {4}at countTick /);
    // Only the protocol's frames: assertTicksBelowThree, countTick, onTimer; none of the simulator's.
    expect(frames).toHaveLength(3);
    expect(frames.every((f) => f.includes('throwing-plugin.ts'))).toBe(true);
  });

  it('fails an explorer path the same way, with the step as the time and the path', () => {
    const { scenario, config } = loadExploreScenario(SCENARIO);
    let caught: unknown;
    try {
      explore(scenario, config);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProtocolHandlerError);
    const e = caught as ProtocolHandlerError;
    expect(e.process).toBe('p2');
    expect(e.handler).toBe('timer');
    expect(e.timeUnit).toBe('step');
    expect(e.message).toBe(`p2's timer handler threw at trace event 6 (step 3): invariant broken: p2 ticked 3 times (path: ["timer p2 tick","timer p2 tick","timer p2 tick"])`);
    expect(e.protocolFrames[0]).toMatch(/at assertTicksBelowThree /);
    expect(e.protocolFrames).toHaveLength(3);
    expect(e.protocolFrames.every((f) => f.includes('throwing-plugin.ts'))).toBe(true);
  });

  it('the CLI prints the failure and the protocol frames, no simulator frames', async () => {
    const run = await cliInProcess('run', SCENARIO, '--plugin', PLUGIN, '--seed', '1');
    expect(run.status).toBe(1);
    const out = run.stdout + run.stderr;
    expect(out).toContain("p2's timer handler threw at trace event 6 (t=3000us): invariant broken");
    expect(out).toMatch(/at countTick /);
    expect(out).not.toMatch(/sim[/\\]world\.ts/);
    const ex = await cliInProcess('explore', SCENARIO, '--plugin', PLUGIN);
    expect(ex.status).toBe(1);
    expect(ex.stderr).toContain("p2's timer handler threw at trace event 6 (step 3)");
    expect(ex.stderr).toMatch(/at assertTicksBelowThree /);
    expect(ex.stderr).not.toContain('internal error');
  });

  it('protocolFramesOf keeps only the frames above sim/system/handlers', () => {
    const error = new Error('x');
    error.stack = ['Error: x', '    at inner (/p/protocol.ts:1:1)', '    at callTimer (/r/sim/system/handlers.ts:9:9)', '    at World.dispatch (/r/sim/world.ts:1:1)'].join('\n');
    expect(protocolFramesOf(error)).toEqual(['at inner (/p/protocol.ts:1:1)']);
    expect(protocolFramesOf('not an error')).toEqual([]);
  });
});
