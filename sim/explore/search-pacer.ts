// The search's sense of time and memory: the time bound, a stop request,
// progress lines, the yields of `searchSteps`, and the peak of resident
// memory. search.ts calls `look` every CLOCK_EVERY expansions and yields
// when `yieldDue` is set; everything here is about wall time, nothing about
// states.
import { performance } from 'node:perf_hooks';
import { BoundHit } from '../world.ts';
import type { SearchOptions, SearchProgress } from './search-types.ts';

/** Expansions between two looks at resident memory (a system call), counted in looks at the clock. */
const MEMORY_EVERY_LOOKS = (1 << 10) / 16;
const DEFAULT_PROGRESS_SECONDS = 3;

/**
 * Milliseconds of search between two yields of `searchSteps`: often enough
 * for a signal handler or a progress line to run promptly, rarely enough
 * that a driver's event-loop turn costs nothing measurable. Looked at only
 * with the clock, so it costs no extra clock read.
 */
const YIELD_EVERY_MS = 25;

/** What a progress line counts, read from the search when one is due. */
export type SearchCounts = Omit<SearchProgress, 'seconds' | 'statesPerSecond' | 'memoryBytes'>;

const performanceNow = (): number => performance.now();

export class SearchPacer {
  readonly started: number;
  /** The clock, in milliseconds: `options.clockMs`, else performance.now. */
  readonly nowMs: () => number;
  peakMemoryBytes = 0;
  /** Set when YIELD_EVERY_MS have passed; the search loops yield and call `yielded`. */
  yieldDue = false;
  private looks = 0;
  private readonly deadlineMs: number;
  private readonly progressEveryMs: number;
  private nextProgressMs: number;
  private nextYieldMs: number;
  private lastProgress: { ms: number; states: number };

  constructor(private readonly options: SearchOptions, private readonly counts: () => SearchCounts) {
    this.nowMs = options.clockMs ?? performanceNow;
    this.started = this.nowMs();
    this.deadlineMs = options.maxSeconds === undefined ? Infinity : this.started + options.maxSeconds * 1000;
    this.progressEveryMs = (options.progressEverySeconds ?? DEFAULT_PROGRESS_SECONDS) * 1000;
    this.nextProgressMs = options.onProgress === undefined ? Infinity : this.started + this.progressEveryMs;
    this.lastProgress = { ms: this.started, states: 0 };
    this.nextYieldMs = this.started + YIELD_EVERY_MS;
  }

  /** The time bound, a stop request, progress, and now and then memory. */
  look(): void {
    if (++this.looks % MEMORY_EVERY_LOOKS === 0) this.sampleMemory(true);
    const now = this.nowMs();
    if (now > this.deadlineMs) throw new BoundHit('maxSeconds');
    if (this.options.shouldStop?.() === true) throw new BoundHit('interrupted');
    if (now >= this.nextProgressMs) this.reportProgress(now);
    if (now >= this.nextYieldMs) this.yieldDue = true;
  }

  /** Called as the search yields: the next yield is YIELD_EVERY_MS of work later. */
  yielded(): void {
    this.yieldDue = false;
    this.nextYieldMs = this.nowMs() + YIELD_EVERY_MS;
  }

  secondsSoFar(): number {
    return (this.nowMs() - this.started) / 1000;
  }

  sampleMemory(enforce: boolean): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peakMemoryBytes) this.peakMemoryBytes = rss;
    if (enforce && rss > this.options.maxMemoryBytes) throw new BoundHit('maxMemory');
  }

  private reportProgress(now: number): void {
    this.nextProgressMs = now + this.progressEveryMs;
    const counts = this.counts();
    const memoryBytes = process.memoryUsage.rss();
    if (memoryBytes > this.peakMemoryBytes) this.peakMemoryBytes = memoryBytes;
    const elapsed = (now - this.lastProgress.ms) / 1000;
    const statesPerSecond = elapsed > 0 ? Math.round((counts.states - this.lastProgress.states) / elapsed) : 0;
    this.lastProgress = { ms: now, states: counts.states };
    this.options.onProgress?.({ ...counts, seconds: (now - this.started) / 1000, statesPerSecond, memoryBytes });
  }
}
