// Paths of the files a suite writes under a folder (`--out`). Kept apart
// from plan.ts so worker threads import nothing more than they need.
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../../traces/input-error.ts';

/** Where the trace of a failing run goes: `<outDir>/<scenario>-seed<N>.jsonl`. */
export function failingTracePath(outDir: string, scenarioName: string, seed: number): string {
  return fileUnder(outDir, `${scenarioName}-seed${seed}.jsonl`);
}

/**
 * `dir/fileName`, refusing any name that would leave `dir` (a separator,
 * `..`). Scenario names are validated to be plain file names; this is the
 * second lock, for names that did not come through validation.
 */
export function fileUnder(dir: string, fileName: string): string {
  const path = join(dir, fileName);
  const inside = relative(resolve(dir), resolve(path));
  if (fileName.includes('/') || fileName.includes('\\') || inside === '' || inside.split(sep)[0] === '..' || isAbsolute(inside)) {
    throw new InputError(`${JSON.stringify(fileName)}: expected a plain file name inside ${dir}, not a path that leaves it`);
  }
  return path;
}
