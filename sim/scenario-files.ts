// Reading scenario files and suites from disk. A suite is a folder of
// scenario files; its `regressions/` subfolder (shrunk failures that must
// stay fixed) always runs with it. Other subfolders (soak/, explore/) are
// suites of their own and run only when named.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../scenarios/types.ts';
import { validateScenario } from '../scenarios/validate.ts';
import { validateGeneratorFile } from '../scenarios/validate-generator.ts';
import { generateScenario } from '../scenarios/generator.ts';
import { Rng } from './rng.ts';
import { InputError } from '../traces/input-error.ts';

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
}

// Compiled, this module runs from dist/sim/; the scenario JSON stays at the package root.
const SIM_DIR = dirname(fileURLToPath(import.meta.url));
const PACKAGE_ROOT = basename(dirname(SIM_DIR)) === 'dist' ? resolve(SIM_DIR, '..', '..') : resolve(SIM_DIR, '..');

/** The package's scenarios/ folder: the default suite. */
export const DEFAULT_SUITE_DIR = resolve(PACKAGE_ROOT, 'scenarios');

export function loadScenarioFile(path: string): LoadedScenario {
  return parseScenarioText(readScenarioText(path), path);
}

/** The text of a scenario file, or an InputError that names it. */
export function readScenarioText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`${path}: cannot read the scenario file (does it exist?)`);
  }
}

/** JSON.parse, or an InputError with the file and the line of the mistake. */
export function parseScenarioJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}:${jsonErrorLine(text, error)}: not valid JSON (${(error as Error).message})`);
  }
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
      forSeed: (seed) => {
        const scenario = generateScenario(g.name, g.description, g.generate, new Rng(`generate/${seed}`));
        return { ...scenario, seeds: [seed] };
      },
    };
  }
  const scenario = validateScenario(value, file);
  return { file, name: scenario.name, description: scenario.description, seeds: scenario.seeds, forSeed: () => scenario };
}

/** Expands files and folders into the scenarios to run, in a stable order. */
export function loadScenarios(paths: readonly string[]): LoadedScenario[] {
  const files: string[] = [];
  const wanted = paths.length > 0 ? paths : [DEFAULT_SUITE_DIR];
  for (const path of wanted) {
    if (!existsSync(path)) throw new InputError(`${path}: no such scenario file or suite folder`);
    if (statSync(path).isDirectory()) files.push(...suiteFiles(path));
    else files.push(path);
  }
  if (files.length === 0) throw new InputError(`${wanted.join(', ')}: no scenario files (*.json) found`);
  return files.map((file) => ({ ...loadScenarioFile(file), file: displayPath(file) }));
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

/** The 1-based line of a JSON.parse error's "position N", or 1. */
function jsonErrorLine(text: string, error: unknown): number {
  const m = /position (\d+)/.exec(String((error as Error).message));
  if (m === null) return 1;
  const position = Number(m[1]);
  let line = 1;
  for (let k = 0; k < position && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}
