// Mutations give valid scenarios, differ from their parent, and depend only on the seed.
import { describe, expect, it } from 'vitest';
import { mutate, switchesOf, type Candidate } from '../../../sim/hunt/mutate.ts';
import { StrikeCoverage } from '../../../sim/hunt/strike-coverage.ts';
import { takenOut } from '../../../sim/hunt/strike-mutation.ts';
import { Rng } from '../../../sim/rng.ts';
import { isValidScenario } from '../../../scenarios/validate.ts';
import { loadScenarios } from '../../../sim/scenario-files.ts';

const suite = loadScenarios(['scenarios/isis-uniform.json', 'scenarios/isis-voluntary-leave.json', 'scenarios/isis-coordinator-crash-during-flush.json']);
// Uniform seed 4: random faults of every kind (seed 1 draws a strike that keeps the stage quiet).
const candidates: Candidate[] = suite.map((s) => ({ scenario: s.forSeed(4), seed: 1, changes: [] }));
const switches = switchesOf(candidates.map((c) => c.scenario));

function children(seed: string, n: number): Candidate[] {
  const rng = new Rng(seed);
  const out: Candidate[] = [];
  for (let k = 0; k < n; k++) out.push(mutate(candidates[k % candidates.length]!, candidates, switches, rng)!);
  return out;
}

describe('mutate', () => {
  it('takes its switches from the scenarios: every random fault kind and order they name', () => {
    expect(switches.faultKinds).toEqual(expect.arrayContaining(['crash', 'partition', 'restart']));
    expect(switches.orders).toEqual(['causal', 'fifo', 'total']);
    // The notes their fault triggers name: what aimed faults start from before any run.
    expect(switches.notes).toContain('view-change-begin');
  });

  it('aims faults at protocol notes, re-aims them, scales the load and crosses workloads over', () => {
    const kinds = new Set(children('m5', 120).flatMap((c) => c.changes.map((w) => w.split(' ')[0])));
    expect(kinds).toContain('load');
    expect([...kinds].some((k) => ['isolate', 'crash', 'slow-link', 'dead-link', 'cut-pair'].includes(k!))).toBe(true);
    expect([...kinds].some((w) => w === 'workload')).toBe(true);
  });

  it('makes valid scenarios that differ from their parent, saying how', () => {
    const made = children('m1', 60);
    for (const [k, child] of made.entries()) {
      const parent = candidates[k % candidates.length]!;
      expect(isValidScenario(child.scenario)).toBe(true);
      expect(child.changes.length).toBeGreaterThan(0);
      expect(JSON.stringify([child.scenario, child.seed])).not.toBe(JSON.stringify([parent.scenario, parent.seed]));
    }
    const kinds = new Set(made.flatMap((c) => c.changes.map((w) => w.split(' ')[0])));
    expect(kinds.size).toBeGreaterThanOrEqual(5);
  });

  it('a quiet strike (a race timed in steps, its stage cleared) is the candidate\'s last change, and says so', () => {
    const strikes = new StrikeCoverage();
    const rng = new Rng('quiet-last');
    let quiet = 0;
    for (let k = 0; k < 200; k++) {
      const child = mutate(candidates[0]!, candidates, switches, rng, strikes);
      if (child?.quietStrike !== true) continue;
      quiet++;
      expect(child.changes[child.changes.length - 1]).toMatch(/^strike /);
      expect(child.scenario.faults?.random).toBeUndefined();
    }
    expect(quiet).toBeGreaterThan(5);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(JSON.stringify(children('m2', 20))).toBe(JSON.stringify(children('m2', 20)));
    expect(JSON.stringify(children('m2', 20))).not.toBe(JSON.stringify(children('m3', 20)));
  });

  it('with a strike tally, adds strike variants it names in addedStrikes, spread over the variants', () => {
    const rng = new Rng('steer');
    const strikes = new StrikeCoverage();
    const added: string[] = [];
    for (let k = 0; k < 80; k++) {
      const child = mutate(candidates[k % candidates.length]!, candidates, switches, rng, strikes)!;
      const keys = child.addedStrikes ?? [];
      // A tour candidate's change may stage several strikes at once ('strikes a; b': tour-strikes.ts).
      const staged = child.changes.map((c) => (c.startsWith('strikes ') ? c.split('; ').length : c.startsWith('strike ') ? 1 : 0));
      expect(staged.reduce((n, x) => n + x, 0)).toBe(keys.length);
      strikes.record(keys, false, []);
      added.push(...keys);
    }
    expect(added.length).toBeGreaterThan(10);
    // Untried variants come first: few repeats among the first strikes.
    expect(new Set(added.slice(0, 10)).size).toBeGreaterThanOrEqual(8);
  });

  it('never changes its parent', () => {
    const before = JSON.stringify(candidates);
    children('m4', 30);
    expect(JSON.stringify(candidates)).toBe(before);
  });
  it.each(['scenarios/isis-external-detector.json', 'scenarios/isis-reliable-unbatched.json', 'scenarios/isis-fbcast-static-reliable-network.json', 'scenarios/isis-cascading-crashes.json'])(
    '%s (the external failure detector, a network declared reliable, or take-outs past a minority that rely on each view change finishing in time) gets new seeds and orders only: its faults, links, load and membership stay',
    (file) => {
      const [loaded] = loadScenarios([file]);
      const parent: Candidate = { scenario: loaded!.forSeed(1), seed: 1, changes: [] };
      const strikes = new StrikeCoverage();
      const rng = new Rng('external');
      const kinds = new Set<string>();
      for (let k = 0; k < 200; k++) {
        const child = mutate(parent, candidates, switches, rng, strikes);
        if (child === null) continue;
        for (const change of child.changes) kinds.add(change.split(' ')[0]!);
        const { workload: childWorkload, ...childRest } = child.scenario;
        const { workload: parentWorkload, ...parentRest } = parent.scenario;
        expect(childRest).toEqual(parentRest);
        expect({ ...childWorkload, orders: undefined }).toEqual({ ...parentWorkload, orders: undefined });
      }
      expect(kinds.has('seed')).toBe(true);
      expect([...kinds].every((k) => k === 'seed' || ['causal', 'fifo', 'total'].includes(k))).toBe(true);
    },
  );
  it('takes out no more hosts than a minority, or than the parent already did, except by a strike (which keeps its own budget)', () => {
    const [leavers] = loadScenarios(['scenarios/isis-leavers-outnumber.json']);
    const parents: Candidate[] = [...candidates, { scenario: leavers!.forSeed(1), seed: 1, changes: [] }];
    const rng = new Rng('budget');
    let checked = 0;
    for (let k = 0; k < 400; k++) {
      const parent = parents[k % parents.length]!;
      const child = mutate(parent, parents, switches, rng);
      if (child === null || child.addedStrikes !== undefined) continue;
      checked++;
      expect(takenOut(child.scenario)).toBeLessThanOrEqual(Math.max(Math.floor((parent.scenario.processes - 1) / 2), takenOut(parent.scenario)));
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('gives a static group (no membership service) no take-out and no strike: it cannot exclude a crashed member', () => {
    const [cbcastStatic, crashes] = loadScenarios(['scenarios/isis-cbcast-static.json', 'scenarios/isis-crash-before-settle.json']);
    const parent: Candidate = { scenario: cbcastStatic!.forSeed(1), seed: 1, changes: [] };
    // A donor with crashes to splice from, the random fault kinds of isis-uniform to switch on, and a strike tally that asks for strikes.
    const donors: Candidate[] = [parent, { scenario: crashes!.forSeed(1), seed: 1, changes: [] }];
    const rng = new Rng('static');
    const strikes = new StrikeCoverage();
    let made = 0;
    for (let k = 0; k < 300; k++) {
      const child = mutate(parent, donors, switches, rng, strikes);
      if (child === null) continue;
      made++;
      expect(child.addedStrikes).toBeUndefined();
      expect(takenOut(child.scenario)).toBe(0);
      expect(child.scenario.faults?.random).toBeUndefined();
    }
    expect(made).toBeGreaterThan(100);
  });
});
