// `--detail app|net|full` (run, replay, shrink): what a written trace
// records (traces/schema.ts TRACE_DETAILS). Checked here rather than by
// yargs `choices`, so a wrong value is one line naming the flag.
import { InputError } from './errors.ts';
import { TRACE_DETAILS, type TraceDetail } from '../traces/schema.ts';

export const DETAIL_OPTION = {
  type: 'string',
  describe: 'what the trace records: app (observations), net (+ every frame sent, received, dropped, duplicated; links, suspicions), full (+ timers); default the scenario\'s "detail", else app',
} as const;

/** The level named by `--detail`, or undefined when the flag is absent. */
export function parseDetailOption(value: unknown, flag = '--detail'): TraceDetail | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (TRACE_DETAILS as readonly string[]).includes(value)) return value as TraceDetail;
  throw new InputError(`${flag}: expected one of ${TRACE_DETAILS.join(', ')}, got ${JSON.stringify(value)}`);
}
