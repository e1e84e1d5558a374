import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArb } from '../../../scenarios/arbitraries/index.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import { PROCESS_ROLES } from '../../../scenarios/types.ts';

describe('scenarioArb', () => {
  it('generates scenarios that pass validation unchanged', () => {
    fc.assert(
      fc.property(scenarioArb({ processes: 5 }), (s) => {
        expect(validateScenario(JSON.parse(JSON.stringify(s)), 'generated')).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });

  it('crashes, restarts, leaves, isolations, partitions and suspicion-prone links together touch at most a minority', () => {
    const roles: readonly string[] = PROCESS_ROLES;
    fc.assert(
      fc.property(scenarioArb({ processes: 5, maxFaults: 12 }), (s) => {
        // A fault aimed at a role may hit a different host each time: each counts as one more.
        const hit = new Set<string>();
        const add = (target: string, k: number): void => void hit.add(roles.includes(target) ? `${target}#${k}` : target);
        for (const l of s.workload.leaves ?? []) hit.add(l.host);
        (s.faults?.schedule ?? []).forEach((f, k) => {
          if (f.type === 'crash' || f.type === 'restart' || f.type === 'isolate') add(f.host, k);
          if (f.type === 'link' && ((f.delay?.minUs ?? 0) >= 20_000 || (f.lossProbability ?? 0) >= 0.3)) add(f.to, k);
          if (f.type !== 'partition') return;
          const largest = f.groups.reduce((a, b) => (b.length > a.length ? b : a), []);
          for (let j = 1; j <= 5; j++) if (!largest.includes(`p${j}`)) hit.add(`p${j}`);
        });
        // The membership pair's leaver-aimed faults hit the host that leaves (counted once).
        const leavers = new Set((s.workload.leaves ?? []).map((l) => l.host));
        const leaverFaults = [...hit].filter((h) => h.startsWith('leaver#'));
        expect(hit.size - (leavers.size > 0 ? leaverFaults.length : 0)).toBeLessThanOrEqual(2);
      }),
      { numRuns: 300 },
    );
  });

  it('is reproducible from a seed and draws every fault type', () => {
    const a = fc.sample(scenarioArb({ processes: 4, keepMajority: false }), { seed: 42, numRuns: 30 });
    const b = fc.sample(scenarioArb({ processes: 4, keepMajority: false }), { seed: 42, numRuns: 30 });
    expect(a).toEqual(b);
    const types = new Set(a.flatMap((s) => (s.faults?.schedule ?? []).map((f) => f.type)));
    expect([...types].sort()).toEqual(['crash', 'heal', 'isolate', 'link', 'link-reset', 'partition', 'restart']);
  });
});
