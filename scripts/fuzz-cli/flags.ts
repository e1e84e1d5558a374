// fuzz-cli section: every flag of every command, given wrong values (scripts/fuzz-cli.ts says what is flagged).
import { join } from 'node:path';
import { ESC, ROOT, dir, text, write, type Case, type Expect } from './shared.ts';

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


export function commandSpecs(): CommandSpec[] {
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

export const LONG = 'x'.repeat(10_000);
export const VALUES: [string, string, Record<FlagKind, Expect>][] = [
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

export function flagCases(): Case[] {
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
export function argsFor(spec: CommandSpec, flag: string): string[] {
  const k = spec.base.indexOf(`--${flag}`);
  if (k >= 0) return spec.base.slice(k, k + 2);
  const eq = spec.base.find((a) => a.startsWith(`--${flag}=`));
  return eq === undefined ? [] : [eq];
}

export function stripFlag(argv: readonly string[], flag: string): string[] {
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
