// Reading scenario files and suites from disk. A suite is a folder of
// scenario files; its `regressions/` subfolder (shrunk failures that must
// stay fixed) always runs with it. Other subfolders (soak/, explore/) are
// suites of their own and run only when named.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../scenarios/types.ts';
import { validateScenario } from '../scenarios/validate.ts';
import { checkTimedRun } from '../scenarios/run-bounds.ts';
import { validateGeneratorFile } from '../scenarios/validate-generator.ts';
import { generateScenario } from '../scenarios/generator.ts';
import { Rng } from './rng.ts';
import { InputError } from '../traces/input-error.ts';
import { checkScenarioFileKind, parseScenarioJson, readScenarioText } from './scenario-json.ts';
import { checkExplorable, parseExploreConfig } from './explore/config.ts';
import { buildProtocol } from './resolve-protocol.ts';

export { parseScenarioJson, readScenarioText };

/** A scenario file: one fixed scenario, or a generator of one per seed. */
export interface LoadedScenario {
  /** The file as given (or found in a suite), for messages and replay commands. */
  file: string;
  name: string;
  description: string;
  /** The seeds a plain run uses. */
  seeds: number[];
  /** The concrete scenario a seed runs. */
  forSeed(seed: number): Scenario;
  /** Where the file names its protocol: `protocol`, or `generate.protocol` in a generator. */
  protocolField: string;
}

// Compiled, this module runs from dist/sim/; the scenario JSON stays at the package root.
const SIM_DIR = dirname(fileURLToPath(import.meta.url));
const PACKAGE_ROOT = basename(dirname(SIM_DIR)) === 'dist' ? resolve(SIM_DIR, '..', '..') : resolve(SIM_DIR, '..');

/** The package's scenarios/ folder: the default suite. */
export const DEFAULT_SUITE_DIR = resolve(PACKAGE_ROOT, 'scenarios');

/** `named`: the user named this file (a FIFO is read); false for a file found in a suite folder. */
export function loadScenarioFile(path: string, named = true): LoadedScenario {
  checkScenarioFileKind(path, named);
  return parseScenarioText(readScenarioText(path), path);
}

export function parseScenarioText(text: string, file: string): LoadedScenario {
  const value = parseScenarioJson(text, file);
  if (typeof value === 'object' && value !== null && 'generate' in value) {
    const g = validateGeneratorFile(value, file);
    return {
      file,
      name: g.name,
      description: g.description,
      seeds: g.seeds,
      protocolField: 'generate.protocol',
      forSeed: (seed) => {
        const scenario = generateScenario(g.name, g.description, g.generate, new Rng(`generate/${seed}`));
        return { ...scenario, seeds: [seed] };
      },
    };
  }
  const scenario = validateScenario(value, file);
  checkTimedRun(scenario, file);
  const explore = (value as Record<string, unknown>).explore;
  if (explore !== undefined) {
    // `run` ignores the block, but it must be one `explore` accepts: the same validator.
    // With the block itself, so its `senders` are checked against the scenario's processes too.
    checkExplorable(scenario, file, parseExploreConfig(explore, file));
  }
  return {
    file, name: scenario.name, description: scenario.description, seeds: scenario.seeds, protocolField: 'protocol', forSeed: () => scenario,
  };
}

/**
 * Builds each scenario's protocol once, so an unknown protocol name or a bad
 * option is reported with the file and field before any run starts. Call it
 * after the plugins are loaded (they register protocols).
 */
export function checkProtocols<T extends LoadedScenario>(scenarios: readonly T[]): readonly T[] {
  for (const loaded of scenarios) {
    const scenario = loaded.forSeed(loaded.seeds[0] ?? 0);
    buildProtocol(scenario.protocol, loaded.file, loaded.protocolField);
  }
  return scenarios;
}

/** Expands files and folders into the scenarios to run, in a stable order. */
export function loadScenarios(paths: readonly string[]): LoadedScenario[] {
  const files: { file: string; named: boolean }[] = [];
  const wanted = paths.length > 0 ? paths : [DEFAULT_SUITE_DIR];
  for (const path of wanted) {
    if (!existsSync(path)) throw new InputError(`${path}: no such scenario file or suite folder`);
    if (statSync(path).isDirectory()) files.push(...suiteFiles(path).map((file) => ({ file, named: false })));
    else files.push({ file: path, named: true });
  }
  if (files.length === 0) {
    const nested = wanted.some((path) => statSync(path).isDirectory() && readdirSync(path, { withFileTypes: true }).some((e) => e.isDirectory()));
    throw new InputError(`${wanted.join(', ')}: no scenario files (*.json) found${nested ? ' (a subfolder other than regressions/ is a suite of its own: name it)' : ''}`);
  }
  // A file found in a folder was not named by the user: a FIFO there would hang the run unseen.
  const loaded = files.map(({ file, named }) => ({ ...loadScenarioFile(file, named), file: displayPath(file) }));
  checkUniqueNames(loaded);
  return loaded;
}

/** Trace files, reports and replay commands are keyed by scenario name: two files may not share one. */
function checkUniqueNames(scenarios: readonly LoadedScenario[]): void {
  const fileOf = new Map<string, string>();
  for (const { name, file } of scenarios) {
    const first = fileOf.get(name);
    if (first === undefined) {
      fileOf.set(name, file);
      continue;
    }
    const what = resolve(first) === resolve(file) ? `the file ${file} is given twice` : `both ${first} and ${file} are named ${JSON.stringify(name)}`;
    throw new InputError(`${file}: name: expected a scenario name used once in a run, but ${what}`);
  }
}

function suiteFiles(dir: string): string[] {
  const jsonIn = (d: string): string[] =>
    readdirSync(d)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(d, name));
  const regressions = join(dir, 'regressions');
  return [...jsonIn(dir), ...(existsSync(regressions) ? jsonIn(regressions) : [])];
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
