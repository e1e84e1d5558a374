// The reference configuration of the issue: CBCAST alone in a static group
// of 3, 2 multicasts each, exhausted with `ok` at a pinned state count (a
// tripwire for accidental changes). With partial-order reduction it takes
// about 20 s here, too long for `npm test`: `npm run test:slow` runs it; the
// plain search (347,696 states; 548,957 before settled messages left the
// history fingerprints in session 6) is left to bench/explore/run.sh.
import { describe, expect, it } from 'vitest';
import { explore } from '../../../sim/explore/index.ts';
import { shipped } from './helpers.ts';

describe('explore: scenarios/explore/cbcast-3x2.json', () => {
  it('exhausts the space with ok at a pinned state count', { timeout: 300_000 }, () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const r = explore(scenario, config, { por: true });
    expect(r.result).toBe('ok');
    expect(r.bound).toBeNull();
    // 318,062 before settled messages left the history fingerprints (session 6, sim/explore/history.ts).
    expect(r.states).toBe(202_268);
  });
});
