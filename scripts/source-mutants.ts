// Source-level mutation testing of a protocol against a scenario suite (not
// part of npm test: each mutation is a fresh process running the suite).
//
// protocol/mutants/ holds hand-written bugs, each behind a switch of the
// stack. This script asks the complementary question, the way Stryker or
// PIT do: change one operator or literal anywhere in the protocol's source
// (`<` to `<=`, `===` to `!==`, `&&` to `||`, `true` to `false`, a `!`
// dropped, `n + 1` to `n`...), run the suite on that source, and list the
// changes the suite does not notice. Each survivor is either an equivalent
// change (no behaviour differs) or a region the suite does not drive.
//
//   npx tsx scripts/source-mutants.ts [--files protocol/isis/a.ts,b.ts]
//       [--sample N] [--seed S] [--timeout-s T] [--at FILE:LINE[:COL],...]
//       [--from K] [--to K] [-- RUN-ARGS...]
//
// --files  the files to mutate (default: every protocol/isis/*.ts)
// --sample how many mutation sites to try, drawn with a seeded shuffle
//          (default: all of them)
// --at     only the sites at these places (`protocol/isis/a.ts:97` every
//          site of that line, `...:97:40` the one at that column), to
//          re-run the survivors of a log against a new scenario
// --from   skip the first K-1 tries of the (shuffled) list, to resume a run
//          that was stopped at try K (the same --seed and --sample)
// --to     stop after try K: with --from, two copies of the tree can share
//          one sample (1..60 in one, 61..120 in the other)
// --list   print the chosen sites (FILE:LINE:COL from -> to) and run nothing
// --timeout-s  a suite run longer than this (default 60) counts as `timeout`
// RUN-ARGS what `vsynclab run` is given (default: nothing, so the default
//          suite with each scenario's own seeds)
// --at, --from and --to apply to the list --seed and --sample drew.
// The file under mutation is restored after each try, and on Ctrl-C or
// SIGTERM mid-run (the suite is killed first). The script edits the source
// tree it runs in: one at a time per checkout, and no hand edits meanwhile
// (run it in a copy of the worktree to go on working).
// Output: one line per try (caught / SURVIVED / timeout / error) and the
// survivors again at the end. Exit status 0.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import ts from 'typescript';
import seedrandom from 'seedrandom';

interface Site {
  file: string;
  start: number;
  end: number;
  from: string;
  to: string;
  line: number;
  column: number;
}

const ROOT = new URL('..', import.meta.url).pathname;
const argv = process.argv.slice(2);
const dashDash = argv.indexOf('--');
const own = dashDash < 0 ? argv : argv.slice(0, dashDash);
const runArgs = dashDash < 0 ? [] : argv.slice(dashDash + 1);

function flag(name: string): string | undefined {
  const at = own.indexOf(name);
  return at < 0 ? undefined : own[at + 1];
}

const files = (flag('--files')?.split(',') ?? defaultFiles()).map((f) => join(ROOT, f));
const sample = flag('--sample') === undefined ? Infinity : Number(flag('--sample'));
const seed = flag('--seed') ?? '1';
const timeoutMs = Number(flag('--timeout-s') ?? '60') * 1000;
const places = flag('--at')?.split(',') ?? null;
const from = Number(flag('--from') ?? '1');
const to = Number(flag('--to') ?? 'Infinity');

function defaultFiles(): string[] {
  return readdirSync(join(ROOT, 'protocol/isis'))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => `protocol/isis/${name}`);
}

const SWAPS: Partial<Record<ts.SyntaxKind, string[]>> = {
  [ts.SyntaxKind.LessThanToken]: ['<='],
  [ts.SyntaxKind.LessThanEqualsToken]: ['<'],
  [ts.SyntaxKind.GreaterThanToken]: ['>='],
  [ts.SyntaxKind.GreaterThanEqualsToken]: ['>'],
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: ['!=='],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: ['==='],
  [ts.SyntaxKind.AmpersandAmpersandToken]: ['||'],
  [ts.SyntaxKind.BarBarToken]: ['&&'],
  [ts.SyntaxKind.PlusToken]: ['-'],
  [ts.SyntaxKind.MinusToken]: ['+'],
};

/** Every mutation site of one file: binary operators, booleans, `!`, and the literals 0 and 1. */
function sitesOf(file: string): Site[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const sites: Site[] = [];
  const add = (start: number, end: number, to: string): void => {
    const at = source.getLineAndCharacterOfPosition(start);
    sites.push({ file, start, end, from: text.slice(start, end), to, line: at.line + 1, column: at.character + 1 });
  };
  const visit = (node: ts.Node): void => {
    // Types, imports and interfaces carry no behaviour.
    if (ts.isTypeNode(node) || ts.isImportDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken;
      const plusString = op.kind === ts.SyntaxKind.PlusToken && (ts.isStringLiteral(node.left) || ts.isStringLiteral(node.right) || ts.isTemplateExpression(node.left) || ts.isTemplateExpression(node.right));
      for (const to of SWAPS[op.kind] ?? []) if (!plusString) add(op.getStart(), op.getEnd(), to);
    } else if (node.kind === ts.SyntaxKind.TrueKeyword) {
      add(node.getStart(), node.getEnd(), 'false');
    } else if (node.kind === ts.SyntaxKind.FalseKeyword) {
      add(node.getStart(), node.getEnd(), 'true');
    } else if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      add(node.getStart(), node.getStart() + 1, '');
    } else if (ts.isNumericLiteral(node) && (node.text === '0' || node.text === '1')) {
      add(node.getStart(), node.getEnd(), node.text === '0' ? '1' : '0');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

function shuffled<T>(items: T[], rngSeed: string): T[] {
  const rng = seedrandom(rngSeed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** How one run of the suite ended: its exit status (null when killed), and its standard error. */
interface RunEnd {
  status: number | null;
  stderr: string;
}

let restore: (() => void) | null = null;
let running: ChildProcess | null = null;
// The runs are awaited (not spawnSync), so a signal is handled mid-run: the
// suite is killed and the file restored, not left mutated.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {
  running?.kill('SIGKILL');
  restore?.();
  process.exit(130);
});

/** Runs the suite on the current source; killed after timeoutMs (status null). */
function runSuite(): Promise<RunEnd> {
  return new Promise((resolve) => {
    // spawn's own timeout kills the suite (no timer of ours: scripts/ is scanned by test/package/nondeterminism.spec.ts).
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/bin-main.ts', 'run', '--workers', '1', '--stop-on-violation', ...runArgs], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    running = child;
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    child.on('close', (status) => {
      running = null;
      resolve({ status, stderr });
    });
  });
}

/** Whether a site is at one of the --at places (a FILE:LINE place takes every column of the line). */
function atPlace(site: Site): boolean {
  if (places === null) return true;
  const line = `${relative(ROOT, site.file)}:${site.line}`;
  return places.some((place) => place === line || place === `${line}:${site.column}`);
}

const all = files.flatMap(sitesOf);
const chosen = shuffled(all, seed).slice(0, sample).filter(atPlace);
process.stdout.write(`${all.length} mutation sites in ${files.length} files; trying ${chosen.length} (seed ${seed}); run args: ${runArgs.join(' ') || '(default suite)'}\n`);
if (own.includes('--list')) {
  for (const site of chosen) process.stdout.write(`${relative(ROOT, site.file)}:${site.line}:${site.column}  ${site.from} -> ${site.to || '(removed)'}\n`);
  process.exit(0);
}
const survivors: string[] = [];
const counts = { caught: 0, survived: 0, timeout: 0, error: 0 };
for (const [k, site] of chosen.entries()) {
  if (k + 1 < from || k + 1 > to) continue;
  const original = readFileSync(site.file, 'utf8');
  restore = () => writeFileSync(site.file, original);
  writeFileSync(site.file, original.slice(0, site.start) + site.to + original.slice(site.end));
  const lineText = (original.split('\n')[site.line - 1] ?? '').trim();
  const where = `${relative(ROOT, site.file)}:${site.line}:${site.column}`;
  let verdict: string;
  try {
    const child = await runSuite();
    if (child.status === null) verdict = 'timeout';
    else if (child.status === 0) verdict = 'SURVIVED';
    else if (child.status === 1) verdict = 'caught';
    else verdict = `error (exit ${child.status}: ${child.stderr.split('\n')[0]?.slice(0, 120) ?? ''})`;
  } finally {
    restore();
    restore = null;
  }
  if (verdict === 'SURVIVED') {
    counts.survived++;
    survivors.push(`${where}  ${site.from} -> ${site.to || '(removed)'}  | ${lineText}`);
  } else if (verdict === 'caught') counts.caught++;
  else if (verdict === 'timeout') counts.timeout++;
  else counts.error++;
  process.stdout.write(`[${k + 1}/${chosen.length}] ${verdict.padEnd(8)} ${where}  ${site.from} -> ${site.to || '(removed)'}  | ${lineText}\n`);
}
process.stdout.write(`\ncaught ${counts.caught}, survived ${counts.survived}, timeout ${counts.timeout}, error ${counts.error}\n`);
for (const line of survivors) process.stdout.write(`SURVIVED ${line}\n`);
