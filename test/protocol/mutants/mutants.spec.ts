// Every mutant is caught: for each, a scenario of the default suite and a
// seed (found with `npx vsynclab mutants --json`) on which the mutant fails
// with one of the properties it claims to break, while the real protocol
// passes the same scenario and seed. One run per mutant, plus one clean run
// per distinct (scenario, seed).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIVENESS_PROPERTIES, SAFETY_PROPERTIES } from '../../../checkers/properties.ts';
import { MUTANT_CATCHES } from '../../../protocol/mutants/catches.ts';
import { MUTANTS, mutantByName } from '../../../protocol/mutants/index.ts';
import { mutantRunOptions } from '../../../sim/mutant-run.ts';
import { runScenario, type RunResult } from '../../../sim/run.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../../sim/scenario-files.ts';

const REPO_DIR = join(DEFAULT_SUITE_DIR, '..');

/** Where each mutant is caught (scenario file under scenarios/, seed): protocol/mutants/catches.ts. */
const CAUGHT_BY = MUTANT_CATCHES;

const KNOWN_BREAKS = new Set<string>([...SAFETY_PROPERTIES, ...LIVENESS_PROPERTIES, 'replicas']);

function run(file: string, seed: number, mutant?: string): RunResult {
  const scenario = loadScenarioFile(join(DEFAULT_SUITE_DIR, file)).forSeed(seed);
  // The mutant run stops at its first safety violation, as `vsynclab mutants` does.
  const options = mutant === undefined ? {} : { stopOnViolation: true, ...mutantRunOptions(scenario, mutant) };
  return runScenario(scenario, { seed: String(seed), ...options });
}

/** What a failed run broke: its violated properties, plus "replicas" when the final maps differ. */
function broken(result: RunResult): string[] {
  const out = [...new Set(result.violations.map((v) => v.property))];
  if (result.replicasAgree === false) out.push('replicas');
  return out;
}

describe('mutants', () => {
  it('number at least twenty-five, with unique names and documented metadata', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(MUTANTS.map((m) => m.name)).size).toBe(MUTANTS.length);
    for (const m of MUTANTS) {
      expect(mutantByName(m.name)).toBe(m);
      expect(existsSync(join(REPO_DIR, m.file)), `${m.name}: ${m.file}`).toBe(true);
      expect(m.replaces).toContain('isis');
      expect(m.breaks.length, m.name).toBeGreaterThan(0);
      for (const p of m.breaks) expect(KNOWN_BREAKS.has(p), `${m.name} breaks ${p}`).toBe(true);
      expect(m.summary.length).toBeGreaterThan(10);
      expect(m.imitates.length).toBeGreaterThan(10);
    }
  });

  it('each cite the real bug they are modelled on in their file header', () => {
    for (const m of MUTANTS) {
      const header = readFileSync(join(REPO_DIR, 'protocol', 'mutants', `${m.name}.ts`), 'utf8').split('\nimport ')[0] ?? '';
      expect(header, m.name).toMatch(/^\/\/ Mutant /);
      expect(header, `${m.name}: an "Imitates:" paragraph`).toMatch(/\/\/ Imitates: /);
      // A bug tracker id, an issue or pull request number, or a paper.
      expect(header, `${m.name}: a citation`).toMatch(/[A-Z]+-\d+|#\d+|\(\d{4}\)|\d{4}[),]/);
    }
  });

  it('each have a scenario and seed that catches them', () => {
    expect(Object.keys(CAUGHT_BY).sort()).toEqual(MUTANTS.map((m) => m.name).sort());
  });

  for (const mutant of MUTANTS) {
    const where = CAUGHT_BY[mutant.name];
    if (where === undefined) continue; // reported by the test above
    it(`${mutant.name} is caught by ${where.file} seed ${where.seed} (${mutant.breaks.join(' / ')})`, () => {
      const result = run(where.file, where.seed, mutant.name);
      expect(result.protocol).toBe('isis');
      expect(result.passed, `${mutant.name} survived`).toBe(false);
      expect(result.error).toBeNull();
      const hit = broken(result).filter((p) => mutant.breaks.includes(p));
      expect(hit.length, `${mutant.name} broke ${broken(result).join(', ')} (${result.failure})`).toBeGreaterThan(0);
    });
  }

  const pairs = [...new Set(Object.values(CAUGHT_BY).map((w) => `${w.file}#${w.seed}`))].sort();
  for (const pair of pairs) {
    const [file, seed] = pair.split('#') as [string, string];
    it(`the real protocol passes ${file} seed ${seed}`, () => {
      const result = run(file, Number(seed));
      expect(result.passed, `${result.failure}: ${result.violations.slice(0, 2).map((v) => v.message).join(' | ')}`).toBe(true);
      expect(result.quiescent).toBe(true);
      expect(result.replicasAgree).toBe(true);
    });
  }
});
