// The mutant acceptance-any-view relabels, on arrival, an acceptance (`accd`)
// of another view with the receiver's view id, and nothing else: its pin
// (isis-stale-acceptance-next-view) is run by mutants.spec.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IsisFrame, IsisState } from '../../../protocol/isis/isis-state.ts';
import { acceptanceRelabelled } from '../../../protocol/mutants/acceptance-any-view.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../../sim/scenario-files.ts';
import { runIsis } from '../isis/run-helper.ts';

/** Only `view` is read by the relabelling. */
function inView(id: number | null): IsisState {
  return { view: id === null ? null : { id, members: ['p1', 'p2', 'p3'] } } as unknown as IsisState;
}

describe('acceptance-any-view', () => {
  it("relabels an acceptance of another view with the receiver's view id, in a sequenced frame and a raw one", () => {
    const sequenced: IsisFrame = { t: 'd', seq: 4, ack: 2, body: { k: 'accd', view: 1, ballot: 9 } };
    expect(acceptanceRelabelled(inView(2), sequenced)).toEqual({ t: 'd', seq: 4, ack: 2, body: { k: 'accd', view: 2, ballot: 9 } });
    expect(sequenced.body).toEqual({ k: 'accd', view: 1, ballot: 9 });
    const raw: IsisFrame = { t: 'r', body: { k: 'accd', view: 3, ballot: 5 } };
    expect(acceptanceRelabelled(inView(2), raw)).toEqual({ t: 'r', body: { k: 'accd', view: 2, ballot: 5 } });
  });

  it('leaves an acceptance of the current view, other bodies, acks, and a process with no view alone', () => {
    const own: IsisFrame = { t: 'd', seq: 1, ack: 0, body: { k: 'accd', view: 2, ballot: 9 } };
    expect(acceptanceRelabelled(inView(2), own)).toBe(own);
    const nack: IsisFrame = { t: 'd', seq: 2, ack: 0, body: { k: 'nack', view: 1, promised: 9 } };
    expect(acceptanceRelabelled(inView(2), nack)).toBe(nack);
    const ack: IsisFrame = { t: 'a', ack: 3 };
    expect(acceptanceRelabelled(inView(2), ack)).toBe(ack);
    const early: IsisFrame = { t: 'r', body: { k: 'accd', view: 1, ballot: 9 } };
    expect(acceptanceRelabelled(inView(null), early)).toBe(early);
  });

  it('its pin drives the mechanism: p4 heard again while p1 awaits acceptances of view 2, and the real p1 never commits view 3', () => {
    const loaded = loadScenarioFile(join(DEFAULT_SUITE_DIR, 'isis-stale-acceptance-next-view.json'));
    const lines = runIsis(loaded.forSeed(1), '1', true).lines;
    const at = (node: string, text: string, from = 0): number => lines.findIndex((l, k) => k >= from && l.type === 'note' && l.node === node && l.text === text);
    const secondChange = at('p1', 'view-change-begin', at('p1', 'view-change-begin') + 1);
    expect(secondChange).toBeGreaterThan(-1);
    // View 2 has the size of view 1, so p1's ballot for view 2's change is the one it used in view 1.
    const view2 = lines.find((l) => l.type === 'view' && l.node === 'p1' && (l.view as { id: number }).id === 2) as { view: { members: string[] } };
    expect(view2.view.members).toHaveLength(5);
    expect(at('p1', 'unsuspect p4', secondChange)).toBeGreaterThan(secondChange);
    const views3 = lines.filter((l) => l.type === 'view' && (l.view as { id: number }).id === 3).map((l) => `${String(l.node)}:${(l.view as { members: string[] }).members.join(',')}`);
    expect(views3.sort()).toEqual(['p3:p3,p4,p6', 'p4:p3,p4,p6', 'p6:p3,p4,p6']);
  });
});
