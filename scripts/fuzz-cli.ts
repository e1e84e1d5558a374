// An adversarial audit of the inputs that are neither scenario nor trace
// contents (issue 10, session 9; not part of npm test), in the style of
// scripts/fuzz-scenarios.ts and scripts/fuzz-traces.ts. Four sections:
//
// - suites: suite folders and paths given to run, list, mutants and hunt
//   (empty, non-JSON files, nested folders, a file and its folder, one name
//   in two files, symlink loops, missing paths, /dev/null, a FIFO, a folder
//   named *.json, huge files, BOM, CRLF, UTF-16, names with escapes);
// - plugins: --plugin modules (missing, a folder, a syntax error, throws at
//   import, registers nothing, a bad registration, a name of a built-in,
//   a factory that throws or returns no protocol, handlers that return bad
//   effects or state, loop forever, await forever);
// - flags: every flag of every command given wrong values (empty, -1, 0,
//   1.5, words, 1e999, 10,000 characters, escape sequences), twice, unknown
//   flags, missing and extra positional arguments;
// - explore: a counterexample written by `explore` given to check, view,
//   inspect, replay and shrink, whole and cut.
//
// Each case runs in-process (test/cli/cli-harness.ts), except the few that
// can hang a process (a FIFO, a handler that never returns), which spawn the
// compiled CLI (bin/vsynclab.js; `npm run build` first) with a time limit.
// Flagged: an exit other than 0, 1 or 2; a stack trace or an internal error;
// an exit 2 whose standard error is not one line, or does not name what the
// case says it must (the file, the flag); a control character of an input
// that reaches standard output or error raw; an input the case says must be
// refused that is taken (exit 0 or 1), or one it says is valid that is
// refused; a spawned case still running after its time limit.
//
//   npx tsx scripts/fuzz-cli.ts [--sections suites,plugins,flags,explore] [--no-spawn] [--verbose]
//
// --no-spawn leaves out the spawned cases (each may wait out its time limit).
//
// Exit status: 0 when nothing was flagged, 1 otherwise. The cases of each
// section are built in scripts/fuzz-cli/ (one file a section, shared.ts for
// the temporary folder, the case shape and the fixture writers).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cliInProcess } from '../test/cli/cli-harness.ts';
import { ALL_SECTIONS, EXPLORE_FIXTURES, EXPLORE_PLUGIN, RAW_CONTROL, ROOT, STACK_FRAME, cex, dir, text, write, type Case, type Outcome, type Section } from './fuzz-cli/shared.ts';
import { suiteCases } from './fuzz-cli/suites.ts';
import { pluginCases } from './fuzz-cli/plugins.ts';
import { flagCases } from './fuzz-cli/flags.ts';
import { exploreCases } from './fuzz-cli/explore.ts';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const noSpawn = args.includes('--no-spawn');
const sections: readonly Section[] = args.includes('--sections')
  ? (args[args.indexOf('--sections') + 1] ?? '').split(',').filter((s): s is Section => (ALL_SECTIONS as readonly string[]).includes(s))
  : ALL_SECTIONS;

async function cli(c: Case): Promise<Outcome> {
  if (c.spawnMs !== undefined) {
    const [command, argv] = c.bash !== undefined ? ['bash', ['-c', c.bash]] : [process.execPath, [join(ROOT, 'bin/vsynclab.js'), ...c.argv]];
    const r = spawnSync(command, argv, {
      encoding: 'utf8', timeout: c.spawnMs, killSignal: 'SIGKILL', env: { ...process.env, FORCE_COLOR: '0' }, cwd: dir,
    });
    if (r.error !== undefined || r.signal !== null) return { status: -2, stdout: r.stdout ?? '', stderr: `still running after ${c.spawnMs} ms (${r.signal ?? r.error?.message})` };
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }
  try {
    const { status, stdout, stderr } = await cliInProcess(...c.argv);
    return { status: status ?? -1, stdout, stderr };
  } catch (error) {
    return { status: -1, stdout: '', stderr: `escaped runCli: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  } finally {
    process.exitCode = 0;
  }
}

// ---------------------------------------------------------------- judge

function judge(c: Case, r: Outcome): string | null {
  if (r.status === -2) return 'hangs';
  // explore's third verdict: unknown (a bound was hit).
  const verdicts = c.argv[0] === 'explore' ? [0, 1, 2, 4] : [0, 1, 2];
  if (!verdicts.includes(r.status)) return `exit ${r.status}`;
  if (STACK_FRAME.test(r.stderr)) return 'a stack trace or an internal error';
  if (RAW_CONTROL.test(r.stderr.replace(/\r?\n/g, '')) || RAW_CONTROL.test(r.stdout.replace(/\r?\n|\t/g, ''))) return 'a raw control character in the output';
  if (r.status === 2) {
    const lines = r.stderr.trimEnd().split('\n');
    if (lines.length !== 1 && !listOfProblems(lines)) return 'more than one line';
    for (const part of c.mentions ?? []) if (!r.stderr.includes(part)) return `the message does not name ${JSON.stringify(part.slice(-40))}`;
    if (c.expect === 'accept') return 'a valid input refused';
    return null;
  }
  if (c.expect === 'refuse' && !(c.orNote !== undefined && r.stderr.includes(c.orNote))) return `taken (exit ${r.status})`;
  return null;
}

/** Several problems of one file: a first line naming it and one line per problem (as for scenario files). */
function listOfProblems(lines: readonly string[]): boolean {
  return lines.slice(1).every((l) => /^\s+\S/.test(l));
}

async function main(): Promise<void> {
  // A trace and a report for the flag cases.
  const flagScenario = write('trace-src.json', text('fuzz-trace-src'));
  const trace = join(dir, 'flags-trace.jsonl');
  const rec = await cli({ section: 'flags', what: 'record', argv: ['replay', '--scenario', flagScenario, '--seed', '1', '--trace-out', trace], expect: 'either' });
  if (rec.status !== 0) throw new Error(`recording: ${rec.stderr}`);
  const ex = await cli({ section: 'explore', what: 'record', argv: ['explore', join(EXPLORE_FIXTURES, 'scenarios/broken-cbcast-3x2.json'), '--plugin', EXPLORE_PLUGIN, '--out', cex], expect: 'either' });
  if (ex.status !== 1) throw new Error(`explore did not write a counterexample: exit ${ex.status} ${ex.stderr}`);
  const rep = await cli({ section: 'flags', what: 'report', argv: ['run', flagScenario, '--workers', '1', '--reporter', 'json', '--report-file', join(dir, 'flags-report.json')], expect: 'either' });
  if (rep.status !== 0) throw new Error(`report: ${rep.stderr}`);

  const cases: Case[] = [];
  if (sections.includes('suites')) cases.push(...suiteCases());
  if (sections.includes('plugins')) cases.push(...pluginCases());
  if (sections.includes('flags')) cases.push(...flagCases());
  if (sections.includes('explore')) cases.push(...(await exploreCases()));

  const findings: { c: Case; problem: string; stderr: string }[] = [];
  const tally = new Map<string, number>();
  for (const c of cases) {
    if (noSpawn && c.spawnMs !== undefined) continue;
    const r = await cli(c);
    const problem = judge(c, r);
    const key = `${c.section} exit ${r.status}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
    if (problem !== null) findings.push({ c, problem, stderr: (r.stderr.trimEnd() || r.stdout.trimEnd()).slice(0, 300) });
    if (verbose) console.log(`${c.section}: ${c.what}: exit ${r.status} ${JSON.stringify(r.stderr.trimEnd().split('\n')[0]?.slice(0, 200) ?? '')}`);
  }
  for (const section of sections) {
    const mine = findings.filter((f) => f.c.section === section);
    const all = cases.filter((c) => c.section === section).length;
    console.log(`== ${section}: ${all} cases, ${mine.length} flagged`);
    for (const f of mine) console.log(`  ${f.c.what}: ${f.problem}\n    ${JSON.stringify(f.stderr.split('\n')[0] ?? '').slice(0, 240)}`);
  }
  const statuses = [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key}: ${n}`).join(', ');
  console.log(`${cases.length} cases (${sections.join(', ')}); ${findings.length} flagged`);
  console.log(statuses);
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = findings.length === 0 ? 0 : 1;
}

await main();
