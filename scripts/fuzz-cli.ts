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
// Exit status: 0 when nothing was flagged, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { cliInProcess } from '../test/cli/cli-harness.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const noSpawn = args.includes('--no-spawn');
const ALL_SECTIONS = ['suites', 'plugins', 'flags', 'explore'] as const;
type Section = (typeof ALL_SECTIONS)[number];
const sections: readonly Section[] = args.includes('--sections')
  ? (args[args.indexOf('--sections') + 1] ?? '').split(',').filter((s): s is Section => (ALL_SECTIONS as readonly string[]).includes(s))
  : ALL_SECTIONS;
const dir = mkdtempSync(join(tmpdir(), 'vsynclab-fuzz-cli-'));
// Relative output paths (`--trace-out abc`) land in the temporary folder, not in the checkout.
process.chdir(dir);
// The TypeScript plugins below are ES modules (outside a package, tsx would read them as CommonJS).
writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');

/** What a case must do: be refused (exit 2), be taken (exit 0 or 1), or either; `mentions` must be in an exit-2 message. */
type Expect = 'refuse' | 'accept' | 'either';

interface Case {
  section: Section;
  what: string;
  argv: string[];
  expect: Expect;
  mentions?: string[];
  /** Instead of a refusal, a run that says this on standard error is enough (a note of what was ignored). */
  orNote?: string;
  /** Spawn the compiled CLI with this time limit (ms): the case may hang a process. */
  spawnMs?: number;
  /** Instead of argv: a bash command line (spawned, with spawnMs). */
  bash?: string;
}

interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

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

// ---------------------------------------------------------------- fixtures

let fileCount = 0;
function write(name: string, content: string | Buffer): string {
  const path = join(dir, `${++fileCount}-${name}`);
  writeFileSync(path, content);
  return path;
}
function folder(name: string, files: Record<string, string | Buffer> = {}): string {
  const path = join(dir, `${++fileCount}-${name}`);
  mkdirSync(path, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(path, file, '..'), { recursive: true });
    writeFileSync(join(path, file), content);
  }
  return path;
}

/** A small scenario on the full stack that runs in a few milliseconds. */
function scenario(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name, description: 'a fuzz scenario', processes: 3, protocol: { name: 'isis' },
    network: { delay: { minUs: 100, meanUs: 1000, jitterUs: 200 }, lossProbability: 0, duplicateProbability: 0 },
    workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 1, total: 1 }, maxMulticasts: 2 },
    durationUs: 20_000, settleUs: 200_000, seeds: [1], ...overrides,
  };
}
const text = (name: string, overrides: Record<string, unknown> = {}): string => JSON.stringify(scenario(name, overrides), null, 2);

const ESC = '\u001b[2J\u001b]0;pwned\u0007';
/** Control characters of an input that must never reach the terminal raw (a newline and a tab may be output's own). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u009b]/;
const STACK_FRAME = /\n\s+at .*[(\s][^\s()]*\.[cm]?[jt]s:\d+|internal error|escaped runCli/;

// ---------------------------------------------------------------- suites

function suiteCases(): Case[] {
  const cases: Case[] = [];
  const good = write('good.json', text('fuzz-good'));
  const commands = (path: string[]): [string, string[]][] => [
    ['run', ['run', ...path, '--workers', '1']],
    ['list', ['list', ...path]],
    ['mutants', ['mutants', ...path, '--only', 'fifo-gap', '--workers', '1', '--seed', '1']],
    ['hunt', ['hunt', ...path, '--runs', '1', '--shrink-attempts', '0', '--out', join(dir, `hunt-${++fileCount}`)]],
  ];
  const add = (what: string, paths: string[], expect: Expect, mentions?: string[], only?: string[]): void => {
    for (const [name, argv] of commands(paths)) {
      if (only !== undefined && !only.includes(name)) continue;
      cases.push({ section: 'suites', what: `${name}: ${what}`, argv, expect, ...(mentions ? { mentions } : {}) });
    }
  };
  const empty = folder('empty');
  add('an empty folder', [empty], 'refuse', [empty]);
  const nonJson = folder('non-json', { 'README.md': '# a suite', 'a.txt': 'hello', 'b.yaml': 'name: x' });
  add('a folder of non-JSON files', [nonJson], 'refuse', [nonJson]);
  const mixed = folder('mixed', { 'a.json': text('fuzz-mixed-a'), 'b.JSON': text('fuzz-mixed-b'), 'c.json.bak': text('fuzz-mixed-c') });
  add('a folder with a .JSON and a .json.bak beside a .json', [mixed], 'either');
  const nested = folder('nested', { 'sub/a.json': text('fuzz-nested-a') });
  add('a folder whose only scenario is in a subfolder', [nested], 'refuse', [nested]);
  const nestedAndTop = folder('nested-top', { 'a.json': text('fuzz-nt-a'), 'sub/b.json': text('fuzz-nt-b') });
  add('a folder with a scenario and a subfolder of one', [nestedAndTop], 'either');
  const withRegressions = folder('with-regressions', { 'a.json': text('fuzz-wr-a'), 'regressions/b.json': text('fuzz-wr-b') });
  add('a folder with regressions/', [withRegressions], 'accept');
  add('a file and its folder', [withRegressions, join(withRegressions, 'a.json')], 'refuse', ['a.json']);
  add('a file twice', [good, good], 'refuse', [basename(good)]);
  const dupA = folder('dup', { 'a.json': text('fuzz-dup'), 'b.json': text('fuzz-dup') });
  add('one name in two files', [dupA], 'refuse', ['fuzz-dup']);
  const loopDir = folder('loop');
  writeFileSync(join(loopDir, 'a.json'), text('fuzz-loop-a'));
  symlinkSync(join(loopDir, 'self.json'), join(loopDir, 'self.json'));
  add('a symlink loop named *.json in a folder', [loopDir], 'refuse', ['self.json']);
  add('a symlink loop given as the path', [join(loopDir, 'self.json')], 'refuse', ['self.json']);
  const dirLoop = folder('dir-loop', { 'a.json': text('fuzz-dl-a') });
  symlinkSync(dirLoop, join(dirLoop, 'regressions'));
  add('regressions/ a symlink to its own folder', [dirLoop], 'refuse', ['fuzz-dl-a']);
  const dangling = folder('dangling', { 'a.json': text('fuzz-dangling-a') });
  symlinkSync(join(dir, 'nowhere.json'), join(dangling, 'gone.json'));
  add('a dangling symlink named *.json in a folder', [dangling], 'refuse', ['gone.json']);
  const jsonDir = folder('json-dir', { 'a.json': text('fuzz-jd-a'), 'x.json/inner.txt': 'a folder named x.json' });
  add('a folder named x.json in a suite', [jsonDir], 'refuse', ['x.json']);
  add('a path that does not exist', [join(dir, 'no-such.json')], 'refuse', ['no-such.json']);
  add('an empty path', [''], 'refuse');
  add('/dev/null', ['/dev/null'], 'refuse', ['/dev/null']);
  add('a trace file given as a scenario', [write('t.jsonl', '{"format":"vsynclab-trace","version":1}\n')], 'refuse', ['t.jsonl']);
  add('a BOM', [write('bom.json', `\ufeff${text('fuzz-bom')}`)], 'accept');
  add('CRLF line ends', [write('crlf.json', text('fuzz-crlf').replace(/\n/g, '\r\n'))], 'accept');
  add('UTF-16', [write('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text('fuzz-u16'), 'utf16le')]))], 'refuse', ['utf16.json']);
  add('30 MB of spaces then a scenario', [write('huge-space.json', `${' '.repeat(30_000_000)}${text('fuzz-huge-space')}`)], 'either', undefined, ['run', 'list']);
  add('a 30 MB description', [write('huge-desc.json', text('fuzz-huge-desc', { description: 'd'.repeat(30_000_000) }))], 'either', undefined, ['run', 'list']);
  add('a 30 MB file of one unclosed string', [write('huge-string.json', `{"name": "${'x'.repeat(30_000_000)}`)], 'refuse', ['huge-string.json'], ['run', 'list']);
  const escName = folder('esc-name', { [`a${ESC}.json`]: text('fuzz-esc-a'), 'b.json': '{' });
  add('a file named with escape sequences, beside a broken file', [escName], 'refuse', ['b.json']);
  add('a path with escape sequences that does not exist', [join(dir, `x${ESC}.json`)], 'refuse');
  add('a scenario named with escape sequences', [write('esc-field.json', text(`fuzz${ESC}`))], 'refuse', ['name']);
  add('a scenario file with a NUL in its name', [join(dir, 'a\u0000b.json')], 'refuse');
  const fifo = join(dir, 'fifo.json');
  spawnSync('mkfifo', [fifo]);
  // A FIFO named on the command line is read as any file (`run <(generate)`): with a writer, it runs.
  cases.push({ section: 'suites', what: 'run: a process substitution <(cat FILE)', argv: [], bash: `node ${join(ROOT, 'bin/vsynclab.js')} run <(cat ${good}) --workers 1`, expect: 'accept', spawnMs: 60_000 });
  const fifoDir = folder('fifo-dir', { 'a.json': text('fuzz-fd-a') });
  spawnSync('mkfifo', [join(fifoDir, 'b.json')]);
  cases.push({ section: 'suites', what: 'list: a FIFO named *.json in a folder', argv: ['list', fifoDir], expect: 'refuse', mentions: ['b.json'], spawnMs: 20_000 });
  cases.push({ section: 'suites', what: 'run: /dev/zero', argv: ['run', '/dev/zero', '--workers', '1'], expect: 'refuse', mentions: ['/dev/zero'], spawnMs: 60_000 });
  cases.push({ section: 'suites', what: 'replay --scenario: /dev/zero', argv: ['replay', '--scenario', '/dev/zero', '--seed', '1'], expect: 'refuse', mentions: ['/dev/zero'], spawnMs: 60_000 });
  cases.push({ section: 'suites', what: 'explore: /dev/zero', argv: ['explore', '/dev/zero'], expect: 'refuse', mentions: ['/dev/zero'], spawnMs: 60_000 });
  const huge = join(dir, 'sparse-huge.json');
  spawnSync('truncate', ['-s', '3G', huge]);
  cases.push({ section: 'suites', what: 'run: a 3 GB file', argv: ['run', huge, '--workers', '1'], expect: 'refuse', mentions: ['sparse-huge.json'], spawnMs: 60_000 });
  cases.push({ section: 'suites', what: 'explore: a folder', argv: ['explore', empty], expect: 'refuse', mentions: [empty] });
  cases.push({ section: 'suites', what: 'replay --scenario: a folder', argv: ['replay', '--scenario', empty, '--seed', '1'], expect: 'refuse', mentions: [empty] });
  cases.push({ section: 'suites', what: 'replay --scenario: /dev/null', argv: ['replay', '--scenario', '/dev/null', '--seed', '1'], expect: 'refuse', mentions: ['/dev/null'] });
  cases.push({ section: 'suites', what: 'check: a folder', argv: ['check', empty], expect: 'refuse', mentions: [empty] });
  cases.push({ section: 'suites', what: 'check: /dev/null', argv: ['check', '/dev/null'], expect: 'refuse', mentions: ['/dev/null'] });
  cases.push({ section: 'suites', what: 'check: a scenario file', argv: ['check', good], expect: 'refuse', mentions: [good] });
  cases.push({ section: 'suites', what: 'view: a folder', argv: ['view', empty], expect: 'refuse', mentions: [empty] });
  cases.push({ section: 'suites', what: 'merge-reports: a folder', argv: ['merge-reports', empty], expect: 'refuse', mentions: [empty] });
  cases.push({ section: 'suites', what: 'merge-reports: /dev/null', argv: ['merge-reports', '/dev/null'], expect: 'refuse', mentions: ['/dev/null'] });
  cases.push({ section: 'suites', what: 'merge-reports: a scenario file', argv: ['merge-reports', good], expect: 'refuse', mentions: [good] });
  return cases;
}

// ---------------------------------------------------------------- plugins

function pluginCases(): Case[] {
  const cases: Case[] = [];
  const registry = join(ROOT, 'protocol/registry.ts');
  let n = 0;
  /** A TypeScript plugin; `body` may use `register` (registerProtocol) and `NAME` (a fresh protocol name). */
  const plugin = (body: string, ext = '.ts'): { file: string; name: string } => {
    const name = `fuzz-plugin-${++n}`;
    const file = write(`plugin${ext}`, `import { registerProtocol as register } from ${JSON.stringify(registry)};\nconst NAME = ${JSON.stringify(name)};\nvoid register; void NAME;\n${body}\n`);
    return { file, name };
  };
  const scenarioFor = (name: string): string => write('uses-plugin.json', text(`fuzz-uses-${name}`, { protocol: { name } }));
  const add = (what: string, file: string, expect: Expect, mentions: string[] = [file], opts: { run?: string; spawnMs?: number; orNote?: string } = {}): void => {
    cases.push({ section: 'plugins', what: `list: ${what}`, argv: ['list', '--protocols', '--plugin', file], expect: opts.run === undefined ? expect : 'accept', mentions, ...(opts.orNote ? { orNote: opts.orNote } : {}) });
    if (opts.run !== undefined) {
      const s = scenarioFor(opts.run);
      cases.push({ section: 'plugins', what: `run: ${what}`, argv: ['run', s, '--plugin', file, '--workers', '1'], expect, mentions, ...(opts.spawnMs ? { spawnMs: opts.spawnMs } : {}) });
    }
  };
  add('a missing file', join(dir, 'no-plugin.ts'), 'refuse', ['no-plugin.ts']);
  add('a folder', dir, 'refuse');
  add('an empty path', '', 'refuse', ['--plugin']);
  add('a syntax error', plugin('export const = ;').file, 'refuse');
  add('throws an Error at import', plugin('throw new Error("boom at import");').file, 'refuse', ['boom at import']);
  add('throws a string', plugin('throw "a string";').file, 'refuse', ['a string']);
  add('throws undefined', plugin('throw undefined;').file, 'refuse');
  add('throws an object with a throwing toString', plugin('throw { toString() { throw new Error("no"); } };').file, 'refuse');
  add('throws an escape sequence', plugin(`throw new Error(${JSON.stringify(`bad${ESC}`)});`).file, 'refuse');
  add('throws a 10,000-line message', plugin('throw new Error("line\\n".repeat(10000));').file, 'refuse');
  // A plugin that registers nothing is noted, not refused (a test may have imported it first: sim/plugins.ts).
  add('registers nothing', plugin('export const nothing = 1;').file, 'refuse', undefined, { orNote: 'registered no protocol' });
  add('is a JSON file', write('plugin.json', '{"a": 1}'), 'refuse', undefined, { orNote: 'registered no protocol' });
  add('is a text file', write('plugin.txt', 'hello'), 'refuse');
  add('is /dev/null', '/dev/null', 'refuse', ['/dev/null'], { orNote: 'registered no protocol' });
  add('is the same file twice', ...((): [string, Expect] => {
    const p = plugin('register(NAME, () => { throw new Error("unused"); });');
    return [p.file, 'either'];
  })());
  {
    const p = plugin('register("isis", () => { throw new Error("replaced isis"); });');
    add('registers the name of a built-in (isis)', p.file, 'refuse', ['isis']);
  }
  add('registers an empty name', plugin('register("", () => ({}) as never);').file, 'refuse');
  add('registers a name with escapes', plugin(`register(${JSON.stringify(`n${ESC}`)}, () => ({}) as never);`).file, 'refuse');
  add('registers a factory that is not a function', plugin('register(NAME, 42 as never);').file, 'refuse');
  add('registers a name that is not a string', plugin('register(7 as never, () => ({}) as never);').file, 'refuse');
  {
    const p = plugin('register(NAME, () => { throw new Error("factory boom"); });');
    add('a factory that throws', p.file, 'refuse', [p.file.split('/').pop()!.replace(/\.ts$/, ''), 'factory boom'].slice(1), { run: p.name });
  }
  {
    const p = plugin('register(NAME, () => undefined as never);');
    add('a factory that returns undefined', p.file, 'refuse', [], { run: p.name });
  }
  {
    const p = plugin('register(NAME, () => ({ name: NAME }) as never);');
    add('a factory that returns an object without handlers', p.file, 'refuse', [], { run: p.name });
  }
  const handlers = (init: string, rest = ''): string =>
    `register(NAME, () => ({ name: NAME, init: ${init}, onMessage: (s: unknown) => ({ state: s, effects: [] }), onTimer: (s: unknown) => ({ state: s, effects: [] }), onRequest: (s: unknown) => ({ state: s, effects: [] }), ${rest} }) as never);`;
  const viewOf = '{ kind: "observe", observation: { type: "view", view: { id: 1, members: [ctx.self] } } }';
  const runCases: [string, string][] = [
    ['init returns undefined', handlers('() => undefined')],
    ['init returns effects that are not an array', handlers('() => ({ state: {}, effects: 7 })')],
    ['init returns an effect of an unknown kind', handlers('() => ({ state: {}, effects: [{ kind: "teleport" }] })')],
    ['init returns a null effect', handlers('() => ({ state: {}, effects: [null] })')],
    ['init sends to a host that does not exist', handlers(`(ctx: any) => ({ state: {}, effects: [${viewOf}, { kind: "send", to: "p99", message: 1 }] })`)],
    ['init sets a timer with a negative delay', handlers(`(ctx: any) => ({ state: {}, effects: [${viewOf}, { kind: "setTimer", timer: "t", delayUs: -5 }] })`)],
    ['init sets a timer with a NaN delay', handlers(`(ctx: any) => ({ state: {}, effects: [${viewOf}, { kind: "setTimer", timer: "t", delayUs: NaN }] })`)],
    ['init observes an escape sequence', handlers(`(ctx: any) => ({ state: {}, effects: [${viewOf}, { kind: "observe", observation: { type: ${JSON.stringify(`x${ESC}`)} } }] })`)],
    ['init returns a state with a cycle', handlers(`(ctx: any) => { const s: any = {}; s.self = s; return { state: s, effects: [${viewOf}] }; }`)],
    ['init returns a state with a BigInt and a function', handlers(`(ctx: any) => ({ state: { n: 1n, f: () => 1 }, effects: [${viewOf}] })`)],
    ['init throws a string', handlers('() => { throw "init string"; }')],
    ['init throws an escape sequence', handlers(`() => { throw new Error(${JSON.stringify(`init${ESC}`)}); }`)],
  ];
  for (const [what, body] of runCases) {
    const p = plugin(body);
    const s = scenarioFor(p.name);
    cases.push({ section: 'plugins', what: `run: ${what}`, argv: ['run', s, '--plugin', p.file, '--workers', '1'], expect: 'either' });
    cases.push({ section: 'plugins', what: `replay: ${what}`, argv: ['replay', '--scenario', s, '--seed', '1', '--plugin', p.file], expect: 'either' });
  }
  {
    const p = plugin(handlers('() => { for (;;) {} }'));
    cases.push({ section: 'plugins', what: 'run: init loops forever (spawned, 15 s)', argv: ['run', scenarioFor(p.name), '--plugin', p.file, '--workers', '1'], expect: 'either', spawnMs: 15_000 });
  }
  {
    const p = plugin('await new Promise(() => {});');
    cases.push({ section: 'plugins', what: 'list: awaits forever at import (spawned, 15 s)', argv: ['list', '--protocols', '--plugin', p.file], expect: 'refuse', spawnMs: 15_000 });
  }
  {
    const p = plugin('process.exit(0);');
    cases.push({ section: 'plugins', what: 'list: calls process.exit(0) at import (spawned)', argv: ['list', '--protocols', '--plugin', p.file], expect: 'either', spawnMs: 15_000 });
  }
  return cases;
}

// ---------------------------------------------------------------- flags

type FlagKind = 'number' | 'name' | 'out' | 'in' | 'boolean' | 'free';

interface CommandSpec {
  name: string;
  base: string[];
  flags: Record<string, FlagKind>;
  /** Flags that may be given more than once. */
  repeatable?: string[];
  /** A positional the command needs: the base without it must be refused. */
  positional?: string;
  /** The base is refused for its trace (shrink of a passing run): only the flags' own refusals are judged. */
  passingTrace?: boolean;
}

const EXPLORE_FIXTURES = join(ROOT, 'test/sim/explore/fixtures');
const EXPLORE_PLUGIN = join(EXPLORE_FIXTURES, 'plugin.ts');
/** A counterexample `explore` writes (a failing run, as `shrink` needs). */
const cex = join(dir, 'cex.jsonl');

function commandSpecs(): CommandSpec[] {
  const s = write('flags.json', text('fuzz-flags'));
  const t = join(dir, 'flags-trace.jsonl');
  const report = join(dir, 'flags-report.json');
  const out = (name: string): string => join(dir, `out-${name}`);
  return [
    {
      name: 'run', base: ['run', s, '--seed', '1', '--workers', '1'],
      flags: { seed: 'name', seeds: 'name', 'trace-out': 'out', out: 'out', 'stop-on-violation': 'boolean', workers: 'number', shard: 'name', reporter: 'name', 'report-file': 'out', mutant: 'name', shrink: 'boolean', 'keep-seed': 'boolean', plugin: 'in', detail: 'name', progress: 'boolean', coverage: 'boolean', 'coverage-out': 'out' },
      repeatable: ['plugin'],
    },
    {
      name: 'replay', base: ['replay', '--scenario', s, '--seed', '1'],
      flags: { scenario: 'in', seed: 'name', 'trace-out': 'out', mutant: 'name', plugin: 'in', detail: 'name', progress: 'boolean' }, repeatable: ['plugin'],
    },
    { name: 'replay-trace', base: ['replay', t], flags: { plugin: 'in', progress: 'boolean' }, repeatable: ['plugin'] },
    { name: 'check', base: ['check', t], positional: t, flags: { json: 'boolean', 'max-violations': 'number', properties: 'name', progress: 'boolean' } },
    { name: 'inspect', base: ['inspect', t, '--at', '3'], positional: t, flags: { at: 'name', node: 'name', json: 'boolean', diff: 'boolean', plugin: 'in', progress: 'boolean' }, repeatable: ['plugin'] },
    // On a passing run's trace: shrink refuses it (nothing to shrink) after reading its flags; an explore counterexample it cannot take (no seed).
    { name: 'shrink', base: ['shrink', t, '--max-attempts', '2', '--keep-seed', '--out', out('shrunk.json')], positional: t, passingTrace: true, flags: { out: 'out', 'max-attempts': 'number', 'keep-seed': 'boolean', 'any-failure': 'boolean', plugin: 'in', detail: 'name', progress: 'boolean' }, repeatable: ['plugin'] },
    { name: 'view', base: ['view', t], positional: t, flags: { node: 'name', msg: 'name', violation: 'name', html: 'out', from: 'number', to: 'number', 'other-events': 'boolean', check: 'boolean', states: 'boolean', plugin: 'in', progress: 'boolean' }, repeatable: ['node', 'msg', 'violation', 'plugin'] },
    { name: 'export', base: ['export', t, '--shiviz=-'], positional: t, flags: { node: 'name', msg: 'name', violation: 'name', shiviz: 'out', check: 'boolean' }, repeatable: ['node', 'msg', 'violation'] },
    {
      name: 'explore', base: ['explore', join(ROOT, 'scenarios/explore/cbcast-3x2.json'), '--max-states', '20', '--out', out('cex.jsonl')], positional: join(ROOT, 'scenarios/explore/cbcast-3x2.json'),
      flags: { strategy: 'name', 'max-states': 'number', 'max-depth': 'number', 'max-memory-mb': 'number', 'max-seconds': 'number', budget: 'name', symmetry: 'boolean', por: 'boolean', 'sleep-sets': 'boolean', compare: 'boolean', workers: 'number', json: 'boolean', out: 'out', plugin: 'in', coverage: 'boolean', 'coverage-out': 'out' },
      repeatable: ['plugin'],
    },
    { name: 'hunt', base: ['hunt', s, '--runs', '1', '--shrink-attempts', '0', '--out', out('hunt')], flags: { minutes: 'number', runs: 'number', seed: 'name', out: 'out', mutant: 'name', plugin: 'in', 'shrink-attempts': 'number', progress: 'boolean' }, repeatable: ['plugin'] },
    { name: 'mutants', base: ['mutants', s, '--only', 'fifo-gap', '--seed', '1', '--workers', '1'], flags: { seed: 'name', seeds: 'name', only: 'name', workers: 'number', json: 'boolean', progress: 'boolean' } },
    { name: 'list', base: ['list', s], flags: { protocols: 'boolean', mutants: 'boolean', plugin: 'in' }, repeatable: ['plugin'] },
    { name: 'merge-reports', base: ['merge-reports', report], positional: report, flags: { reporter: 'name', 'report-file': 'out' } },
  ];
}

const LONG = 'x'.repeat(10_000);
const VALUES: [string, string, Record<FlagKind, Expect>][] = [
  // label, value, what each kind of flag must do with it
  ['""', '', { number: 'refuse', name: 'refuse', out: 'refuse', in: 'refuse', boolean: 'refuse', free: 'either' }],
  ['0', '0', { number: 'either', name: 'either', out: 'either', in: 'refuse', boolean: 'either', free: 'either' }],
  ['-1', '-1', { number: 'either', name: 'either', out: 'either', in: 'refuse', boolean: 'refuse', free: 'either' }],
  ['1.5', '1.5', { number: 'either', name: 'either', out: 'either', in: 'refuse', boolean: 'refuse', free: 'either' }],
  ['abc', 'abc', { number: 'refuse', name: 'either', out: 'either', in: 'refuse', boolean: 'refuse', free: 'either' }],
  ['1e999', '1e999', { number: 'refuse', name: 'either', out: 'either', in: 'refuse', boolean: 'refuse', free: 'either' }],
  ['0x10', '0x10', { number: 'refuse', name: 'either', out: 'either', in: 'refuse', boolean: 'refuse', free: 'either' }],
  ['10k chars', LONG, { number: 'refuse', name: 'refuse', out: 'refuse', in: 'refuse', boolean: 'refuse', free: 'either' }],
  ['escapes', `a${ESC}`, { number: 'refuse', name: 'refuse', out: 'either', in: 'refuse', boolean: 'refuse', free: 'either' }],
  ['a newline', 'a\nb', { number: 'refuse', name: 'refuse', out: 'either', in: 'refuse', boolean: 'refuse', free: 'either' }],
];

function flagCases(): Case[] {
  const cases: Case[] = [];
  for (const spec of commandSpecs()) {
    const tag = spec.name;
    cases.push({ section: 'flags', what: `${tag}: the base command`, argv: spec.base, expect: spec.passingTrace === true ? 'refuse' : 'accept' });
    cases.push({ section: 'flags', what: `${tag}: an unknown flag`, argv: [...spec.base, '--tpyo'], expect: 'refuse', mentions: ['tpyo'] });
    cases.push({ section: 'flags', what: `${tag}: an unknown flag with escapes`, argv: [...spec.base, `--t${ESC}`], expect: 'refuse' });
    cases.push({ section: 'flags', what: `${tag}: an unknown negated flag`, argv: [...spec.base, '--no-tpyo'], expect: 'refuse', mentions: ['tpyo'] });
    cases.push({ section: 'flags', what: `${tag}: an extra positional`, argv: [...spec.base, 'extra-word'], expect: 'refuse' });
    cases.push({ section: 'flags', what: `${tag}: an extra positional with escapes`, argv: [...spec.base, `extra${ESC}`], expect: 'refuse' });
    cases.push({ section: 'flags', what: `${tag}: a short flag -x`, argv: [...spec.base, '-x'], expect: 'refuse' });
    if (spec.positional !== undefined) {
      const without = spec.base.filter((a) => a !== spec.positional);
      cases.push({ section: 'flags', what: `${tag}: the positional missing`, argv: without, expect: 'refuse' });
      cases.push({ section: 'flags', what: `${tag}: the positional empty`, argv: spec.base.map((a) => (a === spec.positional ? '' : a)), expect: 'refuse' });
    }
    for (const [flag, kind] of Object.entries(spec.flags)) {
      const baseWithout = stripFlag(spec.base, flag);
      for (const [label, value, expects] of VALUES) {
        const expect = kind === 'boolean' && (value === '0' || value === '1.5' || value === '-1') ? 'refuse' : expects[kind];
        const argv = kind === 'boolean' ? [...baseWithout, `--${flag}=${value}`] : [...baseWithout, `--${flag}`, value];
        // A word given to --plugin may name a file an earlier case wrote (`--trace-out abc`): imported, it registers nothing, which is noted.
        cases.push({ section: 'flags', what: `${tag}: --${flag} ${label}`, argv, expect, ...(expect === 'refuse' && spec.passingTrace !== true ? { mentions: [flag] } : {}), ...(kind === 'in' ? { orNote: 'registered no protocol' } : {}) });
      }
      if (kind !== 'boolean') {
        cases.push({ section: 'flags', what: `${tag}: --${flag} with no value`, argv: [...baseWithout, `--${flag}`], expect: 'refuse', ...(spec.passingTrace === true ? {} : { mentions: [flag] }) });
      }
      if (!(spec.repeatable ?? []).includes(flag)) {
        const twice = kind === 'boolean' ? [...baseWithout, `--${flag}`, `--no-${flag}`] : [...spec.base, ...argsFor(spec, flag), ...argsFor(spec, flag)];
        if (kind !== 'boolean' && argsFor(spec, flag).length === 0) continue;
        cases.push({ section: 'flags', what: `${tag}: --${flag} given twice`, argv: twice, expect: kind === 'boolean' ? 'either' : 'refuse', ...(kind === 'boolean' ? {} : { mentions: [flag] }) });
      }
    }
  }
  // Flag combinations the brief names, on the commands that take them.
  const s = write('combo.json', text('fuzz-combo'));
  const combos: [string, string[], Expect][] = [
    ['run --workers 0', ['run', s, '--workers', '0'], 'refuse'],
    ['run --workers 1.5', ['run', s, '--workers', '1.5'], 'refuse'],
    ['run --shard 3/2', ['run', s, '--shard', '3/2'], 'refuse'],
    ['run --shard 0/2', ['run', s, '--shard', '0/2'], 'refuse'],
    ['run --shard 1/0', ['run', s, '--shard', '1/0'], 'refuse'],
    ['run --shard 1/2/3', ['run', s, '--shard', '1/2/3'], 'refuse'],
    ['run --seeds 1..', ['run', s, '--seeds', '1..'], 'refuse'],
    ['run --seeds ..3', ['run', s, '--seeds', '..3'], 'refuse'],
    ['run --seeds 3..1', ['run', s, '--seeds', '3..1'], 'refuse'],
    ['run --seeds 1,,2', ['run', s, '--seeds', '1,,2'], 'refuse'],
    ['run --seeds 1..1e9', ['run', s, '--seeds', '1..1000000000'], 'refuse'],
    ['run --seed 1 --seeds 1..3', ['run', s, '--seed', '1', '--seeds', '1..3'], 'refuse'],
    ['run --reporter nope', ['run', s, '--reporter', 'nope'], 'refuse'],
    ['run --trace-out with two runs', ['run', s, '--seeds', '1..2', '--trace-out', join(dir, 'two.jsonl')], 'refuse'],
    ['run --keep-seed without --shrink', ['run', s, '--keep-seed'], 'refuse'],
    ['run --coverage-out without --coverage', ['run', s, '--coverage-out', join(dir, 'cov')], 'refuse'],
    ['run --progress without --trace-out', ['run', s, '--progress', '--workers', '1'], 'either'],
    ['run --mutant nope', ['run', s, '--mutant', 'nope'], 'refuse'],
    ['run --detail nope', ['run', s, '--detail', 'nope'], 'refuse'],
    ['run --report-file is a folder', ['run', s, '--report-file', dir, '--workers', '1'], 'refuse'],
    ['run --trace-out in a missing folder', ['run', s, '--seed', '1', '--trace-out', join(dir, 'no/such/t.jsonl')], 'refuse'],
    ['run --trace-out is the scenario', ['run', s, '--seed', '1', '--trace-out', s], 'refuse'],
    ['replay with no trace and no --scenario', ['replay'], 'refuse'],
    ['replay a trace and --scenario', ['replay', join(dir, 'flags-trace.jsonl'), '--scenario', s, '--seed', '1'], 'refuse'],
    ['replay --scenario without --seed', ['replay', '--scenario', s], 'either'],
    ['replay --seed without --scenario', ['replay', join(dir, 'flags-trace.jsonl'), '--seed', '2'], 'refuse'],
    ['replay --trace-out without --scenario', ['replay', join(dir, 'flags-trace.jsonl'), '--trace-out', join(dir, 'x.jsonl')], 'refuse'],
    ['hunt --minutes abc', ['hunt', s, '--minutes', 'abc'], 'refuse'],
    ['hunt --minutes 0', ['hunt', s, '--minutes', '0', '--out', join(dir, 'h0')], 'refuse'],
    ['hunt --minutes -1', ['hunt', s, '--minutes', '-1'], 'refuse'],
    ['hunt --runs 0', ['hunt', s, '--runs', '0', '--out', join(dir, 'h1')], 'refuse'],
    ['explore --max-states -1', ['explore', join(ROOT, 'scenarios/explore/cbcast-3x2.json'), '--max-states', '-1'], 'refuse'],
    ['explore --max-states 0', ['explore', join(ROOT, 'scenarios/explore/cbcast-3x2.json'), '--max-states', '0'], 'refuse'],
    ['explore --budget crash=-1', ['explore', join(ROOT, 'scenarios/explore/cbcast-3x2.json'), '--budget', 'crash=-1', '--max-states', '20'], 'refuse'],
    ['explore --budget nope=1', ['explore', join(ROOT, 'scenarios/explore/cbcast-3x2.json'), '--budget', 'nope=1', '--max-states', '20'], 'refuse'],
    ['explore --budget crash', ['explore', join(ROOT, 'scenarios/explore/cbcast-3x2.json'), '--budget', 'crash', '--max-states', '20'], 'refuse'],
    ['explore --budget crash=1,crash=2', ['explore', join(ROOT, 'scenarios/explore/cbcast-3x2.json'), '--budget', 'crash=1,crash=2', '--max-states', '20'], 'refuse'],
    ['explore --compare alone', ['explore', join(ROOT, 'scenarios/explore/cbcast-3x2.json'), '--compare', '--max-states', '20'], 'refuse'],
    ['explore --por --sleep-sets', ['explore', join(ROOT, 'scenarios/explore/cbcast-3x2.json'), '--por', '--sleep-sets', '--max-states', '20'], 'refuse'],
    ['explore --strategy dfs --workers 2', ['explore', join(ROOT, 'scenarios/explore/cbcast-3x2.json'), '--strategy', 'dfs', '--workers', '2', '--max-states', '20'], 'refuse'],
    ['explore --coverage-out without --coverage', ['explore', join(ROOT, 'scenarios/explore/cbcast-3x2.json'), '--coverage-out', join(dir, 'c2'), '--max-states', '20'], 'refuse'],
    ['view --from 10 --to 5', ['view', join(dir, 'flags-trace.jsonl'), '--from', '10', '--to', '5'], 'refuse'],
    ['view --html with --node', ['view', join(dir, 'flags-trace.jsonl'), '--html', join(dir, 'v.html'), '--node', 'p1'], 'either'],
    ['view --states without --html', ['view', join(dir, 'flags-trace.jsonl'), '--states'], 'either'],
    ['view --node p99', ['view', join(dir, 'flags-trace.jsonl'), '--node', 'p99'], 'refuse'],
    ['view --violation 99', ['view', join(dir, 'flags-trace.jsonl'), '--violation', '99'], 'refuse'],
    ['inspect --at -1', ['inspect', join(dir, 'flags-trace.jsonl'), '--at', '-1'], 'refuse'],
    ['inspect --at 1e9', ['inspect', join(dir, 'flags-trace.jsonl'), '--at', '1000000000'], 'refuse'],
    ['inspect --node p99', ['inspect', join(dir, 'flags-trace.jsonl'), '--at', '3', '--node', 'p99'], 'refuse'],
    ['inspect --json --diff', ['inspect', join(dir, 'flags-trace.jsonl'), '--at', '3', '--json', '--diff'], 'either'],
    ['check --properties nope', ['check', join(dir, 'flags-trace.jsonl'), '--properties', 'nope'], 'refuse'],
    ['check --properties ","', ['check', join(dir, 'flags-trace.jsonl'), '--properties', ','], 'refuse'],
    ['check --max-violations 0', ['check', join(dir, 'flags-trace.jsonl'), '--max-violations', '0'], 'either'],
    ['check --max-violations -1', ['check', join(dir, 'flags-trace.jsonl'), '--max-violations', '-1'], 'refuse'],
    ['shrink --max-attempts 0', ['shrink', join(dir, 'flags-trace.jsonl'), '--max-attempts', '0', '--out', join(dir, 's0.json')], 'either'],
    ['shrink --out is a folder', ['shrink', join(dir, 'flags-trace.jsonl'), '--max-attempts', '2', '--out', dir], 'refuse'],
    ['mutants --only nope', ['mutants', s, '--only', 'nope'], 'refuse'],
    ['mutants --seed 1 --seeds 1..2', ['mutants', s, '--seed', '1', '--seeds', '1..2', '--only', 'fifo-gap'], 'refuse'],
    ['list --protocols --mutants', ['list', '--protocols', '--mutants'], 'either'],
    ['list --protocols with a path', ['list', s, '--protocols'], 'either'],
    ['merge-reports of a non-report JSON', ['merge-reports', s], 'refuse'],
    ['no command', [], 'refuse'],
    ['an unknown command', ['rnu'], 'refuse'],
    ['an unknown command with escapes', [`rnu${ESC}`], 'refuse'],
    ['-- then a flag-like path', ['list', '--', '--protocols'], 'refuse'],
  ];
  for (const [what, argv, expect] of combos) cases.push({ section: 'flags', what, argv, expect });
  // The words given to --plugin and --scenario first: later cases write files of those names (`--trace-out abc`).
  const readsAWord = (c: Case): boolean => / --(plugin|scenario) /.test(c.what);
  return [...cases.filter(readsAWord), ...cases.filter((c) => !readsAWord(c))];
}

/** The flag's arguments in the base command (`--seed 1` -> ['--seed', '1']), or none. */
function argsFor(spec: CommandSpec, flag: string): string[] {
  const k = spec.base.indexOf(`--${flag}`);
  if (k >= 0) return spec.base.slice(k, k + 2);
  const eq = spec.base.find((a) => a.startsWith(`--${flag}=`));
  return eq === undefined ? [] : [eq];
}

function stripFlag(argv: readonly string[], flag: string): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === `--${flag}`) {
      k++;
      continue;
    }
    if (argv[k]!.startsWith(`--${flag}=`)) continue;
    out.push(argv[k]!);
  }
  return out;
}

// ---------------------------------------------------------------- explore

async function exploreCases(): Promise<Case[]> {
  const plugin = EXPLORE_PLUGIN;
  const lines = readFileSync(cex, 'utf8').trimEnd().split('\n');
  const header = JSON.parse(lines[0]!) as Record<string, unknown>;
  const variants: [string, Expect, string][] = [
    ['the counterexample', 'accept', lines.join('\n') + '\n'],
    ['cut in the last line', 'refuse', (lines.join('\n') + '\n').slice(0, -8)],
    ['without its end event', 'either', lines.slice(0, -1).join('\n') + '\n'],
    ['without its last step', 'either', [...lines.slice(0, -2), lines[lines.length - 1]!].join('\n') + '\n'],
    ['exploreChoices deleted', 'either', [JSON.stringify({ ...header, exploreChoices: undefined }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices = "x"', 'refuse', [JSON.stringify({ ...header, exploreChoices: 'x' }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices = [null]', 'refuse', [JSON.stringify({ ...header, exploreChoices: [null] }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices = [-1]', 'refuse', [JSON.stringify({ ...header, exploreChoices: [-1] }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices = [1e9]', 'refuse', [JSON.stringify({ ...header, exploreChoices: [1_000_000_000] }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices = [{}]', 'refuse', [JSON.stringify({ ...header, exploreChoices: [{}] }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices reversed', 'either', [JSON.stringify({ ...header, exploreChoices: [...(header.exploreChoices as unknown[])].reverse() }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices with escapes', 'either', [JSON.stringify({ ...header, exploreChoices: [ESC] }), ...lines.slice(1)].join('\n') + '\n'],
    ['CRLF', 'accept', lines.join('\r\n') + '\r\n'],
    ['a BOM', 'accept', `\ufeff${lines.join('\n')}\n`],
  ];
  // Every header field of the counterexample, deleted and of a wrong type.
  for (const field of Object.keys(header)) {
    for (const [label, value] of [['deleted', undefined], ['null', null], ['"\\u001b[2J"', ESC], ['{}', {}]] as [string, unknown][]) {
      variants.push([`header.${field} ${label}`, ['format', 'version'].includes(field) ? 'refuse' : 'either', [JSON.stringify({ ...header, [field]: value }), ...lines.slice(1)].join('\n') + '\n']);
    }
  }
  const cases: Case[] = [];
  for (const [what, expect, content] of variants) {
    const file = write('cex.jsonl', content);
    const runs: [string, string[]][] = [
      ['check', ['check', file]],
      ['view', ['view', file]],
      ['inspect', ['inspect', file, '--at', '2', '--plugin', plugin]],
      ['replay', ['replay', file, '--plugin', plugin]],
      ['shrink', ['shrink', file, '--plugin', plugin, '--max-attempts', '3', '--keep-seed', '--out', join(dir, `shrunk-${fileCount}.json`)]],
    ];
    for (const [name, argv] of runs) {
      // exploreChoices is read by replay and inspect only; shrink takes no counterexample (it has no seed): only the shape of its answer is judged.
      const judged = name === 'shrink' ? 'either' : (name === 'check' || name === 'view') && what.startsWith('exploreChoices') ? 'either' : expect;
      cases.push({ section: 'explore', what: `${name}: ${what}`, argv, expect: judged, mentions: [file] });
    }
  }
  return cases;
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
