// Coverage of a command's runs: V8's branch coverage of the protocol's
// files plus the facts of their traces (trace-facts.ts). Runs go through
// `observe`, which wraps a run's online checker so the facts are read from
// the events as they are recorded, with no second pass over the trace.
import type { OnlineChecker, RunViolation } from '../online-checker.ts';
import type { Scenario } from '../../scenarios/types.ts';
import type { TraceEvent } from '../../traces/schema.ts';
import { BranchCoverage, type CoverageScope } from './branch-coverage.ts';
import { RunFacts } from './trace-facts.ts';
import { V8Coverage } from './v8-session.ts';

export interface RunObservation {
  checker: OnlineChecker;
  facts: RunFacts;
}

export class CoverageCollector {
  private readonly v8 = new V8Coverage();
  readonly branches: BranchCoverage;
  /** Every fact of every run: how many runs showed it. */
  readonly facts = new Map<string, number>();
  runs = 0;
  /** What ran, in words, when it is not the runs counted here (an exploration). */
  subject: string | null = null;
  private started = false;

  constructor(readonly scope: CoverageScope) {
    this.branches = new BranchCoverage(scope, this.v8);
  }

  /**
   * Starts V8's coverage of this thread, for runs made here (the hunt, a
   * coverage worker). Protocol code that ran in this thread before counts
   * as whole functions (v8-session.ts); run-jobs.ts and explore-jobs.ts run
   * a suite or an exploration in a fresh worker thread instead, and need no
   * start here.
   */
  start(): void {
    this.v8.start();
    this.started = true;
  }

  /** A checker for one run that feeds `inner` (null: no checking) and records the run's facts. */
  observe(scenario: Scenario, inner: OnlineChecker | null): RunObservation {
    const facts = new RunFacts(scenario.workload.leaves ?? [], scenario.processes);
    const checker: OnlineChecker = {
      push: (event: TraceEvent): RunViolation[] => {
        facts.observe(event);
        return inner === null ? [] : inner.push(event);
      },
      finish: () => (inner === null ? { violations: [], checked: [], skipped: [], warnings: [] } : inner.finish()),
    };
    return { checker, facts };
  }

  /** After a run: its facts join the totals; returns the facts no earlier run showed. */
  endRun(facts: { readonly facts: ReadonlyMap<string, number> }): string[] {
    this.runs++;
    const fresh: string[] = [];
    for (const key of facts.facts.keys()) {
      const seen = this.facts.get(key);
      if (seen === undefined) fresh.push(key);
      this.facts.set(key, (seen ?? 0) + 1);
    }
    return fresh;
  }

  /** Reads V8's counts since the last take; returns the branch points that ran for the first time. */
  takeBranches(): string[] {
    return this.branches.add(this.v8.take());
  }

  /** Reads and drops V8's counts since the last take (runs that are not to be credited, such as a shrink's). */
  discardTake(): void {
    this.v8.take();
  }

  stop(): void {
    if (!this.started) return;
    this.takeBranches();
    this.v8.stop();
    this.started = false;
  }
}
