// Observations hashed under every renaming at once (sim/explore/renamed-observations.ts).
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../protocol/types.ts';
import { RenamedObservationLanes } from '../../../sim/explore/renamed-observations.ts';
import { allRenamings, identityRenaming } from '../../../sim/explore/renaming.ts';
import { ValueHasher } from '../../../sim/explore/value-hasher.ts';

const pids = ['p1', 'p2', 'p3'];
const renamings = allRenamings(pids);

function renamed(o: Observation, k: number): Observation {
  const r = renamings[k]!;
  switch (o.type) {
    case 'deliver':
      return { ...o, msg: r.rename(o.msg), from: r.rename(o.from) };
    case 'bcast':
      return { ...o, msg: r.rename(o.msg) };
    default:
      return o;
  }
}

describe('RenamedObservationLanes', () => {
  const all = new RenamedObservationLanes(new ValueHasher(renamings));
  const identity = new RenamedObservationLanes(new ValueHasher([identityRenaming(pids)]));
  const observations: Observation[] = [
    { type: 'deliver', msg: 'p1:1', from: 'p1', view: 1 },
    { type: 'deliver', msg: 'p2:3', from: 'p2', view: 1 },
    { type: 'bcast', msg: 'p3:2', order: 'causal', view: 1 },
    { type: 'exit', reason: 'left' },
  ];

  it('lane pair k is the identity lanes of the observation renamed by renaming k', () => {
    for (const o of observations) {
      const lanes = all.of(o).slice();
      for (let k = 0; k < renamings.length; k++) {
        const own = identity.of(renamed(o, k));
        expect([lanes[2 * k], lanes[2 * k + 1]], `${JSON.stringify(o)} under renaming ${k}`).toEqual([own[0], own[1]]);
      }
    }
  });

  it('tells observations apart, field by field', () => {
    const keys = new Set<string>();
    const variants: Observation[] = [
      ...observations,
      { type: 'deliver', msg: 'p1:1', from: 'p1', view: 2 },
      { type: 'deliver', msg: 'p1:1', from: 'p2', view: 1 },
      { type: 'bcast', msg: 'p1:1', order: 'causal', view: 1 },
      { type: 'bcast', msg: 'p3:2', order: 'fifo', view: 1 },
      { type: 'note', text: 'p1:1' },
    ];
    for (const o of variants) {
      const l = identity.of(o);
      keys.add(`${l[0]}/${l[1]}`);
    }
    expect(keys.size).toBe(variants.length);
  });
});
