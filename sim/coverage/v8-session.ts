// V8's own block coverage of this thread, through the inspector protocol
// (what NODE_V8_COVERAGE and c8 read): precise, with call counts and block
// detail. No counters of ours: V8 counts every function and block it runs.
// Worker threads are separate isolates that this session does not see: a
// suite's coverage runs in a worker of its own that starts this session
// before it loads the protocol (coverage-worker.ts, run-jobs.ts).
//
// Once started, coverage stays on for the life of the thread: V8 keeps the
// code it compiled without block counters after a stop, and a later start
// would then see whole functions only (every block of a called function
// would look run). A "stop" therefore only drops the counts.
import { Session } from 'node:inspector';
import { setFlagsFromString } from 'node:v8';

/** Bound on the scripts remembered (a process loads a few thousand at most). */
const MAX_SCRIPTS = 100_000;

/** One function of a script: V8's ranges, outermost first; offsets into the script's source. */
export interface V8Range {
  startOffset: number;
  endOffset: number;
  count: number;
}
export interface V8Function {
  functionName: string;
  ranges: V8Range[];
  isBlockCoverage: boolean;
}
export interface V8ScriptCoverage {
  scriptId: string;
  url: string;
  functions: V8Function[];
}

class SharedSession {
  private readonly session = new Session();
  private debuggerOn = false;
  readonly sources = new Map<string, string>();
  /** Every script the debugger told of (it tells of all existing ones when enabled), by id. */
  readonly scripts = new Map<string, string>();

  constructor() {
    // Code optimized by TurboFan does not count its function's calls after
    // a take has reset them (a function that ran may show 0), and when it
    // gets optimized depends on background compilation: with the optimizing
    // compiler off, counts are exact and the same on every run, at a cost of
    // about 1.5x to 2x in run time (measured on isis-steady-load).
    setFlagsFromString('--no-opt');
    this.session.connect();
    this.post('Profiler.enable');
    this.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  }

  enableDebugger(): void {
    if (this.debuggerOn) return;
    this.session.on('Debugger.scriptParsed', (message) => {
      const { scriptId, url } = message.params;
      if (this.scripts.size < MAX_SCRIPTS) this.scripts.set(scriptId, url);
    });
    this.post('Debugger.enable');
    this.debuggerOn = true;
  }

  /**
   * A session connected to its own thread answers synchronously (the
   * callback runs before `post` returns); this keeps runs free of awaits.
   */
  post(method: string, params?: object): unknown {
    let answer: { error: Error | null; result: unknown } | null = null;
    this.session.post(method, params ?? {}, (error, result) => {
      answer = { error, result };
    });
    const got = answer as { error: Error | null; result: unknown } | null;
    if (got === null) throw new Error(`inspector ${method}: no synchronous answer`);
    if (got.error !== null) throw new Error(`inspector ${method}: ${got.error.message}`);
    return got.result;
  }
}

let shared: SharedSession | null = null;

/**
 * A view of the thread's precise coverage. `take()` returns the counts since
 * the last take (V8 resets them), so a caller can attribute coverage to one run.
 */
export class V8Coverage {
  private get session(): SharedSession {
    if (shared === null) throw new Error('V8Coverage: start() first');
    return shared;
  }

  /** Starts coverage (once per thread) and drops any counts so far. */
  start(): void {
    if (shared === null) shared = new SharedSession();
    else this.take();
  }

  take(): V8ScriptCoverage[] {
    return (this.session.post('Profiler.takePreciseCoverage') as { result: V8ScriptCoverage[] }).result;
  }

  /**
   * Every script loaded so far, including those V8's take leaves out
   * (loaded before the start, nothing run since): their points count as
   * never run rather than missing from the total.
   */
  loadedScripts(): { scriptId: string; url: string }[] {
    this.session.enableDebugger();
    return [...this.session.scripts.entries()].map(([scriptId, url]) => ({ scriptId, url }));
  }

  /** The source V8 ran for a script (a loader may have transformed the file), cached per script. */
  scriptSource(scriptId: string): string {
    const known = this.session.sources.get(scriptId);
    if (known !== undefined) return known;
    this.session.enableDebugger();
    const source = (this.session.post('Debugger.getScriptSource', { scriptId }) as { scriptSource: string }).scriptSource;
    this.session.sources.set(scriptId, source);
    return source;
  }

  /** Drops the counts since the last take; coverage stays on (see the top of this file). */
  stop(): void {
    this.take();
  }
}
