// An external failure detector reports a failure once (the explorer's
// `suspect` choice). Two paths the explorer found on the full ISIS stack
// (scenarios/explore/isis-crash-3x0.json, one join and one crash) where that
// one report was lost and the group kept a crashed member for good:
// - the coordinator's successor suspected the crashed coordinator while it
//   was still installing the view that admitted a joiner (the install reset
//   its suspicions);
// - the coordinator suspected a crashed joiner before the view that admitted
//   it (a suspicion of a non-member was ignored).
// From the report on, delivering every frame (and the other members'
// reports) must install a view without the crashed process everywhere.
import { describe, expect, it } from 'vitest';
import { withBudgets } from '../../../sim/explore/config.ts';
import { pathTraceLines, replayChoices } from '../../../sim/explore/counterexample.ts';
import { ExploreModel } from '../../../sim/explore/model.ts';
import type { GlobalState } from '../../../sim/explore/state.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import { shipped } from '../../sim/explore/helpers.ts';

const MAX_DELIVERIES = 2_000;

const PATHS: Record<string, { crashed: string; choices: string[] }> = {
  'the successor of a crashed coordinator, mid-install': {
    crashed: 'p1',
    choices: [
      'join p4', 'deliver p4>p1 @0', 'deliver p4>p2 @0', 'deliver p4>p3 @0', 'deliver p1>p2 @0', 'deliver p1>p3 @0',
      'deliver p2>p1 @0', 'deliver p3>p1 @0', 'deliver p2>p1 @0', 'deliver p3>p1 @0', 'deliver p1>p2 @0', 'deliver p1>p3 @0',
      'deliver p2>p1 @0', 'deliver p3>p1 @0', 'deliver p1>p3 @1', 'deliver p1>p4 @1', 'deliver p3>p4 @2', 'deliver p4>p3 @3',
      'crash p1', 'suspect p2 p1',
    ],
  },
  'a joiner that crashed before the view admitting it': {
    crashed: 'p4',
    choices: [
      'join p4', 'deliver p4>p1 @0', 'deliver p4>p2 @0', 'deliver p4>p3 @0', 'deliver p1>p2 @0', 'deliver p1>p3 @0',
      'deliver p2>p1 @0', 'deliver p3>p1 @0', 'deliver p2>p1 @0', 'deliver p3>p1 @0', 'deliver p1>p2 @0', 'deliver p1>p3 @0',
      'crash p4', 'suspect p1 p4',
    ],
  },
};

describe('ISIS with an external failure detector keeps each failure report', () => {
  for (const [name, path] of Object.entries(PATHS)) {
    it(name, () => {
      const { scenario, config } = shipped('isis-crash-3x0');
      const model = new ExploreModel(resolveProtocol(scenario), scenario, withBudgets(config, { crash: 1, join: 1 }), false);
      const replayed = replayChoices(model, path.choices);
      expect(replayed.stuck).toBeNull();
      // Then every frame is delivered, the others report the crash too (once each), and every frame again.
      let state: GlobalState = replayed.state;
      const takeAll = (prefix: string): void => {
        for (let k = 0; k < MAX_DELIVERIES; k++) {
          const action = model.enabled(state).find((a) => model.label(state, a).startsWith(prefix));
          if (action === undefined) return;
          state = model.step(state, action);
        }
      };
      takeAll('deliver ');
      takeAll(`suspect `);
      takeAll('deliver ');
      const events = pathTraceLines(model, state, {}, 'app').slice(1).map((l) => JSON.parse(l) as Record<string, unknown>);
      const lastView = new Map<string, string[]>();
      const gone = new Set<string>();
      for (const e of events) {
        if (e['type'] === 'view') lastView.set(e['node'] as string, (e['view'] as { members: string[] }).members);
        if (e['type'] === 'crash' || e['type'] === 'exit') gone.add(e['node'] as string);
      }
      expect(gone.has(path.crashed)).toBe(true);
      const live = [...lastView.keys()].filter((p) => !gone.has(p));
      expect(live.length).toBeGreaterThan(1);
      for (const p of live) expect(lastView.get(p), `${p}'s last view`).not.toContain(path.crashed);
    });
  }
});
