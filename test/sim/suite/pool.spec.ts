// The suite pool: worker threads (from source here, through tsx) give the
// same outcomes as running each job in this thread, handed over in plan
// order although each worker holds two jobs at a time; the V8 flag for the
// workers changes only after they have booted.
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import { runJobs, startWorker, SuiteWorkers } from '../../../sim/suite/pool.ts';
import { WORKER_BOOTED } from '../../../sim/suite/worker-ready.ts';
import { executeRun, type RunOutcome } from '../../../sim/suite/execute.ts';
import { planRuns } from '../../../sim/suite/plan.ts';
import { loadScenarios } from '../../../sim/scenario-files.ts';

// Only the pool's V8 flag is recorded, not set: this test process keeps V8's defaults.
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:v8')>()), setFlagsFromString: vi.fn() }));

const withoutTime = (o: RunOutcome): unknown => ({ ...o, wallSeconds: undefined });

describe('runJobs on worker threads', () => {
  it('gives the outcomes of executeRun, in plan order, with 2 workers over more jobs than they hold', async () => {
    const jobs = planRuns(loadScenarios(['scenarios/isis-member-crash.json', 'scenarios/isis-fbcast-static.json']), { seeds: [1, 2, 3, 4, 5, 6] });
    expect(jobs.length).toBe(12);
    const delivered: number[] = [];
    const outcomes = await runJobs(jobs, 2, (o) => delivered.push(o.index));
    expect(delivered).toEqual(jobs.map((j) => j.index));
    expect(outcomes.map(withoutTime)).toEqual(jobs.map((j) => withoutTime(executeRun(j))));
  }, 120_000);

  it('hands out no job once a stop is asked for: only the runs already handed out finish', async () => {
    const jobs = planRuns(loadScenarios(['scenarios/isis-fbcast-static.json']), { seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    // Stop after three hand-outs (the pool polls before each one). A stop
    // keyed to delivered outcomes raced: outcomes are delivered in plan
    // order, so a worker slow to start held them back while the other one
    // ran every remaining job.
    let polls = 0;
    const outcomes = await runJobs(jobs, 2, () => undefined, () => ++polls > 3);
    expect(outcomes.length).toBe(3);
    expect(outcomes.map((o) => o.index)).toEqual(jobs.slice(0, 3).map((j) => j.index));
  }, 120_000);

  it('gives worker threads a smaller TurboFan inlining budget while they run, then restores the default; one thread keeps the default', async () => {
    const jobs = planRuns(loadScenarios(['scenarios/isis-fbcast-static.json']), { seeds: [1, 2] });
    const flags = vi.mocked(setFlagsFromString);
    flags.mockClear();
    await runJobs(jobs, 1, () => undefined);
    expect(flags).not.toHaveBeenCalled();
    let whileRunning: string[] = [];
    await runJobs(jobs, 2, () => { whileRunning = flags.mock.calls.map((call) => call[0]); });
    expect(whileRunning).toEqual(['--max-inlined-bytecode-size-cumulative=230']);
    expect(flags.mock.calls.map((call) => call[0])).toEqual(['--max-inlined-bytecode-size-cumulative=230', '--max-inlined-bytecode-size-cumulative=920']);
  }, 120_000);

  it('changes the budget only once every worker has booted, not when they are started', async () => {
    const jobs = planRuns(loadScenarios(['scenarios/isis-fbcast-static.json']), { seeds: [1, 2, 3] });
    const flags = vi.mocked(setFlagsFromString);
    flags.mockClear();
    const pool = SuiteWorkers.start(2);
    expect(flags).not.toHaveBeenCalled();
    const outcomes = await pool.run(jobs, () => undefined);
    expect(outcomes.map((o) => o.index)).toEqual([0, 1, 2]);
    expect(flags.mock.calls.map((call) => call[0])).toEqual(['--max-inlined-bytecode-size-cumulative=230', '--max-inlined-bytecode-size-cumulative=920']);
  }, 120_000);

  it('ends workers that never ran a job (the plan failed after they started) and leaves the flag alone', async () => {
    const flags = vi.mocked(setFlagsFromString);
    flags.mockClear();
    const pool = SuiteWorkers.start(2);
    await pool.close();
    await pool.close();
    expect(flags).not.toHaveBeenCalled();
  }, 120_000);
});

describe('a suite worker thread', () => {
  const firstMessage = (announceBoot: boolean): Promise<unknown> => {
    const worker = startWorker({ announceBoot });
    const [job] = planRuns(loadScenarios(['scenarios/isis-fbcast-static.json']), { seeds: [1] });
    worker.postMessage(job);
    return new Promise((resolve) => worker.once('message', (message: unknown) => void worker.terminate().then(() => resolve(message))));
  };

  it('says it has booted before its first outcome when asked, and only then (sim/mutant-hunts.ts reads outcomes only)', async () => {
    expect(await firstMessage(true)).toBe(WORKER_BOOTED);
    const outcome = (await firstMessage(false)) as RunOutcome;
    expect(outcome.result.scenario).toBe('isis-fbcast-static');
    expect(outcome.seed).toBe(1);
  }, 120_000);
});
