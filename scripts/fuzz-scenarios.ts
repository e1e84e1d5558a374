// A quick fuzz of the scenario loader (not part of npm test): every
// scenarios/*.json (and scenarios/explore/*.json) is mutated field by field
// (wrong type, null, negative, huge, NaN-like, empty array, deleted, an
// unknown sibling field, deep nesting) and fed to the in-process loader,
// then its protocol is built, as `vsynclab run` does before any run. Any
// outcome other than "loads" or "InputError naming the file and a field or
// line" is printed; a mutation that should never load (a wrong type, an
// unknown field) and loads anyway is printed as "taken silently".
//
//   npx tsx scripts/fuzz-scenarios.ts [--spawn N] [--verbose]
//
// --spawn N also runs the compiled CLI (`node bin/vsynclab.js run FILE
// --seed 1`) on N of the rejected variants (spread evenly) and checks the
// exit status is 2 and standard error is one line with no stack trace.
// --run also runs each variant that loads (seed 1, at most 30,000 events)
// and flags an exception or a protocol error: a scenario the validator takes
// must be one the simulator can run.
// Exit status: 0 when nothing was flagged, 1 otherwise.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { parseScenarioText, checkProtocols } from '../sim/scenario-files.ts';
import { InputError } from '../core/input-error.ts';
import { runScenario } from '../sim/run.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

interface Mutation {
  what: string;
  /** The loader must refuse this variant (a wrong type, an unknown field...). */
  mustRefuse: boolean;
  text: string;
}

const ROOT = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const spawnCount = args.includes('--spawn') ? Number(args[args.indexOf('--spawn') + 1]) : 0;
const verbose = args.includes('--verbose');
const runLoaded = args.includes('--run');

function scenarioFiles(): string[] {
  const dirs = ['scenarios', 'scenarios/explore', 'scenarios/regressions'];
  return dirs.flatMap((dir) =>
    readdirSync(join(ROOT, dir)).filter((name) => name.endsWith('.json')).sort().map((name) => join(dir, name)),
  );
}

/** Every path to a value in the document, the document itself first. */
function paths(value: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((item, k) => out.push(...paths(item, [...at, k])));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) out.push(...paths(item, [...at, key]));
  return out;
}

function clone(value: Json): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

function setAt(doc: Json, path: Path, replace: (old: Json) => Json | undefined): Json {
  if (path.length === 0) return replace(doc) ?? null;
  const copy = clone(doc);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key as string] as unknown as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  const next = replace(parent[last] as Json);
  if (next === undefined) {
    if (Array.isArray(parent)) (parent as Json[]).splice(last as number, 1);
    else delete parent[last];
  } else {
    parent[last] = next;
  }
  return copy;
}

function typeOf(value: Json): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Inside these objects any key is a name (a host, an option), checked by other means. */
function freeFormObject(path: Path): boolean {
  const name = path.join('.');
  return name.endsWith('clockDriftPpm') || name.endsWith('protocol.options') || name === 'generate.protocol.options';
}

function mutations(doc: Json): Mutation[] {
  const out: Mutation[] = [];
  const add = (what: string, mustRefuse: boolean, value: Json | string): void => {
    out.push({ what, mustRefuse, text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) });
  };
  for (const path of paths(doc)) {
    const where = path.length === 0 ? '(top level)' : path.join('.');
    const old = path.length === 0 ? doc : (path.reduce<Json>((v, k) => (v as Record<string, Json>)[k as string] as Json, doc));
    const kind = typeOf(old);
    const replacements: [string, Json][] = [
      ['null', null],
      ['"x"', 'x'],
      ['""', ''],
      ['-1', -1],
      ['0', 0],
      ['1.5', 1.5],
      ['1e300', 1e300],
      ['2^53', 2 ** 53],
      ['true', true],
      ['[]', []],
      ['{}', {}],
      ['"\\u001b[2J"', '\u001b[2J'],
    ];
    for (const [label, value] of replacements) {
      const sameType = typeOf(value) === kind || (kind === 'number' && typeof value === 'number');
      add(`${where} = ${label}`, !sameType && kind !== 'null', setAt(doc, path, () => value));
    }
    if (path.length > 0) add(`${where} deleted`, false, setAt(doc, path, () => undefined));
    if (kind === 'object' && !freeFormObject(path)) {
      add(`${where} + unknown field "tpyo"`, true, setAt(doc, path, (o) => ({ ...(o as Record<string, Json>), tpyo: 1 })));
    }
    if (kind === 'array' && (old as Json[]).length > 0) {
      add(`${where} first item doubled`, where === 'seeds', setAt(doc, path, (a) => [...(a as Json[]), (a as Json[])[0] as Json]));
    }
    if (kind === 'string' && /^p[0-9]+$/.test(old as string)) {
      add(`${where} = "p99"`, true, setAt(doc, path, () => 'p99'));
      add(`${where} = "p0"`, true, setAt(doc, path, () => 'p0'));
    }
  }
  // Whole-file oddities.
  const text = JSON.stringify(doc, null, 2);
  add('empty file', true, '');
  add('truncated mid-line', true, text.slice(0, Math.floor(text.length / 2)));
  add('binary bytes', true, '\u0000\u0001\u00ff\u00fe');
  add('nested 10000 deep', true, `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
  add('a JSON array', true, '[]');
  add('a JSON string', true, '"scenario"');
  add('duplicate key', true, text.replace('{', '{\n  "name": "dup",'));
  return out;
}

interface Finding {
  file: string;
  what: string;
  outcome: string;
}

const findings: Finding[] = [];
const refused: { file: string; what: string; text: string }[] = [];
let variants = 0;
let loaded = 0;

function nameFileAndField(message: string, file: string): boolean {
  // `FILE: field: ...`, `FILE:LINE: ...`, or a list whose every line names the file.
  const lines = message.split('\n');
  if (lines.length === 1) return message.startsWith(`${file}:`);
  return lines.slice(1).filter((l) => !l.trim().startsWith('...')).every((l) => l.trim().startsWith(`${file}:`)) && lines[0]!.includes(file);
}

for (const file of scenarioFiles()) {
  const doc = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Json;
  for (const m of mutations(doc)) {
    variants++;
    try {
      const scenario = parseScenarioText(m.text, file);
      checkProtocols([scenario]);
      const concrete = scenario.forSeed(scenario.seeds[0] ?? 0);
      loaded++;
      if (runLoaded) {
        const capped = { ...concrete, limits: { ...concrete.limits, maxEvents: Math.min(concrete.limits?.maxEvents ?? 30_000, 30_000) } };
        try {
          const result = runScenario(capped, { seed: '1' });
          if (result.error !== null && result.refused === undefined) findings.push({ file, what: m.what, outcome: `run error: ${result.error.slice(0, 300)}` });
        } catch (error) {
          if (!(error instanceof InputError)) findings.push({ file, what: m.what, outcome: `run threw: ${String((error as Error)?.stack ?? error).slice(0, 300)}` });
          else if (verbose) console.log(`RUN-REFUSED ${file} ${m.what}: ${error.message}`);
        }
      }
      if (m.mustRefuse) findings.push({ file, what: m.what, outcome: 'taken silently (loads)' });
      if (verbose) console.log(`loads: ${file} ${m.what}`);
    } catch (error) {
      if (error instanceof InputError) {
        if (!nameFileAndField(error.message, file)) findings.push({ file, what: m.what, outcome: `InputError not naming the file: ${error.message.slice(0, 200)}` });
        else refused.push({ file, what: m.what, text: m.text });
        if (verbose) console.log(`${file} ${m.what}: ${error.message.split('\n')[0]}`);
      } else {
        const e = error as Error;
        findings.push({ file, what: m.what, outcome: `${e?.name ?? typeof error}: ${String(e?.message ?? error).slice(0, 200)}` });
      }
    }
  }
}

// The same problems, seen by the user: exit 2, one line, no stack trace.
if (spawnCount > 0 && refused.length > 0) {
  const dir = mkdtempSync(join(tmpdir(), 'vsynclab-fuzz-'));
  try {
    const step = Math.max(1, Math.floor(refused.length / spawnCount));
    for (let k = 0; k < refused.length && k / step < spawnCount; k += step) {
      const sample = refused[k]!;
      const path = join(dir, 'variant.json');
      writeFileSync(path, sample.text);
      const result = spawnSync(process.execPath, [join(ROOT, 'bin/vsynclab.js'), 'run', path, '--seed', '1', '--workers', '1'], { encoding: 'utf8' });
      const lines = result.stderr.split('\n').filter((l) => l !== '');
      const stack = /\n\s+at /.test(result.stderr);
      // A list of several problems has one line per problem, each naming the file.
      const oneProblemPerLine = lines.length === 1 || lines.slice(1).every((l) => l.trim().startsWith(path) || l.trim().startsWith('...'));
      if (result.status !== 2 || stack || !oneProblemPerLine) {
        findings.push({ file: sample.file, what: `${sample.what} (CLI)`, outcome: `exit ${result.status}, stderr: ${result.stderr.slice(0, 300)}` });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const f of findings) console.log(`${f.file}: ${f.what}: ${f.outcome}`);
console.log(`${variants} variants of ${scenarioFiles().length} files: ${loaded} load, ${refused.length} refused with file and field, ${findings.length} flagged`);
process.exitCode = findings.length === 0 ? 0 : 1;
