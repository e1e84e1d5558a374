// What a hunt leaves on disk, under its --out folder: findings/ (each
// failing scenario as found, and shrunk, with its trace), corpus/ (every
// kept candidate as a scenario file of its one seed, so `vsynclab run
// OUT/corpus` runs them again), and the coverage report.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../scenarios/types.ts';
import { writeShrinkResult, type ShrinkFiles } from '../shrink-files.ts';
import { mutantRunOptions } from '../mutant-run.ts';
import type { HuntFinding, KeptCandidate } from './hunt.ts';

export interface FindingFiles {
  /** The failing scenario as the hunt ran it (its one seed). */
  scenarioPath: string;
  shrunk: ShrinkFiles | null;
}

/** Scenario names are at most 100 characters; the suffix says which run made it. */
function huntName(name: string, suffix: string): string {
  return `${name.slice(0, 100 - suffix.length)}${suffix}`;
}

export function writeFinding(outDir: string, finding: HuntFinding, mutant: string | undefined): FindingFiles {
  const dir = join(outDir, 'findings');
  mkdirSync(dir, { recursive: true });
  const name = huntName(finding.scenario.name, `-hunt${finding.run}`);
  const scenario: Scenario = {
    ...finding.scenario,
    name,
    description: `Found by vsynclab hunt (run ${finding.run}; from ${finding.file}: ${finding.changes.join(', ') || 'as in the suite'})${mutant !== undefined ? `; fails under mutant ${mutant}` : ''}. ${finding.scenario.description}`,
    seeds: [finding.seed],
  };
  const scenarioPath = join(dir, `${name}-seed${finding.seed}.json`);
  writeFileSync(scenarioPath, `${JSON.stringify(scenario, null, 2)}\n`);
  const shrunk = finding.shrunk === null
    ? null
    : writeShrinkResult({ ...finding.shrunk, original: scenario }, join(dir, `${name}-seed${finding.seed}.shrunk`), String(finding.seed), mutantRunOptions(scenario, mutant));
  return { scenarioPath, shrunk };
}

export function writeCorpus(outDir: string, corpus: readonly KeptCandidate[]): string {
  const dir = join(outDir, 'corpus');
  mkdirSync(dir, { recursive: true });
  for (const entry of corpus) {
    const name = huntName(entry.scenario.name, `-hunt${entry.run}`);
    const scenario: Scenario = {
      ...entry.scenario,
      name,
      description: `Kept by vsynclab hunt at run ${entry.run} (+${entry.freshBranches} branch points, +${entry.freshFacts} trace facts; from ${entry.file}: ${entry.changes.join(', ') || 'as in the suite'}). ${entry.scenario.description}`,
      seeds: [entry.seed],
    };
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(scenario, null, 2)}\n`);
  }
  return dir;
}
