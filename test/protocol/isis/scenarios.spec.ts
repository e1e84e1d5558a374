// Every ISIS scenario file under scenarios/ runs clean in the simulator: all
// properties hold, the run settles, replicas agree. (A plain `vsynclab run`
// does the same over more seeds.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../../sim/scenario-files.ts';
import { describeFailure, runIsis } from './run-helper.ts';

// The fixed scenarios (generator files, which draw a new scenario per seed, are the suite's business).
const files = readdirSync(DEFAULT_SUITE_DIR)
  .filter((f) => f.startsWith('isis-') && f.endsWith('.json'))
  .filter((f) => !('generate' in (JSON.parse(readFileSync(join(DEFAULT_SUITE_DIR, f), 'utf8')) as object)))
  .sort();

describe('ISIS scenario files', () => {
  it('include the scenarios the issue asks for', () => {
    for (const name of [
      'isis-steady-load', 'isis-member-crash', 'isis-coordinator-crash', 'isis-crash-during-flush',
      'isis-coordinator-crash-during-flush', 'isis-cascading-crashes', 'isis-minority-partition',
      'isis-split-old-coordinator-minority', 'isis-join-under-load', 'isis-simultaneous-joins',
      'isis-voluntary-leave', 'isis-heavy-loss', 'isis-duplication-reordering', 'isis-false-suspicion',
      'isis-sequencer-crash',
    ]) {
      expect(files).toContain(`${name}.json`);
    }
  });

  for (const file of files) {
    it(`${file} passes every property on its first seed`, () => {
      const loaded = loadScenarioFile(join(DEFAULT_SUITE_DIR, file));
      const seed = loaded.seeds[0] ?? 1;
      const scenario = loaded.forSeed(seed);
      const run = runIsis(scenario, String(seed));
      expect(run.result.passed, describeFailure(run)).toBe(true);
      expect(run.result.quiescent).toBe(true);
      expect(run.result.replicasAgree === false).toBe(false);
      // A workload capped low on purpose (isis-one-total-order: a lone total-order multicast) must issue all of it.
      const cap = scenario.workload.maxMulticasts;
      if (cap !== undefined && cap <= 50) expect(run.result.multicasts).toBe(cap);
      else expect(run.result.multicasts).toBeGreaterThan(50);
    });
  }
});

describe('what the fault scenarios actually provoke', () => {
  function trace(file: string, seed = 1): Record<string, unknown>[] {
    const loaded = loadScenarioFile(join(DEFAULT_SUITE_DIR, file));
    return runIsis(loaded.forSeed(seed), String(seed), true).lines;
  }

  it('crash during flush: p3 crashes right after its flush reply and is excluded with p5', () => {
    const lines = trace('isis-crash-during-flush.json');
    const okAt = lines.findIndex((l) => l.type === 'note' && l.node === 'p3' && l.text === 'flush-ok');
    const crashAt = lines.findIndex((l) => l.type === 'crash' && l.node === 'p3');
    expect(okAt).toBeGreaterThan(-1);
    expect(crashAt).toBeGreaterThan(okAt);
    const last = lines.filter((l) => l.type === 'view' && l.node === 'p1').at(-1) as { view: { members: string[] } };
    expect(last.view.members).toEqual(['p1', 'p2', 'p4']);
  });

  it('coordinator crash during flush: p2 takes over and every view id has one member list', () => {
    const lines = trace('isis-coordinator-crash-during-flush.json');
    expect(lines.some((l) => l.type === 'note' && l.node === 'p2' && l.text === 'view-change-begin')).toBe(true);
    const byId = new Map<number, string>();
    for (const l of lines) {
      if (l.type !== 'view') continue;
      const v = l.view as { id: number; members: string[] };
      const members = v.members.join(',');
      expect(byId.get(v.id) ?? members).toBe(members);
      byId.set(v.id, members);
    }
    expect([...byId.values()].at(-1)).toBe('p2,p3,p4');
  });

  it('minority partition: the minority is excluded, exits and rejoins as new processes', () => {
    const lines = trace('isis-minority-partition.json');
    const exits = lines.filter((l) => l.type === 'exit').map((l) => `${l.node}:${l.reason}`);
    expect(exits.sort()).toEqual(['p4:excluded', 'p5:excluded']);
    const last = lines.filter((l) => l.type === 'view').at(-1) as { view: { members: string[] } };
    expect(last.view.members).toEqual(expect.arrayContaining(['p1', 'p2', 'p3', 'p4#2', 'p5#2']));
  });

  it('false suspicion: p3 is alive, suspected through the slow link, excluded, and rejoins', () => {
    const lines = trace('isis-false-suspicion.json');
    expect(lines.some((l) => l.type === 'note' && l.node === 'p1' && l.text === 'suspect p3')).toBe(true);
    expect(lines.some((l) => l.type === 'crash')).toBe(false);
    expect(lines.some((l) => l.type === 'exit' && l.node === 'p3' && l.reason === 'excluded')).toBe(true);
    expect(lines.some((l) => l.type === 'view' && (l.view as { members: string[] }).members.includes('p3#2'))).toBe(true);
  });

  it('sequencer crash: p1 crashes after ordering, with total messages it ordered still in flight', () => {
    const lines = trace('isis-sequencer-crash.json');
    const crashAt = lines.findIndex((l) => l.type === 'crash' && l.node === 'p1');
    expect(crashAt).toBeGreaterThan(-1);
    const totalAfter = lines.slice(crashAt).filter((l) => l.type === 'deliver' && l.view === 1);
    expect(totalAfter.length).toBeGreaterThan(0);
  });
});
