// Writes a long VALID trace for the checker benchmark: a 5-process group
// with crashes, leaves, joins and partitions every few thousand events, all
// three orders, streamed to disk (bounded memory at any length).
import { closeSync, openSync, writeSync } from 'node:fs';
import seedrandom from 'seedrandom';
import { synthesizeRun } from '../../checkers/testing/synthetic-run.ts';
import { makeHeader, serializeLine } from '../../traces/serialize.ts';
import type { ViewEvent } from '../../traces/schema.ts';

const FLUSH_CHARS = 1 << 20;

/** Membership changes are rare next to traffic: one every few thousand events. */
export const BENCH_WEIGHTS = {
  multicast: 1,
  deliver: 5.2,
  crash: 0.0004,
  leave: 0.0002,
  join: 0.0010,
  partition: 0.0002,
  viewChange: 2,
};

export interface WrittenTrace {
  events: number;
  /** Distinct view ids installed. */
  views: number;
}

/** Writes at least `minEvents` events (plus the settle phase and the end line). */
export function writeBenchTrace(path: string, minEvents: number, seed = 'checkers-bench'): WrittenTrace {
  const rng = seedrandom.xor128(seed);
  const choose = (n: number): number => Math.floor(rng() * n);
  const fd = openSync(path, 'w');
  let buffer = serializeLine(makeHeader({ protocol: 'synthetic', scenario: 'checkers-bench', seed })) + '\n';
  let events = 0;
  let views = 0;
  try {
    const run = synthesizeRun({ initialMembers: 5, steps: 0, minEvents, choose, weights: BENCH_WEIGHTS, maxGroupSize: 5 });
    for (const event of run) {
      buffer += serializeLine(event) + '\n';
      events += 1;
      if (event.type === 'view') views = Math.max(views, (event as ViewEvent).view.id);
      if (buffer.length >= FLUSH_CHARS) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  if (events < minEvents) throw new Error(`wrote only ${events} events, wanted ${minEvents}: raise the step count`);
  return { events, views };
}
