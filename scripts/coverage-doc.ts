// Keeps docs/isis.md's lists of never-run branch points true:
//
//   npx tsx scripts/coverage-doc.ts                      # the default suite's coverage (vsynclab run --coverage), rewrite the doc
//   npx tsx scripts/coverage-doc.ts --from coverage/coverage.json --check
//
// Each listed point is anchored by its file, enclosing function, kind and a
// snippet of its source line (scripts/coverage-doc/anchors.ts); the script
// matches every point the default suite never runs to the entries by
// anchor, rewrites their `file:line:column` in place, recounts each
// group, rewrites the totals line, and reports (exit 1) the points never
// run that no entry explains (with a line to paste into the right group)
// and the entries whose code now runs. An entry written as just
// `- \`file.ts:line:column\` kind` (as `vsynclab run --coverage` prints the
// point) gets its anchor from the sources (`--anchor-at COMMIT`: from that
// commit's, for numbers of an older commit).
//
// --from FILE   a coverage.json of the default suite instead of running it
// --check       write nothing; exit 1 also when the doc is not up to date
// --doc FILE    the doc (default docs/isis.md)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CoverageReport } from '../sim/coverage/report.ts';
import { checkDoc, type DocCheck } from './coverage-doc/check-doc.ts';
import { SourceFile } from './coverage-doc/anchors.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ISIS = 'protocol/isis/';

/** A report's file as the doc names it: relative to protocol/isis/. */
function docFileOf(reportFile: string): string | null {
  const path = reportFile.split(sep).join('/');
  const at = path.lastIndexOf(ISIS);
  return at < 0 ? null : path.slice(at + ISIS.length);
}

/**
 * The default suite's coverage as `vsynclab run --coverage` measures it:
 * the CLI on dist/, whose source maps (tsc's) place a few points at other
 * columns than tsx's would, so the doc's numbers are the ones the CLI prints.
 */
function defaultSuiteCoverage(): CoverageReport {
  if (distIsStale()) {
    process.stderr.write('dist/ is older than the sources: npm run build\n');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const out = mkdtempSync(join(tmpdir(), 'vsynclab-coverage-doc-'));
  try {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'vsynclab.js'), 'run', '--coverage', '--coverage-out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    // Status 1: a run failed; its coverage still counts, but the suite should pass.
    if (run.status === 1) process.stderr.write('coverage-doc: a run of the default suite failed (see above); its coverage is counted all the same\n');
    else if (run.status !== 0) throw new Error(`vsynclab run --coverage: exit status ${run.status ?? run.signal}`);
    return JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as CoverageReport;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const BUILT_DIRS = ['core', 'protocol', 'sim', 'scenarios', 'checkers', 'traces', 'cli'];

/** Whether a TypeScript source is newer than dist/'s last build (as test/build-dist.ts decides). */
function distIsStale(): boolean {
  const info = join(ROOT, 'dist', '.tsbuildinfo');
  if (!existsSync(info)) return true;
  const built = statSync(info).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) => {
      const path = join(dir, e.name);
      return e.isDirectory() ? newer(path) : e.name.endsWith('.ts') && statSync(path).mtimeMs > built;
    });
  return BUILT_DIRS.some((d) => existsSync(join(ROOT, d)) && newer(join(ROOT, d)));
}

function sourcesAt(commit: string | undefined): (file: string) => SourceFile | null {
  const cache = new Map<string, SourceFile | null>();
  return (file) => {
    if (!cache.has(file)) {
      const path = `protocol/isis/${file}`;
      let text: string | null = null;
      try {
        text = commit === undefined ? readFileSync(join(ROOT, path), 'utf8') : execFileSync('git', ['-C', ROOT, 'show', `${commit}:${path}`], { encoding: 'utf8' });
      } catch {
        text = null;
      }
      cache.set(file, text === null ? null : new SourceFile(file, text));
    }
    return cache.get(file)!;
  };
}

function print(check: DocCheck, docPath: string, changed: boolean, wrote: boolean): void {
  const t = check.totals;
  process.stdout.write(`${t.runs} runs: ${t.branches.run} of ${t.branches.total} branch points, ${t.functions.run} of ${t.functions.total} functions, ${t.neverRun} points never run\n`);
  process.stdout.write(`${check.matched} entries of ${docPath} name a point never run`);
  process.stdout.write(check.moved > 0 ? `; ${check.moved} had an old line:column\n` : '; every line:column is current\n');
  if (changed) process.stdout.write(wrote ? `${docPath} rewritten (line numbers, group counts, totals line)\n` : `${docPath} is not up to date (--check: not rewritten)\n`);
  if (check.unexplained.length > 0) {
    process.stdout.write(`\nNever run, and no entry explains it (${check.unexplained.length}); add each line to the group that says why:\n`);
    for (const line of check.unexplained) process.stdout.write(`${line}\n`);
  }
  if (check.stale.length > 0) {
    process.stdout.write(`\nEntries whose code now runs, or changed past its anchor (${check.stale.length}); remove or re-anchor them:\n`);
    for (const line of check.stale) process.stdout.write(`${line}\n`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, check: { type: 'boolean', default: false }, doc: { type: 'string' }, 'anchor-at': { type: 'string' } } });
  const docPath = values.doc ?? join(ROOT, 'docs', 'isis.md');
  const report = values.from !== undefined ? (JSON.parse(readFileSync(values.from, 'utf8')) as CoverageReport) : defaultSuiteCoverage();
  const text = readFileSync(docPath, 'utf8');
  const check = checkDoc(text, report, docFileOf, sourcesAt(undefined), sourcesAt(values['anchor-at']));
  const changed = check.text !== text;
  if (changed && !values.check) writeFileSync(docPath, check.text);
  print(check, relative(process.cwd(), docPath), changed, changed && !values.check);
  const problems = check.unexplained.length > 0 || check.stale.length > 0 || (values.check && changed);
  return problems ? 1 : 0;
}

process.exitCode = await main();
