// The pinned state-transfer configuration (scenarios/explore/isis-restart-3x1.json):
// the full ISIS stack, 3 processes, p2 multicasts once, one crash and one
// restart whose new incarnation joins with state transfer during the
// traffic. Exhausted with `ok` at a pinned state count (about 20 s here,
// so `npm run test:slow`; npm test pins the first 3,000 states).
import { describe, expect, it } from 'vitest';
import { explore } from '../../../sim/explore/index.ts';
import { shipped } from './helpers.ts';

describe('explore: scenarios/explore/isis-restart-3x1.json', () => {
  it('exhausts the space with ok at a pinned state count', { timeout: 300_000 }, () => {
    const { scenario, config } = shipped('isis-restart-3x1');
    const r = explore(scenario, config);
    expect(r.result).toBe('ok');
    expect(r.bound).toBeNull();
    expect(r.states).toBe(18_949);
  });
});
