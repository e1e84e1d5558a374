// A failing run's words: whatever text a plugin's handler throws reaches the
// terminal escaped (issue 10: no control character of an input raw).
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../cli/describe-run.ts';
import type { RunResult } from '../../sim/run.ts';

function failed(error: string, violationMessage = 'fine'): RunResult {
  return {
    failure: 'error: protocol or simulator threw',
    violations: [{ property: 'fifo-order', message: violationMessage }],
    error,
  } as unknown as RunResult;
}

describe('describeFailure', () => {
  it('escapes control characters of a handler\'s error, its frames and a violation, keeping one line each', () => {
    const text = describeFailure(failed("p1's start handler threw at trace event 1 (t=0us): init\u001b[2J\n    at init (/p\u0007.ts:3:5)", 'm\u009b1'));
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text.split('\n')).toEqual([
      'error: protocol or simulator threw',
      '  [fifo-order] m\\u009b1',
      "  p1's start handler threw at trace event 1 (t=0us): init\\u001b[2J",
      '      at init (/p\\u0007.ts:3:5)',
    ]);
  });
});
