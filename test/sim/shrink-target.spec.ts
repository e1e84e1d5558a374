import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../sim/run.ts';
import { failsSameWay, targetOf } from '../../sim/shrink-target.ts';

// Only the fields the target rules read; the rest of a RunResult does not matter here.
function result(fields: Pick<RunResult, 'failure'> & Partial<Pick<RunResult, 'error' | 'boundHit'>>): RunResult {
  return { passed: fields.failure === null, violations: [], error: null, boundHit: null, ...fields } as unknown as RunResult;
}

const HANG = result({ failure: 'error: did not return within the wall-clock bound', error: "p2's message handler did not return within 10 s" });
const THROW = result({ failure: 'error: protocol or simulator threw', error: "p2's message handler threw" });

describe('targetOf and failsSameWay', () => {
  it('keeps which error an error target is, so a shrink of a hang does not slide to a throw', () => {
    const target = targetOf(HANG);
    expect(target).toEqual({ kind: 'failure', failure: 'error: did not return within the wall-clock bound' });
    expect(failsSameWay(THROW, target!, HANG)).toBe(false);
    expect(failsSameWay(HANG, target!, HANG)).toBe(true);
    expect(failsSameWay(HANG, targetOf(THROW)!, THROW)).toBe(false);
  });

  it('compares other failures by their kind only, ignoring the run-specific detail', () => {
    const lost = result({ failure: 'requests lost: p2 was asked for 40 multicasts and multicast or refused 31' });
    const target = targetOf(lost);
    expect(target).toEqual({ kind: 'failure', failure: 'requests lost' });
    expect(failsSameWay(result({ failure: 'requests lost: p1 was asked for 3 multicasts and multicast or refused 0' }), target!, lost)).toBe(true);
    expect(failsSameWay(result({ failure: 'replicas disagree at the end' }), target!, lost)).toBe(false);
  });

  it('a passing run has no target', () => {
    expect(targetOf(result({ failure: null }))).toBeNull();
  });
});
