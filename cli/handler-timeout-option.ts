// `--handler-timeout-s S` (run, replay): the wall-clock bound on a slice of a
// run, past which a handler that has not returned fails the run
// (sim/handler-watchdog.ts). A safety net against a hang, never a verdict on
// a run that ends: the default is far above any real slice (milliseconds).
import { InputError } from './errors.ts';
import { DEFAULT_HANDLER_TIMEOUT_MS } from '../sim/handler-watchdog.ts';

// node:vm takes a timeout of 1 to 2^32 - 1 ms.
const MAX_TIMEOUT_MS = 2 ** 32 - 1;

export const HANDLER_TIMEOUT_OPTION = {
  type: 'number',
  describe: `fail the run if a protocol handler has not returned after this many seconds of wall-clock time (a safety net against a hang; default ${DEFAULT_HANDLER_TIMEOUT_MS / 1000})`,
} as const;

/** The bound in milliseconds, or undefined when the flag is absent (the run's default). */
export function parseHandlerTimeoutOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? Math.round(value * 1000) : NaN;
  if (!(ms >= 1 && ms <= MAX_TIMEOUT_MS)) {
    throw new InputError(`--handler-timeout-s: expected a number of seconds from 0.001 to ${Math.floor(MAX_TIMEOUT_MS / 1000)}, got ${JSON.stringify(value)}`);
  }
  return ms;
}
