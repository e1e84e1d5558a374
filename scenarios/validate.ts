// Validates a parsed scenario file against scenarios/types.ts and reports
// every problem with its field path. Unknown fields are errors: a typo in a
// fault schedule must not silently turn a fault off.
import { InputError, escapeControl, quote } from '../traces/input-error.ts';
import { TRACE_DETAILS } from '../traces/schema.ts';
import { FieldProblems, join, TOP_LEVEL } from './fields.ts';
import { hostReferences, hostStartTimes } from './host-references.ts';
import { checkRunBounds, MAX_RUN_US } from './run-bounds.ts';
import { ALL_PROPERTIES, isPropertyId, type PropertyId } from '../core/property-ids.ts';
import { PROCESS_ROLES } from './types.ts';
import { delay, HOST_PATTERN, hostName, isProcessRole, linkOverride } from './field-readers.ts';
import { RANDOM_FAULT_KEYS, SCHEDULED_FAULT_TYPES, SCHEDULED_FAULTS } from '../sim/faults/index.ts';
import type {
  FaultSpec,
  NetworkSpec,
  NoteAt,
  RandomFaultSpec,
  Scenario,
  ScheduledFault,
  WorkloadSpec,
} from './types.ts';

/**
 * The largest relative weight (an order's, a random fault kind's): weights are
 * only compared, and below this their sums stay finite (two of 1e308 would
 * sum to Infinity and make every draw the last kind).
 */
export const MAX_WEIGHT = 1_000_000_000;

/** Seeds a scenario or a command line may name at most (a bound on `vsynclab run`). */
export const MAX_SEEDS = 100_000;
/** The largest seed: seeds are exact integers, and a JSON number is exact only up to here. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;
/**
 * A scenario's name names its trace files (`<name>-seed<N>.jsonl` under
 * `--out`), so it is a plain file name: no separators, no leading dot.
 */
const SCENARIO_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const SCENARIO_NAME_RULE = '1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit (it names trace files)';

/**
 * Throws an InputError for the problems found, or returns. One problem is
 * one line, `FILE: field: expected ..., got ...`; several are listed.
 */
export function throwProblems(f: FieldProblems, what: string, file: string, at?: string): void {
  if (f.problems.length === 0) return;
  const problems = at === undefined ? f.problems : f.problems.map((p) => within(at, p));
  if (problems.length === 1) throw new InputError(escapeControl(`${file}: ${problems[0]}`));
  const shown = problems.slice(0, 10).map((p) => `  ${file}: ${p}`).join('\n');
  const more = problems.length > 10 ? `\n  ... and ${problems.length - 10} more` : '';
  throw new InputError(escapeControl(`invalid ${what} ${file} (${problems.length} problems):\n${shown}${more}`));
}

/** A problem `path: expected ...` of a value held at `at` in its file (a trace header's `scenarioSpec`), with the whole path. */
function within(at: string, problem: string): string {
  return problem.startsWith(`${TOP_LEVEL}:`) ? `${at}${problem.slice(TOP_LEVEL.length)}` : `${at}.${problem}`;
}

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Text that `vsynclab list` and reports print: no control characters, which could drive the terminal. */
export function printableText(f: FieldProblems, value: unknown, path: string): string {
  const text = f.string(value, path);
  if (CONTROL_CHARACTER.test(text)) f.add(path, 'text without control characters (no newlines, tabs or escape sequences)', value);
  return text;
}

/** A scenario's `name`: a plain file name (see SCENARIO_NAME_PATTERN). */
export function scenarioName(f: FieldProblems, value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') return f.string(value, path);
  if (SCENARIO_NAME_PATTERN.test(value)) return value;
  f.add(path, `a name of ${SCENARIO_NAME_RULE}`, value);
  return typeof value === 'string' ? value : '';
}

/**
 * `file` names the file in messages; `at`, when the scenario is a field of
 * it (a trace header's `scenarioSpec`, with the line: `FILE:1: scenarioSpec.durationUs: ...`), prefixes each field path.
 */
export function validateScenario(value: unknown, file: string, at?: string): Scenario {
  const f = new FieldProblems();
  const o = f.object(value, '(top level)', [
    'name', 'description', 'processes', 'protocol', 'network', 'clockDriftPpm', 'workload',
    'faults', 'durationUs', 'settleUs', 'quietWindowUs', 'seeds', 'limits', 'properties', 'detail',
    // Read by `vsynclab explore` (sim/explore/config.ts); a timed run ignores it.
    'explore',
  ]);
  const protocol = f.object(o.protocol, 'protocol', ['name', 'options']);
  const durationUs = f.int(o.durationUs, 'durationUs', 0);
  // The end of the fault phase, for the timed events to be checked against; unknown when durationUs is wrong (reported above).
  const phaseEndUs = typeof o.durationUs === 'number' && o.durationUs === durationUs ? durationUs : undefined;
  const scenario: Scenario = {
    name: scenarioName(f, o.name, 'name'),
    description: printableText(f, o.description, 'description'),
    processes: f.int(o.processes, 'processes', 1, 64),
    protocol: { name: f.string(protocol.name, 'protocol.name') },
    network: network(f, o.network),
    workload: workload(f, o.workload, o.durationUs, phaseEndUs),
    durationUs,
    settleUs: f.int(o.settleUs, 'settleUs', 0),
    seeds: seeds(f, o.seeds),
  };
  if (protocol.options !== undefined) scenario.protocol.options = f.object(protocol.options, 'protocol.options', Object.keys(protocol.options as object ?? {}));
  if (o.clockDriftPpm !== undefined) {
    const drift = f.object(o.clockDriftPpm, 'clockDriftPpm', Object.keys(o.clockDriftPpm as object ?? {}));
    scenario.clockDriftPpm = {};
    for (const [host, ppm] of Object.entries(drift)) {
      hostName(f, host, join('clockDriftPpm', host));
      scenario.clockDriftPpm[host] = f.number(ppm, join('clockDriftPpm', host), -500_000, 500_000);
    }
  }
  if (o.faults !== undefined) scenario.faults = faults(f, o.faults, phaseEndUs);
  if (o.quietWindowUs !== undefined) scenario.quietWindowUs = f.int(o.quietWindowUs, 'quietWindowUs', 1);
  if (o.limits !== undefined) {
    const l = f.object(o.limits, 'limits', ['maxEvents', 'maxInFlight', 'maxTraceEvents']);
    scenario.limits = {};
    if (l.maxEvents !== undefined) scenario.limits.maxEvents = f.int(l.maxEvents, 'limits.maxEvents', 1);
    if (l.maxInFlight !== undefined) scenario.limits.maxInFlight = f.int(l.maxInFlight, 'limits.maxInFlight', 1);
    if (l.maxTraceEvents !== undefined) scenario.limits.maxTraceEvents = f.int(l.maxTraceEvents, 'limits.maxTraceEvents', 1);
  }
  if (o.properties !== undefined) scenario.properties = propertyProfile(f, o.properties);
  if (o.detail !== undefined) scenario.detail = f.oneOf(o.detail, 'detail', TRACE_DETAILS);
  if (f.problems.length === 0) {
    checkHosts(f, scenario);
    checkRunBounds(f, scenario);
  }
  throwProblems(f, 'scenario', file, at);
  return scenario;
}

/** Whether a scenario built in code (a shrink candidate) is one a file could hold. */
export function isValidScenario(scenario: Scenario): boolean {
  try {
    validateScenario(JSON.parse(JSON.stringify(scenario)), `scenario ${scenario.name}`);
    return true;
  } catch (error) {
    if (error instanceof InputError) return false;
    throw error;
  }
}

/** Every host the scenario names is one it has: p1..pN, or a joiner p(N+1)... once it has joined. */
function checkHosts(f: FieldProblems, scenario: Scenario): void {
  const starts = hostStartTimes(scenario);
  const joiners = starts.size - scenario.processes;
  const known = joiners === 0
    ? `p1..p${scenario.processes}`
    : `p1..p${scenario.processes}, or p${scenario.processes + 1}..p${starts.size} that workload.joins adds`;
  for (const ref of hostReferences(scenario)) {
    const startUs = starts.get(ref.host);
    if (startUs === undefined) {
      f.add(ref.path, `a host of this scenario (${known})`, ref.host);
    } else if (ref.needsHostAtTime && ref.atUs !== undefined && ref.atUs < startUs) {
      f.add(ref.path, `a host that exists at ${ref.atUs} us (${ref.host} joins at ${startUs} us)`, ref.host);
    }
  }
}

/** `properties`: the property ids the scenario promises (its profile), at least one, no repeats. */
function propertyProfile(f: FieldProblems, value: unknown): PropertyId[] {
  const expected = `property ids among ${ALL_PROPERTIES.join(', ')}`;
  const ids: PropertyId[] = [];
  f.array(value, 'properties').forEach((item, k) => {
    if (typeof item === 'string' && isPropertyId(item) && !ids.includes(item)) ids.push(item);
    else f.add(join('properties', k), `one of the ${expected}, each once`, item);
  });
  if (Array.isArray(value) && value.length === 0) f.add('properties', `at least one of the ${expected}`, value);
  return ids;
}

function network(f: FieldProblems, value: unknown): NetworkSpec {
  const n = f.object(value, 'network', ['delay', 'lossProbability', 'duplicateProbability', 'links']);
  const spec: NetworkSpec = {
    delay: delay(f, n.delay, 'network.delay'),
    lossProbability: f.probability(n.lossProbability, 'network.lossProbability'),
    duplicateProbability: f.probability(n.duplicateProbability, 'network.duplicateProbability'),
  };
  const links = f.optionalArray(n.links, 'network.links');
  if (links !== undefined) spec.links = links.map((link, k) => linkOverride(f, link, join('network.links', k)));
  return spec;
}

/**
 * A timed event of the fault phase (a join, a leave, a scheduled fault): the
 * workload and the faults happen only before `durationUs`. A later join or
 * leave would fire in the settle phase, which must see no new work to judge
 * liveness, or never (after the run ends, or once the run has settled); a
 * later fault never fires. `phaseEndUs` undefined: durationUs itself is
 * wrong and already reported.
 */
function phaseTime(f: FieldProblems, value: unknown, path: string, phaseEndUs: number | undefined): number {
  const atUs = f.int(value, path, 0);
  if (atUs !== value || phaseEndUs === undefined || atUs < phaseEndUs) return atUs;
  const range = phaseEndUs === 0 ? 'no timed event at all' : `an integer from 0 to ${phaseEndUs - 1}`;
  f.add(path, `${range} (the fault phase, where the workload and the faults happen, ends at durationUs = ${phaseEndUs} us; ` +
    'a later event would fall in the settle phase, or after the run ends, and never happen)', value);
  return atUs;
}

/** `durationUs` as the file has it: `workload.startUs` must not be after it (checked there when it is not a whole number >= 0). */
function workload(f: FieldProblems, value: unknown, durationUs: unknown, phaseEndUs: number | undefined): WorkloadSpec {
  const w = f.object(value, 'workload', ['multicastsPerSecond', 'orders', 'maxMulticasts', 'startUs', 'keys', 'joins', 'leaves']);
  const orders = f.object(w.orders, 'workload.orders', ['fifo', 'causal', 'total']);
  const spec: WorkloadSpec = {
    multicastsPerSecond: f.number(w.multicastsPerSecond, 'workload.multicastsPerSecond', 0, 1_000_000),
    orders: {
      // A missing weight is 0; `null` is not (it is what a half-edited file holds).
      fifo: orders.fifo === undefined ? 0 : f.number(orders.fifo, 'workload.orders.fifo', 0, MAX_WEIGHT),
      causal: orders.causal === undefined ? 0 : f.number(orders.causal, 'workload.orders.causal', 0, MAX_WEIGHT),
      total: orders.total === undefined ? 0 : f.number(orders.total, 'workload.orders.total', 0, MAX_WEIGHT),
    },
  };
  if (spec.multicastsPerSecond > 0 && spec.orders.fifo + spec.orders.causal + spec.orders.total <= 0) {
    f.add('workload.orders', 'at least one order with a weight above 0', w.orders);
  }
  if (w.maxMulticasts !== undefined) spec.maxMulticasts = f.int(w.maxMulticasts, 'workload.maxMulticasts', 0);
  if (w.startUs !== undefined) {
    const lastUs = typeof durationUs === 'number' && Number.isInteger(durationUs) && durationUs >= 0 ? Math.min(durationUs, MAX_RUN_US) : MAX_RUN_US;
    spec.startUs = f.int(w.startUs, 'workload.startUs', 0, lastUs);
  }
  if (w.keys !== undefined) spec.keys = f.int(w.keys, 'workload.keys', 1, 1_000_000);
  const joins = f.optionalArray(w.joins, 'workload.joins');
  if (joins !== undefined) {
    spec.joins = joins.map((j, k) => {
      const path = join('workload.joins', k);
      const o = f.object(j, path, ['atUs', 'count']);
      const out: { atUs: number; count?: number } = { atUs: phaseTime(f, o.atUs, join(path, 'atUs'), phaseEndUs) };
      if (o.count !== undefined) out.count = f.int(o.count, join(path, 'count'), 1, 32);
      return out;
    });
  }
  const leaves = f.optionalArray(w.leaves, 'workload.leaves');
  if (leaves !== undefined) {
    spec.leaves = leaves.map((l, k) => {
      const path = join('workload.leaves', k);
      const o = f.object(l, path, ['atUs', 'host']);
      return { atUs: phaseTime(f, o.atUs, join(path, 'atUs'), phaseEndUs), host: hostName(f, o.host, join(path, 'host')) };
    });
  }
  return spec;
}

function faults(f: FieldProblems, value: unknown, phaseEndUs: number | undefined): FaultSpec {
  const o = f.object(value, 'faults', ['schedule', 'random', 'rejoinExcludedAfterUs']);
  const spec: FaultSpec = {};
  const schedule = f.optionalArray(o.schedule, 'faults.schedule');
  if (schedule !== undefined) {
    spec.schedule = schedule.map((s, k) => scheduledFault(f, s, join('faults.schedule', k), phaseEndUs));
  }
  if (o.random !== undefined) spec.random = randomFaults(f, o.random);
  if (o.rejoinExcludedAfterUs !== undefined) {
    spec.rejoinExcludedAfterUs = f.int(o.rejoinExcludedAfterUs, 'faults.rejoinExcludedAfterUs', 0);
  }
  return spec;
}

/** Every schedule entry may have these; each fault type adds its own (sim/faults/*.ts). */
const SCHEDULED_BASE_FIELDS = ['type', 'atUs', 'onNote', 'at'];
const SCHEDULED_FIELDS = [...new Set([...SCHEDULED_BASE_FIELDS, ...SCHEDULED_FAULT_TYPES.flatMap((t) => SCHEDULED_FAULTS[t].fields)])];

function scheduledFault(f: FieldProblems, value: unknown, path: string, phaseEndUs: number | undefined): ScheduledFault {
  const raw = f.object(value, path, SCHEDULED_FIELDS);
  const type = f.oneOf(raw.type, join(path, 'type'), SCHEDULED_FAULT_TYPES);
  const base: { atUs?: number; onNote?: ScheduledFault['onNote']; at?: NoteAt } = {};
  if (raw.onNote !== undefined && raw.at !== undefined) f.add(join(path, 'at'), 'either at or onNote, not both', raw.at);
  if (raw.onNote !== undefined) {
    const n = f.object(raw.onNote, join(path, 'onNote'), ['host', 'text', 'occurrence', 'delayUs']);
    base.onNote = { host: hostName(f, n.host, join(path, 'onNote.host')), text: printableText(f, n.text, join(path, 'onNote.text')) };
    if (n.occurrence !== undefined) base.onNote.occurrence = f.int(n.occurrence, join(path, 'onNote.occurrence'), 1);
    if (n.delayUs !== undefined) base.onNote.delayUs = f.int(n.delayUs, join(path, 'onNote.delayUs'), 0);
    if (raw.atUs !== undefined) f.add(join(path, 'atUs'), 'no atUs when onNote is given', raw.atUs);
  } else if (raw.at !== undefined) {
    base.at = noteAt(f, raw.at, join(path, 'at'), phaseEndUs);
    if (raw.atUs !== undefined) f.add(join(path, 'atUs'), 'no atUs when at is given (at says which note fires the fault)', raw.atUs);
  } else {
    base.atUs = phaseTime(f, raw.atUs, join(path, 'atUs'), phaseEndUs);
  }
  // The type's own fields: its file in sim/faults/ reads them.
  return { ...base, type, ...SCHEDULED_FAULTS[type].read(f, raw, path) } as ScheduledFault;
}

const NOTE_NODES = `a host name like "p1", one of the roles ${PROCESS_ROLES.map((r) => `"${r}"`).join(', ')}, or "any"`;

/** `at`: a note trigger whose `node` may be a role (types.ts, NoteAt). */
function noteAt(f: FieldProblems, value: unknown, path: string, phaseEndUs: number | undefined): NoteAt {
  const n = f.object(value, path, ['note', 'node', 'occurrence', 'delayUs', 'afterUs']);
  let node: NoteAt['node'] = 'any';
  if (typeof n.node === 'string' && (n.node === 'any' || isProcessRole(n.node) || HOST_PATTERN.test(n.node))) node = n.node;
  else f.add(join(path, 'node'), NOTE_NODES, n.node);
  const at: NoteAt = { note: printableText(f, n.note, join(path, 'note')), node };
  if (n.occurrence !== undefined) at.occurrence = f.int(n.occurrence, join(path, 'occurrence'), 1, 1_000_000);
  if (n.delayUs !== undefined) at.delayUs = f.int(n.delayUs, join(path, 'delayUs'), 0, MAX_RUN_US);
  // A note after `afterUs` fires the fault; an afterUs past the fault phase never would.
  if (n.afterUs !== undefined) at.afterUs = phaseTime(f, n.afterUs, join(path, 'afterUs'), phaseEndUs);
  return at;
}

function randomFaults(f: FieldProblems, value: unknown): RandomFaultSpec {
  const o = f.object(value, 'faults.random', ['meanIntervalUs', 'kinds', 'maxDown', 'slowLinkDelayUs']);
  const kinds = f.object(o.kinds, 'faults.random.kinds', RANDOM_FAULT_KEYS);
  const spec: RandomFaultSpec = { meanIntervalUs: f.int(o.meanIntervalUs, 'faults.random.meanIntervalUs', 1), kinds: {} };
  for (const [kind, weight] of Object.entries(kinds)) {
    (spec.kinds as Record<string, number>)[kind] = f.number(weight, join('faults.random.kinds', kind), 0, MAX_WEIGHT);
  }
  if (o.maxDown !== undefined) spec.maxDown = f.int(o.maxDown, 'faults.random.maxDown', 0);
  if (o.slowLinkDelayUs !== undefined) spec.slowLinkDelayUs = f.int(o.slowLinkDelayUs, 'faults.random.slowLinkDelayUs', 1);
  return spec;
}

export function seeds(f: FieldProblems, value: unknown): number[] {
  if (typeof value === 'string') {
    const range = readSeedRange(value);
    if (typeof range !== 'string') return range;
    f.add('seeds', `a range "A..B" or an array of integers (${range})`, value);
    return [];
  }
  const list = f.array(value, 'seeds').map((s, k) => f.int(s, join('seeds', k), 0, MAX_SEED));
  if (list.length === 0 || list.length > MAX_SEEDS) f.add('seeds', `1 to ${MAX_SEEDS} seeds`, value);
  // A seed listed twice would run (and name a trace file) twice: a slip, not a wish.
  const seen = new Set<number>();
  list.forEach((seed, k) => {
    if (seen.has(seed) && Array.isArray(value) && value[k] === seed) f.add(join('seeds', k), `each seed once (${seed} is listed before)`, seed);
    seen.add(seed);
  });
  return list;
}

/** What a seed is, for messages. */
export const SEED_RULE = `an integer from 0 to ${MAX_SEED}`;

/**
 * A seed written as text: digits only, no sign, no leading zeros, at most
 * MAX_SEED, so that it names exactly one run ("9007199254740993" would
 * silently become ...992 as a number). Null when it is not a seed.
 */
export function parseSeed(text: string): number | null {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_SEED && String(n) === text ? n : null;
}

/** A value that should have been a seed, quoted for a message. */
export function describeSeed(seed: unknown): string {
  if (seed === undefined) return 'nothing';
  if (typeof seed === 'string') return quote(seed);
  return typeof seed === 'number' ? `the number ${seed}` : `a value of type ${seed === null ? 'null' : typeof seed}`;
}

/** "3..7" -> [3, 4, 5, 6, 7]; null when not a valid range. */
export function parseSeedRange(text: string): number[] | null {
  const range = readSeedRange(text);
  return typeof range === 'string' ? null : range;
}

/** "3..7" -> [3, 4, 5, 6, 7]; otherwise a sentence saying what is wrong with it. */
export function readSeedRange(text: string): number[] | string {
  const m = /^(.*)\.\.(.*)$/.exec(text.trim());
  if (m === null) return 'not a range A..B';
  const from = parseSeed(m[1] ?? '');
  const to = parseSeed(m[2] ?? '');
  if (from === null) return `${JSON.stringify(m[1])} is not a seed; seeds are ${SEED_RULE}`;
  if (to === null) return `${JSON.stringify(m[2])} is not a seed; seeds are ${SEED_RULE}`;
  if (to < from) return `the range ends before it starts (${to} < ${from})`;
  if (to - from + 1 > MAX_SEEDS) return `${to - from + 1} seeds; at most ${MAX_SEEDS} seeds in one run`;
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}
