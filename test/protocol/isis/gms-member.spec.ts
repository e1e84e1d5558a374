// A leaver's acceptance of the change that drops it (protocol/isis/gms-member.ts
// onAccept and leaverLingerTimer, membership.ts leaversGoneTimer): in the
// timed world the leaver lingers, so a lost acceptance is retransmitted, and
// the coordinator discounts it only once it has surely exited.
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../sim/scenario-files.ts';
import { describeFailure, runIsis } from './run-helper.ts';

type TraceLine = Record<string, unknown>;

function firstIndex(lines: readonly TraceLine[], match: (e: TraceLine) => boolean): number {
  return lines.findIndex(match);
}

describe('a leaver whose acceptance is lost', () => {
  it('does not wedge a change that holds a majority only with the leavers discounted (leavers-outnumber-lost-ack seed 1)', () => {
    // p3 crashes as p2 and p4 leave; the proposal {p1, p5} needs both leavers
    // discounted. p2's accd to p1 is lost. Before the fix p2 exited as it sent
    // it, p1 waited for it forever and nobody left view 1.
    const loaded = loadScenarioFile('scenarios/regressions/leavers-outnumber-lost-ack.json');
    const run = runIsis({ ...loaded.forSeed(1), detail: 'net' }, '1', true);
    expect(run.result.passed, describeFailure(run)).toBe(true);
    const lines = run.lines;

    const lostAccept = firstIndex(
      lines,
      (e) => e['type'] === 'drop' && e['from'] === 'p2' && e['node'] === 'p1' && e['kind'] === 'accd' && e['reason'] === 'loss',
    );
    expect(lostAccept, 'the run still loses p2\'s acceptance on its way to p1').toBeGreaterThanOrEqual(0);
    const laterAccept = lines.findIndex(
      (e, i) => i > lostAccept && e['type'] === 'recv' && e['from'] === 'p2' && e['node'] === 'p1' && e['kind'] === 'accd',
    );
    expect(laterAccept, 'p2 resent its acceptance and p1 got it').toBeGreaterThan(lostAccept);

    const exitOf = (p: string): number => firstIndex(lines, (e) => e['type'] === 'exit' && e['node'] === p);
    const firstView2 = firstIndex(lines, (e) => e['type'] === 'view' && (e['view'] as { id: number }).id === 2);
    expect(firstView2, 'view 2 is installed').toBeGreaterThan(0);
    for (const leaver of ['p2', 'p4']) {
      const exit = exitOf(leaver);
      expect(lines[exit]?.['reason'], `${leaver} exits left`).toBe('left');
      // primary-majority discounts a leaver only if it exited before the view is first installed.
      expect(exit, `${leaver} exits before view 2 is installed`).toBeLessThan(firstView2);
      expect(exit, `${leaver} lingered past its resent acceptance`).toBeGreaterThan(leaver === 'p2' ? laterAccept : 0);
    }
    const view2 = lines[firstView2]?.['view'] as { members: string[] };
    expect(view2.members.slice(0, 2)).toEqual(['p1', 'p5']);
  });

  // The linger and the coordinator's wait are measured on two different
  // clocks: a slow leaver lingers longer in real time, a fast coordinator
  // waits less. Every property (primary-majority among them) must still hold.
  it('keeps every property when the leavers\' clocks run 40% slow and the others\' 40% fast', () => {
    const loaded = loadScenarioFile('scenarios/regressions/leavers-outnumber-lost-ack.json');
    const clockDriftPpm = { p1: 400_000, p2: -400_000, p3: 400_000, p4: -400_000, p5: 400_000 };
    for (let seed = 1; seed <= 8; seed++) {
      const run = runIsis({ ...loaded.forSeed(seed), clockDriftPpm }, String(seed));
      expect(run.result.passed, `seed ${seed}: ${describeFailure(run)}`).toBe(true);
    }
  });
});
