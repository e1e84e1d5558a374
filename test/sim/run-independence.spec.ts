// Library users run many scenarios in one process: a run must not depend on
// what ran before it there (the protocol registry, caches, pools, memo
// tables, the coverage session). Scenario A, other work, then A again: A's
// two traces are byte-identical, and so is an explorer result run twice.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explore, loadExploreScenario, type ExploreResult } from '../../sim/explore/index.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { runScenario, type RunOptions } from '../../sim/run.ts';
import { loadScenarioFile } from '../../sim/scenario-files.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import { shrinkScenario } from '../../sim/shrink.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { cliInProcess } from '../cli/cli-harness.ts';
import '../fixtures/flood-plugin.ts';

const scenario = (file: string, seed = 1): Scenario => loadScenarioFile(file).forSeed(seed);

function traceOf(s: Scenario, seed: string, options: Omit<RunOptions, 'seed' | 'traceSink'> = {}): string {
  const sink = new MemoryTraceSink();
  runScenario(s, { ...options, seed, traceSink: sink });
  return sink.lines.join('\n');
}

/** The flood plugin's trace, written by an in-process `vsynclab run --plugin` (the plugin registers `test-flood`). */
async function pluginTrace(dir: string, name: string): Promise<string> {
  const file = join(dir, `${name}.jsonl`);
  const r = await cliInProcess('run', '--plugin', 'test/fixtures/flood-plugin.ts', 'test/fixtures/scenarios/flood-lossy.json', '--seed', '4', '--trace-out', file);
  expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  return readFileSync(file, 'utf8');
}

/** What an exploration found, without its wall-clock and memory readings. */
function exploration(file: string, symmetry: boolean): Record<string, unknown> {
  const { scenario: s, config } = loadExploreScenario(file);
  const r: ExploreResult = explore(s, config, { por: true, symmetry, maxStates: 1_000 });
  const { result, bound, states, transitions, depth, terminalStates, pathsChecked } = r;
  return { result, bound, states, transitions, depth, terminalStates, pathsChecked, counterexample: r.counterexample?.lines ?? null };
}

describe('a run does not depend on what ran before it in the process', () => {
  it('scenario A, then B, then A: the two traces of A are byte-identical', () => {
    const a = scenario('scenarios/isis-member-crash.json');
    const b = scenario('scenarios/isis-join-under-load.json');
    const first = traceOf(a, '1');
    const other = traceOf(b, '2');
    const again = traceOf(a, '1');
    expect(first.length).toBeGreaterThan(10_000);
    expect(other).not.toBe(first);
    expect(again).toBe(first);
  });

  it('across protocols, mutants, plugins, the explorer, the shrinker and coverage, A and a plugin run write the same bytes again', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-independence-'));
    const a = scenario('scenarios/isis-sequencer-crash.json');
    const aFirst = traceOf(a, '3');
    const floodFirst = await pluginTrace(dir, 'flood-first');
    const staticFirst = exploration('scenarios/explore/cbcast-3x2.json', true);

    // Other work: another protocol, a mutant, the explorer with and without symmetry, a shrink, a run with coverage.
    const cascading = scenario('scenarios/isis-cascading-crashes.json');
    traceOf(scenario('scenarios/isis-cbcast-static.json'), '1');
    traceOf(cascading, '1', mutantRunOptions(cascading, 'fifo-gap'));
    exploration('scenarios/explore/isis-crash-3x0.json', false);
    const failing = scenario('test/fixtures/scenarios/flood-lossy.json');
    shrinkScenario(failing, { seed: '4', maxAttempts: 3 });
    const coverage = await cliInProcess('run', 'scenarios/isis-member-crash.json', '--seed', '2', '--coverage', '--coverage-out', join(dir, 'coverage'));
    expect(coverage.status, coverage.stderr).toBe(0);

    expect(traceOf(a, '3')).toBe(aFirst);
    expect(await pluginTrace(dir, 'flood-again')).toBe(floodFirst);
    expect(exploration('scenarios/explore/cbcast-3x2.json', true)).toEqual(staticFirst);
  });
});
