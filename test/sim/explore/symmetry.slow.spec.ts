// The reference configuration (CBCAST alone, 3 processes x 2 multicasts)
// with symmetry on top of partial-order reduction: the same verdict as
// `--por` alone (202,268 states, reference.slow.spec.ts) at a pinned, much
// smaller state count. Minutes on a loaded machine: `npm run test:slow`.
import { describe, expect, it } from 'vitest';
import { explore } from '../../../sim/explore/index.ts';
import { shipped } from './helpers.ts';

describe('explore --por --symmetry: scenarios/explore/cbcast-3x2.json', () => {
  it('exhausts the space with ok at a pinned state count', { timeout: 900_000 }, () => {
    const { scenario, config } = shipped('cbcast-3x2');
    const r = explore(scenario, config, { por: true, symmetry: true });
    expect(r.result).toBe('ok');
    expect(r.bound).toBeNull();
    // 53,431 and 490 before settled messages left the history fingerprints (session 6, sim/explore/history.ts);
    // 33,961 before POR's ties were broken by canonical rank (session 8, por.ts), which made it the same with workers.
    expect(r.states).toBe(35_294);
    expect(r.terminalStates).toBe(1);
  });
});
