// vitest's global setup: the end-to-end specs spawn bin/vsynclab.js, which
// runs dist/, so dist/ must match the TypeScript sources before any spec
// runs. Rebuilt (incrementally) only when a source is newer than the last
// build, so a run with nothing changed pays a few milliseconds of stat calls.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const BUILD_INFO = 'dist/.tsbuildinfo';
const NOT_BUILT = new Set(['node_modules', 'dist', 'test', 'bench']);
const MAX_DEPTH = 12;

function newestSourceMs(dir: string, depth: number): number {
  let newest = 0;
  if (depth > MAX_DEPTH) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!(depth === 0 && NOT_BUILT.has(entry.name))) newest = Math.max(newest, newestSourceMs(path, depth + 1));
    } else if (entry.name.endsWith('.ts') || (depth === 0 && /^(package|tsconfig.*)\.json$/.test(entry.name))) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

export default function buildDistIfStale(): void {
  if (existsSync(BUILD_INFO) && statSync(BUILD_INFO).mtimeMs >= newestSourceMs('.', 0)) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  process.stdout.write('dist/ is older than the sources: building it (tsc -p tsconfig.build.json, npm run build:vendor, npm run build:bundle)\n');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  // The single-file yargs bundle, as `npm run build` makes it (package.json's build:vendor).
  execFileSync('npm', ['run', '--silent', 'build:vendor'], { stdio: 'inherit' });
  // The single-file CLI and its code cache, which bin/vsynclab.js runs (package.json's build:bundle).
  execFileSync('npm', ['run', '--silent', 'build:bundle'], { stdio: 'inherit' });
  // tsc leaves the file alone when no output changed (a touched source): mark the build as current.
  const now = new Date();
  utimesSync(BUILD_INFO, now, now);
}
