// An adversarial audit of the trace reader and the commands that read traces
// (issue 10, session 8; not part of npm test), as scripts/fuzz-scenarios.ts
// is for scenarios. Three small runs are recorded (a leave and its `exit`;
// a partition, a heal, a crash; the same at `full` detail, with every network
// event), then every header field and every field of the first event of each
// type is mutated (wrong type, deleted, negative, huge, non-integer, NaN-like
// strings, control characters, a long string, an extra field), and the whole
// file too (empty, a BOM, CRLF, no final newline, a cut last line, the header
// twice, an event before the header, bytes that are not UTF-8, a blank line
// inside, an event after `end`, no `end`). `check`, `view`, `inspect --at 1`,
// `replay` and `shrink` run in-process on each variant. Flagged:
//
// - an exit other than 0 or 1 (a verdict) or 2 (bad input);
// - exit 2 whose standard error is not one line naming the file and a line
//   (`FILE:N: ...`) or, for a whole-file problem, the file (`FILE: ...`);
// - a stack trace or "internal error" anywhere;
// - a variant the contract (docs/trace-format.md) makes invalid (a required
//   field deleted or of the wrong type) that a command takes (exit 0 or 1);
// - a variant the contract makes valid (an extra field, CRLF, a BOM, no final
//   newline) that a command refuses, and one that is the same trace written
//   another way (CRLF, BOM, no final newline) on which a command's exit
//   status or output differs from the original's.
//
//   npx tsx scripts/fuzz-traces.ts [--verbose] [--commands check,view,...]
//
// Exit status: 0 when nothing was flagged, 1 otherwise.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cliInProcess } from '../test/cli/cli-harness.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What the contract says of a variant: invalid (must be refused), valid (must not be), the same trace, or open. */
type Expect = 'refuse' | 'accept' | 'same' | 'either';

interface Variant {
  source: string;
  what: string;
  expect: Expect;
  bytes: Buffer;
}

interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const ALL_COMMANDS = ['check', 'view', 'inspect', 'replay', 'shrink'] as const;
type Command = (typeof ALL_COMMANDS)[number];
const commands: readonly Command[] = args.includes('--commands')
  ? (args[args.indexOf('--commands') + 1] ?? '').split(',').filter((c): c is Command => (ALL_COMMANDS as readonly string[]).includes(c))
  : ALL_COMMANDS;
const dir = mkdtempSync(join(tmpdir(), 'vsynclab-fuzz-traces-'));

/** Runs `vsynclab ...argv` in this process (test/cli/cli-harness.ts); an exception that escapes the CLI is a finding, status -1. */
async function cli(...argv: string[]): Promise<Outcome> {
  try {
    const { status, stdout, stderr } = await cliInProcess(...argv);
    return { status: status ?? -1, stdout, stderr };
  } catch (error) {
    return { status: -1, stdout: '', stderr: `escaped runCli: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  } finally {
    process.exitCode = 0;
  }
}

// Three small runs: every event type of the contract and of the network vocabulary.
const NETWORK = { delay: { minUs: 100, meanUs: 1000, jitterUs: 200 }, lossProbability: 0.02, duplicateProbability: 0.02 };
const SOURCES: { name: string; detail: string; scenario: Record<string, unknown> }[] = [
  {
    name: 'leave', detail: 'app',
    scenario: {
      name: 'fuzz-leave', description: 'a leave', processes: 3, protocol: { name: 'isis' },
      network: { ...NETWORK, lossProbability: 0, duplicateProbability: 0 },
      workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 1, total: 1 }, maxMulticasts: 2, leaves: [{ atUs: 20_000, host: 'p3' }] },
      durationUs: 30_000, settleUs: 300_000, seeds: [1],
    },
  },
  ...['app', 'full'].map((detail) => ({
    name: `faults-${detail}`, detail,
    scenario: {
      name: 'fuzz-faults', description: 'a partition, a heal, a lossy link, a crash', processes: 4, protocol: { name: 'isis' },
      network: NETWORK,
      // With p4's leave, the run fails view-convergence (p3's crash is never flushed out): a trace `shrink` takes.
      workload: { multicastsPerSecond: 200, orders: { fifo: 1, causal: 1, total: 1 }, maxMulticasts: 4, leaves: [{ atUs: 25_000, host: 'p4' }] },
      durationUs: 30_000, settleUs: 300_000, seeds: [1],
      faults: {
        schedule: [
          { type: 'partition', groups: [['p1', 'p2', 'p3'], ['p4']], atUs: 2000 },
          { type: 'heal', atUs: 3000 },
          { type: 'link', from: 'p1', to: 'p2', lossProbability: 0.5, atUs: 4000 },
          { type: 'crash', host: 'p3', atUs: 20_000 },
        ],
      },
    },
  })),
];

/** The fields the contract requires of each event type it defines (beyond type, i, t). */
const REQUIRED: Record<string, readonly string[]> = {
  start: ['node'], view: ['node', 'view'], bcast: ['node', 'msg', 'order', 'view'], deliver: ['node', 'msg', 'from', 'view'],
  crash: ['node'], exit: ['node', 'reason'], partition: ['groups'], heal: [], end: ['quiescent'],
};
const HEADER_REQUIRED = ['format', 'version'];

const LONG = 'x'.repeat(100_000);
/** Replacements for a field's value: label, value. */
const REPLACEMENTS: [string, Json][] = [
  ['null', null], ['true', true], ['{}', {}], ['[]', []], ['"x"', 'x'], ['""', ''], ['7', 7], ['-1', -1], ['1.5', 1.5],
  ['1e300', 1e300], ['2^53+2', 2 ** 53 + 2], ['"NaN"', 'NaN'], ['"Infinity"', 'Infinity'], ['"1e999"', '1e999'],
  ['"\\u001b[2J"', '\u001b[2J'], ['"\\u0000"', '\u0000'], ['"a\\nb"', 'a\nb'], ['100k chars', LONG],
];
/** Raw JSON texts no JSON.stringify writes: numbers a double cannot hold. */
const RAW_NUMBERS = ['1e999', '-1e999', '123456789012345678901234567890'];

function typeOf(value: Json | undefined): string {
  return value === undefined ? 'missing' : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Whether a replacement keeps the kind the contract names for the field (an id may be a number or a string: `msg`). */
function sameKind(field: string, old: Json, value: Json): boolean {
  // docs/trace-format.md: `msg` is a string, or a number read as its decimal text.
  if (field === 'msg') return typeof value === 'string' || typeof value === 'number';
  return typeOf(old) === typeOf(value);
}

function lineBytes(lines: readonly string[], newline = '\n', final = true): Buffer {
  return Buffer.from(lines.join(newline) + (final ? newline : ''), 'utf8');
}

function variantsOf(source: string, text: string): Variant[] {
  const lines = text.trimEnd().split('\n');
  const header = JSON.parse(lines[0] as string) as Record<string, Json>;
  const out: Variant[] = [];
  const add = (what: string, expect: Expect, bytes: Buffer): void => {
    out.push({ source, what, expect, bytes });
  };
  const withLine = (k: number, line: string): string[] => lines.map((l, n) => (n === k ? line : l));

  // The header's fields.
  for (const field of Object.keys(header)) {
    const required = HEADER_REQUIRED.includes(field);
    for (const [label, value] of REPLACEMENTS) {
      // `format` and `version` have one valid value each; the other fields are open (what ran) or free.
      add(`header.${field} = ${label}`, required ? 'refuse' : 'either',
        lineBytes(withLine(0, JSON.stringify({ ...header, [field]: value }))));
    }
    const { [field]: _dropped, ...rest } = header;
    add(`header.${field} deleted`, required ? 'refuse' : 'either', lineBytes(withLine(0, JSON.stringify(rest))));
  }
  add('header + unknown field', 'accept', lineBytes(withLine(0, JSON.stringify({ ...header, tpyo: { a: [1] } }))));
  for (const raw of RAW_NUMBERS) add(`header.version = ${raw}`, 'refuse', lineBytes(withLine(0, (lines[0] as string).replace('"version":1', `"version":${raw}`))));

  // The first event of each type, field by field.
  const seen = new Set<string>();
  lines.forEach((line, k) => {
    if (k === 0) return;
    const event = JSON.parse(line) as Record<string, Json>;
    const type = event.type as string;
    if (seen.has(type)) return;
    seen.add(type);
    const required = ['type', 'i', 't', ...(REQUIRED[type] ?? [])];
    for (const field of Object.keys(event)) {
      const isRequired = required.includes(field);
      for (const [label, value] of REPLACEMENTS) {
        // A wrong type of a required field is invalid; a value of the right type may still be (i out of sequence): open.
        const expect: Expect = isRequired && !sameKind(field, event[field] as Json, value) ? 'refuse' : 'either';
        add(`${type}.${field} = ${label}`, expect, lineBytes(withLine(k, JSON.stringify({ ...event, [field]: value }))));
      }
      for (const raw of RAW_NUMBERS) {
        if (typeof event[field] !== 'number') continue;
        add(`${type}.${field} = ${raw}`, 'either', lineBytes(withLine(k, line.replace(`"${field}":${String(event[field])}`, `"${field}":${raw}`))));
      }
      const { [field]: _dropped, ...rest } = event;
      add(`${type}.${field} deleted`, isRequired ? 'refuse' : 'either', lineBytes(withLine(k, JSON.stringify(rest))));
    }
    add(`${type} + unknown field`, 'accept', lineBytes(withLine(k, JSON.stringify({ ...event, tpyo: [1, { b: null }] }))));
    add(`${type} fields in reverse order`, 'accept', lineBytes(withLine(k, JSON.stringify(Object.fromEntries(Object.entries(event).reverse())))));
    add(`${type} line is an array`, 'refuse', lineBytes(withLine(k, JSON.stringify(Object.values(event)))));
    add(`${type} line cut in half`, 'refuse', lineBytes(withLine(k, line.slice(0, Math.floor(line.length / 2)))));
    add(`${type} line + trailing garbage`, 'refuse', lineBytes(withLine(k, `${line} x`)));
    add(`${type} line with a byte that is not UTF-8`, 'refuse', Buffer.concat([
      lineBytes(lines.slice(0, k)), Buffer.from(line.slice(0, -1), 'utf8'), Buffer.from([0xff]), Buffer.from('}\n'), lineBytes(lines.slice(k + 1)),
    ]));
  });

  // The whole file.
  const lf = lineBytes(lines);
  add('empty file', 'refuse', Buffer.alloc(0));
  add('only a newline', 'refuse', Buffer.from('\n'));
  add('header only', 'either', lineBytes(lines.slice(0, 1)));
  add('a byte-order mark', 'same', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), lf]));
  add('CRLF line ends', 'same', lineBytes(lines, '\r\n'));
  add('no final newline', 'same', lineBytes(lines, '\n', false));
  add('blank lines at the end', 'same', Buffer.concat([lf, Buffer.from('\n\n')]));
  add('a blank line inside', 'refuse', lineBytes([...lines.slice(0, 3), '', ...lines.slice(3)]));
  add('the header twice', 'refuse', lineBytes([lines[0] as string, ...lines]));
  add('an event before the header', 'refuse', lineBytes([lines[1] as string, lines[0] as string, ...lines.slice(2)]));
  add('the last line cut', 'refuse', Buffer.from(lf.toString('utf8').slice(0, -8), 'utf8'));
  add('no end event', 'either', lineBytes(lines.slice(0, -1)));
  add('an event after end', 'refuse', lineBytes([...lines, JSON.stringify({ type: 'heal', i: lines.length - 1, t: 1e9 })]));
  add('events in reverse order', 'refuse', lineBytes([lines[0] as string, ...lines.slice(1).reverse()]));
  add('a UTF-16 file', 'refuse', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lf.toString('utf8'), 'utf16le')]));
  add('binary bytes', 'refuse', Buffer.from([0, 1, 2, 0xff, 0xfe, 10]));
  add('a line nested 10000 deep', 'refuse', lineBytes([...lines.slice(0, 2), `${'['.repeat(10_000)}${']'.repeat(10_000)}`, ...lines.slice(2)]));
  add('a JSON string line', 'refuse', lineBytes([...lines.slice(0, 2), '"start"', ...lines.slice(2)]));
  add('a NUL byte line', 'refuse', lineBytes([...lines.slice(0, 2), '\u0000', ...lines.slice(2)]));
  return out;
}

function commandLine(command: Command, file: string, k: number): string[] {
  switch (command) {
    case 'check': return ['check', file];
    case 'view': return ['view', file];
    case 'inspect': return ['inspect', file, '--at', '1'];
    case 'replay': return ['replay', file];
    case 'shrink': return ['shrink', file, '--max-attempts', '3', '--keep-seed', '--out', join(dir, `shrunk-${k}.json`)];
  }
}

interface Finding {
  variant: string;
  command: Command;
  problem: string;
  stderr: string;
}

const STACK_FRAME = /\n\s+at .*[(\s][^\s()]*\.[cm]?[jt]s:\d+|internal error|escaped runCli/;
const findings: Finding[] = [];
const tally = new Map<string, number>();
const count = (key: string): void => {
  tally.set(key, (tally.get(key) ?? 0) + 1);
};

function judge(v: Variant, command: Command, file: string, r: Outcome, original: Outcome | undefined): string | null {
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) return `exit ${r.status}`;
  if (STACK_FRAME.test(r.stderr)) return 'a stack trace or an internal error';
  if (r.status === 2) {
    const message = r.stderr.replace(/^vsynclab: /, '').trimEnd();
    // One line, or (several problems of a header's scenario, as for a scenario file) a first line naming the file and one line per problem naming it.
    const lines = message.split('\n');
    const list = lines.length > 1 && lines[0]!.includes(file) && lines.slice(1).every((l) => l.trim().startsWith(`${file}:`) || l.trim().startsWith('...'));
    if (lines.length > 1 && !list) return 'more than one line';
    for (const line of list ? lines.slice(1).filter((l) => !l.trim().startsWith('...')).map((l) => l.trim()) : lines) {
      if (!line.startsWith(`${file}:`)) return 'the message does not start with the file name';
      if (!/^:\d+[:\s]/.test(line.slice(file.length)) && !/^: /.test(line.slice(file.length))) return 'the message names no line';
    }
    // A valid trace a command cannot take (shrink: a passing run) is refused as the original is.
    if ((v.expect === 'accept' || v.expect === 'same') && original?.status !== 2) return 'a valid trace refused';
    return null;
  }
  if (v.expect === 'refuse') return `taken (exit ${r.status}) though the contract makes it invalid`;
  if (v.expect === 'same' && original !== undefined) {
    if (r.status !== original.status) return `exit ${r.status}, the original's is ${original.status}`;
    const norm = (s: string): string => s.split(file).join('FILE').replace(/shrunk-\d+/g, 'shrunk');
    if (norm(r.stdout) !== norm(original.stdout)) return 'another output than the original\'s';
  }
  return null;
}

async function main(): Promise<void> {
  const variants: Variant[] = [];
  const originals = new Map<string, Map<Command, Outcome>>();
  let k = 0;
  for (const source of SOURCES) {
    const scenario = join(dir, `${source.name}.json`);
    writeFileSync(scenario, JSON.stringify(source.scenario));
    const trace = join(dir, `${source.name}.jsonl`);
    const r = await cli('replay', '--scenario', scenario, '--seed', '1', '--trace-out', trace, '--detail', source.detail);
    if (r.status !== 0 && r.status !== 1) throw new Error(`recording ${source.name}: ${r.stderr}`);
    const text = readFileSync(trace, 'utf8');
    const results = new Map<Command, Outcome>();
    const copy = join(dir, `original-${source.name}.jsonl`);
    writeFileSync(copy, text);
    for (const command of commands) results.set(command, await cli(...commandLine(command, copy, k++)));
    originals.set(source.name, results);
    variants.push(...variantsOf(source.name, text));
  }
  for (const v of variants) {
    const file = join(dir, `v${k}.jsonl`);
    writeFileSync(file, v.bytes);
    for (const command of commands) {
      const r = await cli(...commandLine(command, file, k));
      const original = originals.get(v.source)?.get(command);
      const sameName = original === undefined ? undefined : { ...original, stdout: original.stdout.split(join(dir, `original-${v.source}.jsonl`)).join(file) };
      const problem = judge(v, command, file, r, sameName);
      count(`${command} exit ${r.status}`);
      if (problem !== null) {
        findings.push({ variant: `${v.source}: ${v.what}`, command, problem, stderr: r.stderr.trimEnd().slice(0, 300) });
      }
      if (verbose) console.log(`${command} ${v.source}: ${v.what}: exit ${r.status} ${r.stderr.trimEnd().split('\n')[0]?.slice(0, 160) ?? ''}`);
    }
    k++;
  }
  const byProblem = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.command}: ${f.problem}`;
    byProblem.set(key, [...(byProblem.get(key) ?? []), f]);
  }
  for (const [key, list] of byProblem) {
    console.log(`FLAGGED ${key}: ${list.length}`);
    for (const f of list.slice(0, verbose ? list.length : 4)) console.log(`  ${f.variant}\n    ${f.stderr.split('\n')[0] ?? ''}`);
  }
  const runs = variants.length * commands.length;
  const statuses = [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key}: ${n}`).join(', ');
  console.log(`${variants.length} variants of ${SOURCES.length} traces, ${runs} command runs (${commands.join(', ')}); ${findings.length} flagged`);
  console.log(statuses);
  process.exitCode = findings.length === 0 ? 0 : 1;
}

await main();
