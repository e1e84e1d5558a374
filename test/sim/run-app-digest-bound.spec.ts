// A plugin whose appDigest never returns: the end-of-run digests are bounded
// like the slices (sim/end-digests.ts), so the run fails naming the process,
// as a handler that never returns does, instead of hanging; the trace is
// whole (its `end` was written before the digests), and the thread runs on.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DigestTimeout, endDigests } from '../../sim/end-digests.ts';
import { runScenario } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import { loadScenarioFile } from '../../sim/scenario-files.ts';
import { planRuns } from '../../sim/suite/plan.ts';
import { runJobs } from '../../sim/suite/pool.ts';
import { HANGING_DIGEST_NAME, hangingDigestProtocol } from './fixtures/hanging-digest-plugin.ts';

const SCENARIO = 'test/sim/fixtures/hanging-digest.json';
const PLUGIN_URL = pathToFileURL('test/sim/fixtures/hanging-digest-plugin.ts').href;
const BOUND_MS = 200;
const LINE = /^p2's appDigest did not return within 0\.2 s \(a wall-clock bound: --handler-timeout-s\) at the end of the run \(trace event \d+, t=\d+us\)$/;

describe('endDigests', () => {
  it('takes each live process\'s digest in order; none without an appDigest; names the process that does not return', () => {
    const live = [{ pid: 'p1', state: 1 }, { pid: 'p2', state: 2 }];
    expect([...(endDigests((s) => `d${String(s)}`, live, 1000) ?? [])]).toEqual([['p1', 'd1'], ['p2', 'd2']]);
    expect([...(endDigests((s) => `d${String(s)}`, live, null) ?? [])]).toEqual([['p1', 'd1'], ['p2', 'd2']]);
    expect(endDigests(undefined, live, 1000)).toBeNull();
    let caught: unknown;
    try {
      endDigests((s) => { if (s === 2) for (;;) { /* never returns */ } return 'x'; }, live, 50);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DigestTimeout);
    expect((caught as DigestTimeout).describe(7, 100)).toBe("p2's appDigest did not return within 0.05 s (a wall-clock bound: --handler-timeout-s) at the end of the run (trace event 7, t=100us)");
  });
});

describe('a run whose appDigest never returns', () => {
  const loaded = loadScenarioFile(SCENARIO);

  it('fails as did-not-return, naming p2 and the end of the run; the trace has its end', () => {
    expect(loaded.forSeed(1).protocol.name).toBe(HANGING_DIGEST_NAME);
    const sink = new MemoryTraceSink();
    const started = Date.now();
    const r = runScenario(loaded.forSeed(1), { seed: '1', traceSink: sink, handlerTimeoutMs: BOUND_MS });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.passed).toBe(false);
    expect(r.failure).toBe('error: did not return within the wall-clock bound');
    expect(r.error).toMatch(LINE);
    expect(r.error).toContain(`(trace event ${r.traceEvents}, t=${r.simTimeUs}us)`);
    expect(r.replicasAgree).toBeNull();
    expect(JSON.parse(sink.lines.at(-1)!)).toMatchObject({ type: 'end', quiescent: true });
  });

  it('the same protocol with a digest that returns passes (the bound decides nothing else)', () => {
    const scenario = loaded.forSeed(1);
    const returns = runScenario(scenario, { seed: '1', protocol: { ...hangingDigestProtocol(), appDigest: () => 'same' } });
    expect([returns.passed, returns.replicasAgree]).toEqual([true, true]);
  });

  it.each([1, 2])('in a suite with %i worker(s): the runs fail with that line, the others pass', async (workers) => {
    const jobs = [
      ...planRuns([loaded], { seeds: [1, 2], plugins: [PLUGIN_URL], handlerTimeoutMs: BOUND_MS }),
      ...planRuns([loadScenarioFile('scenarios/isis-fbcast-static.json')], { seeds: [1] }),
    ].map((job, index) => ({ ...job, index }));
    const outcomes = await runJobs(jobs, workers, () => undefined);
    expect(outcomes.map((o) => o.result.passed)).toEqual([false, false, true]);
    for (const hung of outcomes.slice(0, 2)) expect(hung.result.error).toMatch(LINE);
  }, 60_000);
});

