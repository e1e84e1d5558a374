import { describe, expect, it } from 'vitest';
import { makeStaticProtocol } from '../../../protocol/isis/static-stack.ts';
import type { AnyProtocol, StateEncoder } from '../../../protocol/types.ts';
import { explore } from '../../../sim/explore/index.ts';
import { identityRenaming } from '../../../sim/explore/renaming.ts';
import { StructuralHasher } from '../../../sim/explore/structural-hash.ts';
import { ValueHasher } from '../../../sim/explore/value-hasher.ts';
import { fixture } from './helpers.ts';

/** The same protocol without its structural hash: the explorer falls back to the generic walk. */
function withoutEncoders(protocol: AnyProtocol): AnyProtocol {
  const { encodeState: _s, encodeMessage: _m, ...rest } = protocol;
  return rest;
}

describe('explore: the protocol-supplied structural hash', () => {
  const cbcast = makeStaticProtocol('cbcast', { reliableNetwork: true });

  it('the static CBCAST supplies one', () => {
    expect(cbcast.encodeState).toBeTypeOf('function');
    expect(cbcast.encodeMessage).toBeTypeOf('function');
  });

  for (const mode of [{}, { por: true }, { symmetry: true }, { strategy: 'dfs' as const }]) {
    it(`merges exactly the states the generic hash merges (cbcast-3x1, ${JSON.stringify(mode)})`, () => {
      const { scenario, config } = fixture('cbcast-3x1');
      const structural = explore(scenario, config, { ...mode, protocol: cbcast });
      const generic = explore(scenario, config, { ...mode, protocol: withoutEncoders(cbcast) });
      expect(structural.result).toBe('ok');
      expect(structural.states).toBe(generic.states);
      expect(structural.transitions).toBe(generic.transitions);
      expect(structural.terminalStates).toBe(generic.terminalStates);
      expect(structural.pathsChecked).toBe(generic.pathsChecked);
    });
  }

  it('hashes what the encoder writes: equal writes give equal lanes, one different word different lanes', () => {
    const writes = (words: readonly (number | string)[]) => (_: unknown, out: StateEncoder) => {
      for (const w of words) if (typeof w === 'number') out.number(w);
      else out.string(w);
    };
    const lanesOf = (words: readonly (number | string)[]): number[] => {
      const protocol = { ...cbcast, encodeState: writes(words) } as AnyProtocol;
      return new StructuralHasher(protocol, new ValueHasher([identityRenaming(['p1'])])).state({}).slice();
    };
    const base = lanesOf([1, 'p1', 0.5, 2 ** 40]);
    expect(lanesOf([1, 'p1', 0.5, 2 ** 40])).toEqual(base);
    for (const other of [[2, 'p1', 0.5, 2 ** 40], [1, 'p2', 0.5, 2 ** 40], [1, 'p1', 0.25, 2 ** 40], [1, 'p1', 0.5, 0], [1, 'p1', 0.5], ['p1', 1, 0.5, 2 ** 40]]) {
      expect(lanesOf(other), JSON.stringify(other)).not.toEqual(base);
    }
  });
});
