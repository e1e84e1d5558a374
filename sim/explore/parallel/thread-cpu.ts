// The CPU time of the calling thread, for the per-level diagnostics of the
// parallel search (bench/explore/parallel.ts --diagnose): on a loaded
// machine a level's wall time says little, its thread's CPU time does.
// Node 20 has no per-thread CPU clock, so this reads Linux's
// /proc/thread-self/stat (clock ticks, 10 ms); elsewhere it is NaN.
import { readFileSync } from 'node:fs';

/** Clock ticks a second (USER_HZ; 100 on every Linux Node runs on). */
const TICKS_PER_SECOND = 100;
/** utime and stime: fields 14 and 15 of stat, the 12th and 13th after the command's closing parenthesis. */
const UTIME_AFTER_COMMAND = 11;

let available = true;

/** Milliseconds of CPU this thread has used (user and system), or NaN where /proc is not there. */
export function threadCpuMs(): number {
  if (!available) return NaN;
  try {
    return statCpuMs(readFileSync('/proc/thread-self/stat', 'utf8'));
  } catch {
    available = false;
    return NaN;
  }
}

/** The fields of a /proc stat line after the command name (which may hold spaces and parentheses). */
export function statFieldsAfterCommand(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User plus system CPU milliseconds of a /proc/.../stat line. */
export function statCpuMs(stat: string): number {
  const fields = statFieldsAfterCommand(stat);
  const ticks = Number(fields[UTIME_AFTER_COMMAND]) + Number(fields[UTIME_AFTER_COMMAND + 1]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}
