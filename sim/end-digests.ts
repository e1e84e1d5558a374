// The application state digest (the protocol's `appDigest`) of each process
// live at the end of a quiescent run, for the replica comparison and the
// write ledger. A plugin's appDigest is protocol code like its handlers: one
// that loops forever would hang the run after its last event, where the
// slices' wall-clock bound (sim/handler-watchdog.ts) no longer reaches. So
// the digests are taken in one call bounded the same way, and a digest that
// does not return fails the run as a handler that does not return does,
// naming the process.
import { runWithin, SliceTimeout } from './handler-watchdog.ts';
import type { ProcessId } from '../traces/schema.ts';

interface LiveProcess {
  pid: ProcessId;
  state: unknown;
}

/** A process's appDigest did not return within the bound. */
export class DigestTimeout extends Error {
  override readonly name = 'DigestTimeout';
  constructor(
    readonly timeoutMs: number,
    readonly process: ProcessId,
  ) {
    super(`${process}'s appDigest did not return within ${timeoutMs / 1000} s`);
  }

  /** The failure line, in SliceTimeout's words (sim/handler-watchdog.ts). */
  describe(traceEventIndex: number, timeUs: number): string {
    const bound = `within ${this.timeoutMs / 1000} s (a wall-clock bound: --handler-timeout-s)`;
    return `${this.process}'s appDigest did not return ${bound} at the end of the run (trace event ${traceEventIndex}, t=${timeUs}us)`;
  }
}

/**
 * Each live process's digest, in `live`'s order; null when the protocol has
 * no appDigest. `timeoutMs` bounds all of them together (null: unbounded,
 * the caller bounds the run another way). Throws DigestTimeout past it.
 */
export function endDigests(
  digest: ((state: unknown) => string | null) | undefined,
  live: readonly LiveProcess[],
  timeoutMs: number | null,
): Map<ProcessId, string | null> | null {
  if (digest === undefined) return null;
  const digests = new Map<ProcessId, string | null>();
  let digesting: ProcessId | null = null;
  const all = (): void => {
    for (const process of live) {
      digesting = process.pid;
      digests.set(process.pid, digest(process.state));
    }
  };
  if (timeoutMs === null) {
    all();
    return digests;
  }
  try {
    runWithin(timeoutMs, all);
  } catch (caught) {
    if (caught instanceof SliceTimeout && digesting !== null) throw new DigestTimeout(timeoutMs, digesting);
    throw caught;
  }
  return digests;
}
