// V8's own block coverage of this thread, through the inspector protocol
// (what NODE_V8_COVERAGE and c8 read): precise, with call counts and block
// detail. No counters of ours: V8 counts every function and block it runs.
// Worker threads are separate isolates that this session does not see, so
// commands run coverage on the main thread only.
import { Session } from 'node:inspector';

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

/**
 * A precise-coverage session. `take()` returns the counts since the last
 * take (V8 resets them), so a caller can attribute coverage to one run.
 */
export class V8Coverage {
  private readonly session = new Session();
  private debuggerOn = false;
  private readonly sources = new Map<string, string>();
  /** Every script the debugger told of (it tells of all existing ones when enabled), by id. */
  private readonly scripts = new Map<string, string>();

  start(): void {
    this.session.connect();
    this.post('Profiler.enable');
    this.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  }

  /**
   * Every script loaded so far, including those V8's take leaves out
   * (loaded before the start, nothing run since): their points count as
   * never run rather than missing from the total.
   */
  loadedScripts(): { scriptId: string; url: string }[] {
    this.enableDebugger();
    return [...this.scripts.entries()].map(([scriptId, url]) => ({ scriptId, url }));
  }

  take(): V8ScriptCoverage[] {
    return (this.post('Profiler.takePreciseCoverage') as { result: V8ScriptCoverage[] }).result;
  }

  /** The source V8 ran for a script (a loader may have transformed the file), cached per script. */
  scriptSource(scriptId: string): string {
    const known = this.sources.get(scriptId);
    if (known !== undefined) return known;
    this.enableDebugger();
    const source = (this.post('Debugger.getScriptSource', { scriptId }) as { scriptSource: string }).scriptSource;
    this.sources.set(scriptId, source);
    return source;
  }

  private enableDebugger(): void {
    if (this.debuggerOn) return;
    this.session.on('Debugger.scriptParsed', (message) => {
      const { scriptId, url } = message.params;
      if (this.scripts.size < MAX_SCRIPTS) this.scripts.set(scriptId, url);
    });
    this.post('Debugger.enable');
    this.debuggerOn = true;
  }

  stop(): void {
    if (this.debuggerOn) this.post('Debugger.disable');
    this.post('Profiler.stopPreciseCoverage');
    this.post('Profiler.disable');
    this.session.disconnect();
  }

  /**
   * A session connected to its own thread answers synchronously (the
   * callback runs before `post` returns); this keeps runs free of awaits.
   */
  private post(method: string, params?: object): unknown {
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
