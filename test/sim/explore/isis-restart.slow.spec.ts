// The pinned state-transfer configuration (scenarios/explore/isis-restart-3x1.json):
// the full ISIS stack, 3 processes, p3 multicasts one total-order write, one
// crash and one restart whose new incarnation joins with state transfer
// during the traffic. Exhausted with `ok` at a pinned state count (about
// 60 s here, so `npm run test:slow`; npm test pins the first 3,000 states
// and replays the mutant's counterexample). The stale-state-transfer mutant
// is caught on the same configuration.
import { describe, expect, it } from 'vitest';
import { staleStateTransfer } from '../../../protocol/mutants/stale-state-transfer.ts';
import { explore } from '../../../sim/explore/index.ts';
import { replayExploration } from '../../../sim/explore/replay-exploration.ts';
import { shipped } from './helpers.ts';

describe('explore: scenarios/explore/isis-restart-3x1.json', () => {
  it('exhausts the space with ok at a pinned state count', { timeout: 300_000 }, () => {
    const { scenario, config } = shipped('isis-restart-3x1');
    const r = explore(scenario, config);
    expect(r.result).toBe('ok');
    expect(r.bound).toBeNull();
    expect(r.states).toBe(214_055);
  });

  it('finds a counterexample for the stale-state-transfer mutant: the restarted incarnation ends with a stale map', { timeout: 300_000 }, () => {
    const { scenario, config, file } = shipped('isis-restart-3x1');
    const protocol = staleStateTransfer.factory(scenario.protocol.options ?? {});
    const r = explore(scenario, config, { protocol });
    expect(r.result).toBe('violated');
    expect(r.violation?.property).toBe('replicas');
    const choices = r.counterexample!.choices;
    expect(choices.some((c) => c.startsWith('restart '))).toBe(true);
    expect(choices).toHaveLength(17);
    const replayed = replayExploration(r.counterexample!.lines, file, { protocolFor: () => protocol });
    expect(replayed.identical).toBe(true);
  });
});
