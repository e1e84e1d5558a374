// CPU seconds per thread of a running child process, sampled from Linux's
// /proc/<pid>/task/<tid>/stat (utime + stime, in clock ticks of 10 ms) every
// SAMPLE_MS while it runs. A thread's last sample is at most SAMPLE_MS old
// when it ends, so each figure is short by at most that much CPU.
// Elsewhere (no /proc) `available` is false and nothing is sampled.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { statCpuMs, statFieldsAfterCommand } from '../sim/explore/parallel/thread-cpu.ts';

const SAMPLE_MS = 50;
/** Bound on the threads tracked (a suite run has a dozen). */
const MAX_THREADS = 1000;
/** A thread with less CPU than this is never taken for a worker (libuv's file I/O threads also start late). */
const MIN_WORKER_CPU_SECONDS = 0.1;

export interface ThreadCpu {
  tid: number;
  cpuSeconds: number;
  /** Clock ticks after the main thread started. */
  startTicks: number;
  /** Seconds after sampling began at which the thread's CPU time last grew. */
  lastBusySeconds: number;
}

export interface ThreadCpuReport {
  main: number;
  /** The worker threads: the last threads started (Node's and V8's own start with the process), busiest first. */
  workerThreads: ThreadCpu[];
  /** Node's and V8's own threads (garbage collection, compilation, libuv): their CPU seconds together. */
  helpers: number;
}

export class ThreadCpuSampler {
  static readonly available = existsSync('/proc/self/task');
  private readonly threads = new Map<number, ThreadCpu>();
  private readonly timer: NodeJS.Timeout | null;
  private readonly startedMs = performance.now();

  constructor(private readonly pid: number) {
    this.timer = ThreadCpuSampler.available ? setInterval(() => this.sample(), SAMPLE_MS) : null;
  }

  private sample(): void {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${this.pid}/task`);
    } catch {
      return; // the process has ended
    }
    const nowSeconds = (performance.now() - this.startedMs) / 1000;
    for (const tid of tids) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${this.pid}/task/${tid}/stat`, 'utf8');
      } catch {
        continue; // the thread has ended
      }
      // starttime is the 22nd field, the 20th after the command name.
      const cpuSeconds = statCpuMs(stat) / 1000;
      const startTicks = Number(statFieldsAfterCommand(stat)[19]);
      const known = this.threads.get(Number(tid));
      if (known === undefined) {
        if (this.threads.size < MAX_THREADS) this.threads.set(Number(tid), { tid: Number(tid), cpuSeconds, startTicks, lastBusySeconds: nowSeconds });
      } else if (cpuSeconds > known.cpuSeconds) {
        known.cpuSeconds = cpuSeconds;
        known.lastBusySeconds = nowSeconds;
      }
    }
  }

  /** `workers`: how many worker threads the program started (0 when it ran on its main thread). */
  stop(workers: number): ThreadCpuReport | null {
    if (this.timer === null) return null;
    clearInterval(this.timer);
    const main = this.threads.get(this.pid);
    if (main === undefined) return null;
    const others = [...this.threads.values()].filter((t) => t.tid !== this.pid);
    const latestFirst = others.filter((t) => t.cpuSeconds >= MIN_WORKER_CPU_SECONDS).sort((a, b) => b.startTicks - a.startTicks || b.tid - a.tid);
    const workerThreads = new Set(latestFirst.slice(0, workers));
    return {
      main: main.cpuSeconds,
      workerThreads: [...workerThreads].sort((a, b) => b.cpuSeconds - a.cpuSeconds),
      helpers: others.filter((t) => !workerThreads.has(t)).reduce((sum, t) => sum + t.cpuSeconds, 0),
    };
  }
}
