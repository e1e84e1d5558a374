import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArb } from '../../../scenarios/arbitraries/index.ts';
import { validateScenario } from '../../../scenarios/validate.ts';

describe('scenarioArb', () => {
  it('generates scenarios that pass validation unchanged', () => {
    fc.assert(
      fc.property(scenarioArb({ processes: 5 }), (s) => {
        expect(validateScenario(JSON.parse(JSON.stringify(s)), 'generated')).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });

  it('crashes, restarts and leaves together touch at most a minority of the hosts', () => {
    fc.assert(
      fc.property(scenarioArb({ processes: 5, maxFaults: 12 }), (s) => {
        const hit = new Set((s.faults?.schedule ?? []).flatMap((f) => (f.type === 'crash' || f.type === 'restart' ? [f.host] : [])));
        for (const l of s.workload.leaves ?? []) hit.add(l.host);
        for (const f of s.faults?.schedule ?? []) {
          if (f.type !== 'partition') continue;
          const largest = f.groups.reduce((a, b) => (b.length > a.length ? b : a), []);
          for (let k = 1; k <= 5; k++) if (!largest.includes(`p${k}`)) hit.add(`p${k}`);
        }
        expect(hit.size).toBeLessThanOrEqual(2);
      }),
      { numRuns: 200 },
    );
  });

  it('is reproducible from a seed and draws every fault type', () => {
    const a = fc.sample(scenarioArb({ processes: 4, keepMajority: false }), { seed: 42, numRuns: 30 });
    const b = fc.sample(scenarioArb({ processes: 4, keepMajority: false }), { seed: 42, numRuns: 30 });
    expect(a).toEqual(b);
    const types = new Set(a.flatMap((s) => (s.faults?.schedule ?? []).map((f) => f.type)));
    expect([...types].sort()).toEqual(['crash', 'heal', 'link', 'link-reset', 'partition', 'restart']);
  });
});
