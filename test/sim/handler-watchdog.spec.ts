// A protocol handler that never returns: the wall-clock bound on each slice
// (sim/handler-watchdog.ts) ends it, the run fails naming the process, the
// handler, the trace event and the time, the trace so far stays readable
// (no `end` line), and the next run of the same thread or suite still runs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runWithin, SliceTimeout, stepsWithin } from '../../sim/handler-watchdog.ts';
import { runScenario } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import { loadScenarioFile } from '../../sim/scenario-files.ts';
import { planRuns } from '../../sim/suite/plan.ts';
import { runJobs } from '../../sim/suite/pool.ts';
import { runningHandler } from '../../sim/system/handlers.ts';
import { readTraceFile } from '../../traces/reader.ts';
import { checkEvents, NO_END_WARNING } from '../../checkers/trace-checker.ts';
import { HANGING_NAME } from './fixtures/hanging-plugin.ts';

const HANGING = 'test/sim/fixtures/hanging.json';
const PLUGIN_URL = pathToFileURL('test/sim/fixtures/hanging-plugin.ts').href;
const BOUND_MS = 200;
// Seed 1: p1 starts (0, 1), p2 (2, 3), p3 (4, 5); p2 notes pings 1 and 2 (6, 7); the third ping hangs p2.
const SEED_1_LINE = "p2's message handler did not return within 0.2 s (a wall-clock bound: --handler-timeout-s) at trace event 8 (t=3657us)";

describe('runWithin', () => {
  it('returns what the slice returns and passes its errors through unchanged', () => {
    expect(runWithin(1000, () => 42)).toBe(42);
    const error = new RangeError('from the slice');
    expect(() => runWithin(1000, () => { throw error; })).toThrow(error);
    // Nested: the inner call's slice does not replace the outer one's.
    expect(runWithin(1000, () => runWithin(1000, () => 1) + 1)).toBe(2);
  });

  it('ends a slice that runs past the bound, naming no handler when none was running', () => {
    let caught: unknown;
    const started = Date.now();
    try {
      runWithin(50, () => { for (;;) { /* never returns */ } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SliceTimeout);
    expect(Date.now() - started).toBeLessThan(5000);
    const timeout = caught as SliceTimeout;
    expect(timeout.process).toBeNull();
    expect(timeout.describe(3, 1000)).toBe('the simulator (no protocol handler) did not finish a slice within 0.05 s (a wall-clock bound: --handler-timeout-s) at trace event 3 (t=1000us)');
    // This thread runs on: the next call works.
    expect(runWithin(50, () => 'after')).toBe('after');
  });
});

describe('stepsWithin', () => {
  it('yields what the steps yield and returns what they return, each next() within the bound', () => {
    function* steps(): Generator<number, string, void> {
      yield 1;
      yield 2;
      return 'done';
    }
    const driven = stepsWithin(1000, steps());
    expect([driven.next(), driven.next(), driven.next()]).toEqual([{ value: 1, done: false }, { value: 2, done: false }, { value: 'done', done: true }]);
  });

  it('with a minimum stretch: several next() calls in one, yielding the last value', () => {
    let calls = 0;
    function* steps(): Generator<number, string, void> {
      for (let k = 1; k <= 1000; k++) {
        calls++;
        yield k;
      }
      return 'done';
    }
    const driven = stepsWithin(5000, steps(), 60_000);
    // Far less than a minute of work: every yield in the first stretch, and the end.
    expect(driven.next()).toEqual({ value: 'done', done: true });
    expect(calls).toBe(1000);
  });

  it('ends a step that runs past the bound with SliceTimeout; the steps before it ran', () => {
    const seen: number[] = [];
    function* steps(): Generator<void, void, void> {
      seen.push(1);
      yield;
      seen.push(2);
      for (;;) { /* never yields */ }
    }
    const driven = stepsWithin(50, steps());
    driven.next();
    expect(() => driven.next()).toThrow(SliceTimeout);
    expect(seen).toEqual([1, 2]);
  });
});

describe('a run whose handler never returns', () => {
  const loaded = loadScenarioFile(HANGING);

  it('fails naming the process, handler, trace event and time; the trace stops before the hang, readable', async () => {
    expect(loaded.forSeed(1).protocol.name).toBe(HANGING_NAME);
    const sink = new MemoryTraceSink();
    const r = runScenario(loaded.forSeed(1), { seed: '1', traceSink: sink, handlerTimeoutMs: BOUND_MS });
    expect(r.passed).toBe(false);
    expect(r.failure).toBe('error: did not return within the wall-clock bound');
    expect(r.error).toBe(SEED_1_LINE);
    expect(r.traceEvents).toBe(8);
    expect(runningHandler.process).toBeNull();
    // The header and events 0..7, no `end`: what docs/trace-format.md calls a run that was cut off.
    expect(sink.lines).toHaveLength(9);
    expect(JSON.parse(sink.lines.at(-1)!)).toEqual({ type: 'note', i: 7, t: 2722, node: 'p2', text: 'ping 2' });
    const file = join(mkdtempSync(join(tmpdir(), 'vsynclab-hang-')), 'hang.jsonl');
    writeFileSync(file, sink.text());
    const trace = await readTraceFile(file);
    expect(trace.events.map((e) => e.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const verdict = checkEvents(trace.events);
    expect(verdict.warnings).toContain(NO_END_WARNING);
    expect(verdict.violations).toEqual([]);
  });

  it('the next run in this thread runs to its end, as it would have', () => {
    const scenario = loadScenarioFile('scenarios/isis-fbcast-static.json').forSeed(1);
    const before = runScenario(scenario, { seed: '1' });
    expect(runScenario(loaded.forSeed(2), { seed: '2', handlerTimeoutMs: BOUND_MS }).failure).toBe('error: did not return within the wall-clock bound');
    const after = runScenario(scenario, { seed: '1' });
    expect(after.passed).toBe(true);
    expect(after).toEqual(before);
  });
});

describe('a suite with a run that never returns', () => {
  it.each([1, 2])('with %i worker(s): the hung runs fail with their traces written, the others pass, in plan order', async (workers) => {
    const outDir = mkdtempSync(join(tmpdir(), 'vsynclab-hang-suite-'));
    const jobs = [
      ...planRuns([loadScenarioFile(HANGING)], { seeds: [1, 2], outDir, plugins: [PLUGIN_URL], handlerTimeoutMs: BOUND_MS }),
      // The default bound for these: a cold worker's first slices, on a loaded machine, can take longer than BOUND_MS.
      ...planRuns([loadScenarioFile('scenarios/isis-fbcast-static.json')], { seeds: [1, 2] }),
    ].map((job, index) => ({ ...job, index }));
    const outcomes = await runJobs(jobs, workers, () => undefined);
    expect(outcomes.map((o) => o.index)).toEqual([0, 1, 2, 3]);
    expect(outcomes.map((o) => o.result.passed)).toEqual([false, false, true, true]);
    for (const hung of outcomes.slice(0, 2)) {
      expect(hung.result.error).toMatch(/^p2's message handler did not return within 0\.2 s \(a wall-clock bound: --handler-timeout-s\) at trace event \d+ \(t=\d+us\)$/);
      // Re-recorded at full detail (sim/suite/execute.ts): the file's own numbering, and no `end`.
      const trace = await readTraceFile(hung.tracePath!);
      expect(trace.events.length).toBe(hung.result.traceEvents);
      expect(trace.events.some((e) => e.type === 'end')).toBe(false);
      expect(hung.result.error).toContain(`at trace event ${trace.events.length} `);
    }
  }, 60_000);
});
