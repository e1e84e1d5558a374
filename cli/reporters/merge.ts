// Merging the JSON reports of `run --shard I/N` into the report of the whole
// plan, as if it had run unsharded: runs and failures are put back in plan
// order and the per-scenario summary is recomputed from the runs.
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { reportOfRows, type FailureReport, type RunRow, type ShardOfPlan, type SuiteReport } from './suite-report.ts';

/** A shard's report as read from disk, with its seconds of wall time if given. */
export interface LoadedReport {
  file: string;
  report: SuiteReport;
}

export function readReportFile(file: string): LoadedReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`${file}: cannot read the report file (does it exist?)`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof RangeError ? 'nested too deeply' : 'not valid JSON';
    throw new InputError(`${file}: ${why}: expected a report written by vsynclab run --reporter json`);
  }
  return { file, report: parseReport(value, file) };
}

/** One report of every run the shards made, in plan order. */
export function mergeReports(loaded: readonly LoadedReport[]): SuiteReport {
  if (loaded.length === 0) throw new InputError('merge-reports: expected at least one report file');
  const owner = new Map<number, string>();
  const results: RunRow[] = [];
  const failures: FailureReport[] = [];
  const first = loaded[0]!;
  for (const { file, report } of loaded) {
    if (report.interrupted !== undefined) {
      throw new InputError(`${file}: interrupted: this run was stopped by ${report.interrupted} before it finished; run the shard again`);
    }
    const a = first.report.shard;
    const b = report.shard;
    if ((a === undefined) !== (b === undefined) || (a !== undefined && b !== undefined && (a.count !== b.count || a.planRuns !== b.planRuns))) {
      throw new InputError(`${file}: shard: expected a shard of the same plan as ${first.file} (${describeShard(a)}), got ${describeShard(b)}`);
    }
    for (const row of report.results) {
      const other = owner.get(row.index);
      if (other !== undefined) throw new InputError(`${file}: results: run ${row.index} (${row.scenario} seed ${row.seed}) is also in ${other}; is a shard given twice?`);
      owner.set(row.index, file);
      results.push(row);
    }
    failures.push(...report.failures);
  }
  results.sort((x, y) => x.index - y.index);
  failures.sort((x, y) => x.index - y.index);
  return reportOfRows(results, failures);
}

/** Shards of the plan that no report covers ("2/4"), for a warning. */
export function missingShards(loaded: readonly LoadedReport[]): string[] {
  const shard = loaded[0]?.report.shard;
  if (shard === undefined) return [];
  const seen = new Set(loaded.map((l) => l.report.shard?.index));
  const missing: string[] = [];
  for (let k = 1; k <= shard.count; k++) if (!seen.has(k)) missing.push(`${k}/${shard.count}`);
  return missing;
}

function describeShard(shard: ShardOfPlan | undefined): string {
  return shard === undefined ? 'not a shard' : `shard ${shard.index}/${shard.count} of ${shard.planRuns} runs`;
}

// ---- Reading a report: every field checked, every problem named by its path.

type Json = Record<string, unknown>;

function parseReport(value: unknown, file: string): SuiteReport {
  const at = (path: string): string => `${file}: ${path}`;
  const obj = object(value, at('the report'));
  const results = array(obj.results, at('results'), 'a list of runs (was the report written by an older vsynclab?)').map((r, k) => runRow(r, at(`results[${k}]`)));
  const failures = array(obj.failures, at('failures'), 'a list').map((f, k) => failureRow(f, at(`failures[${k}]`)));
  const failedIndexes = new Set(results.filter((r) => !r.passed).map((r) => r.index));
  for (const [k, f] of failures.entries()) {
    if (!failedIndexes.has(f.index)) throw new InputError(`${at(`failures[${k}].index`)}: expected the index of a failed run in results, got ${f.index}`);
  }
  if (failures.length !== failedIndexes.size) throw new InputError(`${at('failures')}: expected one entry per failed run in results (${failedIndexes.size}), got ${failures.length}`);
  const report = reportOfRows(results, failures);
  if (obj.shard !== undefined) {
    const s = object(obj.shard, at('shard'));
    const count = integer(s.count, at('shard.count'), 1);
    const index = integer(s.index, at('shard.index'), 1);
    if (index > count) throw new InputError(`${at('shard.index')}: expected at most shard.count (${count}), got ${index}`);
    report.shard = { index, count, planRuns: integer(s.planRuns, at('shard.planRuns'), 0) };
  }
  if (obj.interrupted !== undefined) report.interrupted = string(obj.interrupted, at('interrupted'));
  return report;
}

/** The fields that name a run, shared by result rows and failure rows. */
function runIdentity(o: Record<string, unknown>, where: string): { index: number; scenario: string; file: string; seed: number } {
  return {
    index: integer(o.index, `${where}.index`, 0),
    scenario: string(o.scenario, `${where}.scenario`),
    file: string(o.file, `${where}.file`),
    seed: integer(o.seed, `${where}.seed`, 0),
  };
}

function runRow(value: unknown, where: string): RunRow {
  const o = object(value, where);
  return {
    ...runIdentity(o, where),
    passed: boolean(o.passed, `${where}.passed`),
    simEvents: integer(o.simEvents, `${where}.simEvents`, 0),
    simTimeUs: integer(o.simTimeUs, `${where}.simTimeUs`, 0),
    wallSeconds: number(o.wallSeconds, `${where}.wallSeconds`),
  };
}

function failureRow(value: unknown, where: string): FailureReport {
  const o = object(value, where);
  return {
    ...runIdentity(o, where),
    failure: string(o.failure, `${where}.failure`),
    detail: string(o.detail, `${where}.detail`),
    properties: array(o.properties, `${where}.properties`, 'a list of property ids').map((p, k) => string(p, `${where}.properties[${k}]`)),
    trace: o.trace === null ? null : string(o.trace, `${where}.trace`),
    replay: string(o.replay, `${where}.replay`),
  };
}

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`${where}: expected an object`);
  return value as Json;
}

function array(value: unknown, where: string, what: string): unknown[] {
  if (!Array.isArray(value)) throw new InputError(`${where}: expected ${what}`);
  return value;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new InputError(`${where}: expected a string`);
  return value;
}

function boolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new InputError(`${where}: expected true or false`);
  return value;
}

function number(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InputError(`${where}: expected a number >= 0`);
  return value;
}

function integer(value: unknown, where: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw new InputError(`${where}: expected an integer >= ${min}`);
  return value;
}
