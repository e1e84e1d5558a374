// Timed events must fall in the fault phase (issue 10, "nothing taken
// silently"): a join, a leave or a fault at or after durationUs would never
// happen (or disturb the settle phase), and a timed run of durationUs 0 runs
// nothing. Session 8 found both accepted without a word.
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { InputError } from '../../traces/input-error.ts';
import { baseScenario } from '../fixtures/scenario.ts';
import { cliInProcess } from '../cli/cli-harness.ts';
import { badInputKit, expectOneLine } from '../cli/bad-input-kit.ts';
import { parseExploreScenario } from '../../sim/explore/config.ts';

function problemsOf(value: unknown): string {
  try {
    validateScenario(JSON.parse(JSON.stringify(value)), 'x.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

const PHASE_END = '(the fault phase, where the workload and the faults happen, ends at durationUs = 1000000 us;';

describe('timed events after the fault phase', () => {
  const base = baseScenario();
  const withWorkload = (extra: Record<string, unknown>): Record<string, unknown> => ({ ...base, workload: { ...base.workload, ...extra } });

  it('a join at or after durationUs is refused, naming the field and the end', () => {
    for (const atUs of [1_000_000, 1_500_000, 2 ** 40]) {
      const message = problemsOf(withWorkload({ joins: [{ atUs: 5 }, { atUs }] }));
      expect(message).toContain(`x.json: workload.joins[1].atUs: expected an integer from 0 to 999999 ${PHASE_END}`);
      expect(message).toContain(`got ${atUs}`);
    }
  });

  it('a leave at or after durationUs is refused', () => {
    expect(problemsOf(withWorkload({ leaves: [{ atUs: 1_000_000, host: 'p2' }] })))
      .toContain(`x.json: workload.leaves[0].atUs: expected an integer from 0 to 999999 ${PHASE_END}`);
  });

  it('a scheduled fault and a note trigger\'s afterUs at or after durationUs are refused with the same reason', () => {
    expect(problemsOf({ ...base, faults: { schedule: [{ type: 'restart', host: 'p1', atUs: 1_000_000 }] } }))
      .toContain(`faults.schedule[0].atUs: expected an integer from 0 to 999999 ${PHASE_END}`);
    expect(problemsOf({ ...base, faults: { schedule: [{ type: 'partition', groups: [['p1'], ['p2', 'p3']], atUs: 3_000_000 }] } }))
      .toContain('faults.schedule[0].atUs: expected an integer from 0 to 999999 (the fault phase');
    expect(problemsOf({ ...base, faults: { schedule: [{ type: 'crash', host: 'p1', at: { note: 'flush-begin', node: 'any', afterUs: 1_000_000 } }] } }))
      .toContain(`faults.schedule[0].at.afterUs: expected an integer from 0 to 999999 ${PHASE_END}`);
  });

  it('the last microsecond of the phase is still in it', () => {
    const s = validateScenario(withWorkload({ joins: [{ atUs: 999_999 }], leaves: [{ atUs: 999_999, host: 'p1' }] }), 'x.json');
    expect(s.workload.joins).toEqual([{ atUs: 999_999 }]);
    expect(s.workload.leaves).toEqual([{ atUs: 999_999, host: 'p1' }]);
  });

  it('a wrong durationUs is one problem, not one more for every timed event', () => {
    const message = problemsOf({ ...withWorkload({ joins: [{ atUs: 5 }] }), durationUs: -1 });
    expect(message).toBe('x.json: durationUs: expected an integer >= 0, got -1');
  });

  it('in a file: the CLI exits 2 with one line naming the file and the field', async () => {
    const kit = badInputKit('late-join');
    const file = kit.write(JSON.stringify(kit.scenario({ workload: { ...base.workload, joins: [{ atUs: 50_000 }] } })));
    const r = await cliInProcess('run', file);
    expectOneLine(r, file, 'workload.joins[0].atUs', 'ends at durationUs = 50000 us', 'got 50000');
  });
});

describe('durationUs 0', () => {
  it('is refused by a timed run, naming the file and the field', async () => {
    const kit = badInputKit('no-phase');
    const file = kit.write(JSON.stringify(kit.scenario({ durationUs: 0 })));
    expectOneLine(await cliInProcess('run', file), file, 'durationUs: expected an integer >= 1 for a timed run', 'got 0');
    expectOneLine(await cliInProcess('replay', '--scenario', file, '--seed', '1'), file, 'durationUs');
  });

  it('is accepted by explore, which reads no phase', () => {
    const s = { ...baseScenario({ protocol: { name: 'isis-cbcast-static', options: { reliableNetwork: true } } }), durationUs: 0 };
    const { scenario } = parseExploreScenario(JSON.stringify({ ...s, explore: { multicastsPerProcess: 1 } }), 'e.json');
    expect(scenario.durationUs).toBe(0);
  });

  it('makes every timed event meaningless: a join at 0 is refused too', () => {
    const base = baseScenario();
    expect(problemsOf({ ...base, durationUs: 0, workload: { ...base.workload, joins: [{ atUs: 0 }] } }))
      .toContain('workload.joins[0].atUs: expected no timed event at all (the fault phase, where the workload and the faults happen, ends at durationUs = 0 us;');
  });
});
