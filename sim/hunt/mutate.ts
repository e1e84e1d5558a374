// How the hunt makes a new candidate from a kept one: small changes of the
// kinds swarm testing and fault-injection fuzzers use. A new seed; a swarm
// switch (a random fault kind, an order, loss or duplication turned on or
// off); a scheduled fault, leave or join moved in time; a fault, leave or
// join spliced in from another kept scenario, or its workload (rate and
// order mix) crossed over; the load scaled; a fault aimed at a protocol
// moment (a note some run emitted, a role) or an existing fault re-aimed
// (aimed-faults.ts); one of the generator's strikes added
// (strike-mutation.ts). The switches are the fields the scenarios themselves
// carry (every random fault kind and order some kept scenario names) and
// the notes the runs emitted, so a kind the generator learns is switched too.
import type { Scenario, ScheduledFault } from '../../scenarios/types.ts';
import { isValidScenario } from '../../scenarios/validate.ts';
import type { Rng } from '../rng.ts';
import { addAimedFault, reaimFault, type NoteCounts } from './aimed-faults.ts';
import { addStrike, addStrikes, takenOut, type AddedStrike } from './strike-mutation.ts';
import type { StrikeCoverage } from './strike-coverage.ts';
import { tourPicks } from './tour-strikes.ts';

export const MUTATIONS = ['reseed', 'fault-kind', 'order', 'network', 'fault-time', 'splice', 'load', 'aimed-fault', 'reaim', 'strike'] as const;
export type Mutation = (typeof MUTATIONS)[number];
/**
 * How often each is drawn. Faults at protocol moments reach what random
 * faults almost never do, so they weigh most, the generator's strikes
 * (whole situations: a fault at a note with the load that brings the note
 * about, competing coordinators...) above all; a new seed is the cheapest
 * way to see a kept scenario's neighbourhood.
 */
const MUTATION_WEIGHTS: Readonly<Record<Mutation, number>> = {
  reseed: 3, 'fault-kind': 1, order: 1, network: 1, 'fault-time': 1, splice: 1, load: 1, 'aimed-fault': 3, reaim: 2, strike: 5,
};
const WEIGHTS = MUTATIONS.map((m) => MUTATION_WEIGHTS[m]);
/** The load scaling keeps the rate in this range (multicasts per second). */
const MIN_RATE = 10;
const MAX_RATE = 2_000;

export interface Candidate {
  scenario: Scenario;
  seed: number;
  /** What was done to the parent, for the corpus file's description. */
  changes: string[];
  /** How often its run emitted each trigger note (a kept candidate's; aimed faults aim at these). */
  noteCounts?: NoteCounts;
  /** The strike variants (kind/variant keys) the mutation that made it added. */
  addedStrikes?: string[];
  /** One of those is quiet (its race timed in steps on a cleared stage): the hunt retries it on a fresh seed. */
  quietStrike?: boolean;
  /** A suite file's own scenario for a seed, unmutated (a starting scenario or a fresh draw): the strike tour's parents. */
  plainDraw?: boolean;
}

/** The vocabulary of the switches: every random fault kind and order named by a scenario of the corpus. */
export interface Switches {
  faultKinds: string[];
  orders: string[];
  /** Notes a fault trigger may name (from the scenarios' triggers; the hunt adds the notes its runs emitted). */
  notes: string[];
}

const SEED_RANGE = 2 ** 31;
/** Tries before giving up on a valid mutant of one parent (a validation failure costs microseconds). */
const MAX_TRIES = 20;

export function switchesOf(scenarios: readonly Scenario[]): Switches {
  const faultKinds = new Set<string>();
  const orders = new Set<string>();
  const notes = new Set<string>();
  for (const s of scenarios) {
    for (const k of Object.keys(s.faults?.random?.kinds ?? {})) faultKinds.add(k);
    for (const k of Object.keys(s.workload.orders)) orders.add(k);
    for (const f of s.faults?.schedule ?? []) {
      if (f.at !== undefined) notes.add(f.at.note);
      if (f.onNote !== undefined) notes.add(f.onNote.text);
    }
  }
  return { faultKinds: [...faultKinds].sort(), orders: [...orders].sort(), notes: [...notes].sort() };
}

/**
 * The mutations' weights: with a strike tally, the strike mutation weighs
 * more while variants remain that no candidate has carried (up to
 * 1 + UNTRIED_STRIKE_BOOST times its weight when none has been tried):
 * a short hunt spends its first runs on the situations its starting
 * scenarios lack.
 */
function weightsFor(strikes: StrikeCoverage | undefined): number[] {
  if (strikes === undefined) return WEIGHTS;
  return MUTATIONS.map((m) => (m === 'strike' ? MUTATION_WEIGHTS.strike * (1 + UNTRIED_STRIKE_BOOST * strikes.untriedShare()) : MUTATION_WEIGHTS[m]));
}
const UNTRIED_STRIKE_BOOST = 2;

/**
 * What the hunt may change in a scenario whose protocol options assume what
 * its mutations would break, so that a correct protocol fails a liveness
 * property the properties cannot demand there (the hunt reported such runs
 * as findings until session 6):
 * - `failureDetector: "external"`: nothing times out; a crash is suspected
 *   only when its channel overflows, and an overflow is a final suspicion.
 *   A slower link, more load, or a fault moved or added then wedges a
 *   correct group (a burst past `maxUnackedFrames` at an install suspects
 *   healthy members for good; a crash while the group is frozen is never
 *   suspected: test/protocol/isis/external-detector-hunt.spec.ts).
 * - `reliableNetwork: true`: frames are never acknowledged nor resent, so
 *   loss, a cut link or an isolation the hunt adds loses a message for good.
 * Such a scenario gets new seeds and new orders only.
 */
const ASSUMPTION_KEEPING_MUTATIONS: ReadonlySet<Mutation> = new Set<Mutation>(['reseed', 'order']);

/**
 * How many hosts a child may take out (strike-mutation.ts `takenOut`:
 * crashes, isolations, links slow or lossy enough for a suspicion, leaves):
 * a minority, as the generators' faults keep, or what the parent already
 * takes out when its own design takes more (leavers discounted). Past that
 * a correct primary-partition group blocks, as it must, and its liveness
 * failure is no finding: a fault aimed at the coordinator, added to a
 * scenario whose crash and two leaves already spend the budget, made the
 * hunt report one at the end of session 6.
 */
function takeOutBudgetOf(parent: Scenario): number {
  if (isStaticGroup(parent)) return takenOut(parent);
  return Math.max(Math.floor((parent.processes - 1) / 2), takenOut(parent));
}

/**
 * A static group (`isis-fbcast-static`, `isis-cbcast-static`: no
 * membership service) cannot exclude a crashed or cut-off member: its one
 * view lists it to the end, and the checker's view-convergence fails on a
 * correct group. Its mutants take out no more than it does (nothing), and
 * get no strike (every strike takes a host out or brings a join it refuses)
 * and no random fault kind switched on. One-minute hunts reported a spliced
 * crash with a strike's leave and crash, and a random crash switched on, on
 * `isis-cbcast-static` as findings in session 8.
 */
/** What a static group's mutants never get: a strike, and random fault kinds (a random crash takes a host out unseen by `takenOut`). */
const STATIC_GROUP_OFF: ReadonlySet<Mutation> = new Set<Mutation>(['strike', 'fault-kind']);

/** Whether the strike mutation may add a strike to the scenario (its protocol options and take-outs allow one: the strike tour's parents). */
export function takesStrikes(s: Scenario): boolean {
  return !isStaticGroup(s) && !assumesWhatMutationsBreak(s);
}

function isStaticGroup(s: Scenario): boolean {
  return s.protocol.name.endsWith('-static');
}

function assumesWhatMutationsBreak(s: Scenario): boolean {
  const options = s.protocol.options;
  if (options?.['failureDetector'] === 'external' || options?.['reliableNetwork'] === true) return true;
  // A scenario that takes out more than a minority (isis-cascading-crashes: four of seven, one by one) relies on
  // each view change finishing before the next take-out; a lossy link or a strike that slows one makes the
  // take-outs overlap, and the correct group then blocks without a majority, as it must (a one-minute hunt
  // reported that as a finding at the end of session 7).
  return takenOut(s) > Math.floor((s.processes - 1) / 2);
}

/**
 * A valid mutant of `parent` (1 to 3 changes), or null when every try was
 * invalid. With a strike tally, the strike mutation steers towards the
 * variants the hunt has tried least (strike-coverage.ts).
 */
export function mutate(parent: Candidate, donors: readonly Candidate[], switches: Switches, rng: Rng, strikes?: StrikeCoverage): Candidate | null {
  const restricted = assumesWhatMutationsBreak(parent.scenario);
  const takeOutBudget = takeOutBudgetOf(parent.scenario);
  const staticGroup = isStaticGroup(parent.scenario);
  const weights = restricted
    ? weightsFor(strikes).map((w, k) => (ASSUMPTION_KEEPING_MUTATIONS.has(MUTATIONS[k] as Mutation) ? w : 0))
    : weightsFor(strikes).map((w, k) => (staticGroup && STATIC_GROUP_OFF.has(MUTATIONS[k] as Mutation) ? 0 : w));
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    let scenario = structuredClone(parent.scenario);
    let seed = parent.seed;
    const changes: string[] = [];
    const addedStrikes: string[] = [];
    let quietStrike = false;
    // During the strike tour (strike-coverage.ts), a candidate is its parent and the strikes of untried
    // situations that fit together (tour-strikes.ts), nothing else: each situation's try is not spoilt by
    // other changes (session 7, the hunt column: 25 of 27 found so, 24 with 0 to 2 other changes after the strike).
    const touring = !restricted && !staticGroup && strikes !== undefined && strikes.touring();
    const count = touring ? 1 : 1 + rng.int(3);
    // While variants remain untried, a candidate starts with a strike as often as they remain.
    const strikeFirst = touring || (!restricted && !staticGroup && strikes !== undefined && rng.chance(strikes.untriedShare()));
    for (let k = 0; k < count; k++) {
      const mutation = k === 0 && strikeFirst ? 'strike' : MUTATIONS[rng.weightedIndex(weights)]!;
      if (mutation === 'reseed') {
        seed = rng.int(SEED_RANGE);
        changes.push(`seed ${seed}`);
        continue;
      }
      if (mutation === 'strike') {
        // A tour candidate may carry several situations (tour-strikes.ts); otherwise one strike, steered by the tally.
        const added = touring && strikes !== undefined
          ? addStrikes(scenario, rng, tourPicks(strikes, rng, scenario.processes, parent.noteCounts))
          : steeredStrike(scenario, rng, strikes, parent.noteCounts);
        if (added === null) continue;
        scenario = added.scenario;
        changes.push(added.what);
        addedStrikes.push(...added.keys);
        // Its stage was cleared for a race timed in steps: a fault, splice or load change after it would spoil it.
        if (added.quiet) {
          quietStrike = true;
          break;
        }
        continue;
      }
      const before = takenOut(scenario);
      const changed = apply(mutation, scenario, donors, switches, rng, parent.noteCounts);
      if (changed === null) continue;
      // A strike keeps the budget by its own accounting (strike-mutation.ts, leavers discounted); any other change may not spend past it.
      if (takenOut(changed.scenario) > Math.max(takeOutBudget, before)) {
        scenario = structuredClone(parent.scenario);
        changes.length = 0;
        addedStrikes.length = 0;
        break;
      }
      scenario = changed.scenario;
      changes.push(changed.what);
    }
    if (changes.length === 0) continue;
    if (isValidScenario(scenario)) return { scenario, seed, changes, ...(addedStrikes.length > 0 ? { addedStrikes } : {}), ...(quietStrike ? { quietStrike } : {}) };
  }
  return null;
}

/** One strike, of the kind and variant the tally steers to (drawn at random without one). */
function steeredStrike(s: Scenario, rng: Rng, strikes: StrikeCoverage | undefined, notes: NoteCounts | undefined): AddedStrike | null {
  const steer = strikes?.pick(rng, notes);
  return addStrike(s, rng, steer?.kind, steer?.variant);
}

function apply(
  mutation: Exclude<Mutation, 'reseed' | 'strike'>,
  s: Scenario,
  donors: readonly Candidate[],
  switches: Switches,
  rng: Rng,
  noteCounts: NoteCounts | undefined,
): { scenario: Scenario; what: string } | null {
  switch (mutation) {
    case 'fault-kind': {
      if (switches.faultKinds.length === 0) return null;
      const kind = rng.pick(switches.faultKinds);
      const faults = s.faults ?? {};
      const random = faults.random ?? { meanIntervalUs: Math.max(1, Math.round(s.durationUs / 8)), kinds: {} };
      const kinds: Record<string, number> = { ...random.kinds };
      const on = kinds[kind] === undefined || kinds[kind] === 0;
      if (on) kinds[kind] = 1 + rng.int(3);
      else delete kinds[kind];
      s.faults = { ...faults, random: { ...random, kinds } };
      return { scenario: s, what: `random ${kind} ${on ? 'on' : 'off'}` };
    }
    case 'order': {
      if (switches.orders.length === 0) return null;
      const order = rng.pick(switches.orders);
      const orders: Record<string, number> = { ...s.workload.orders };
      const on = (orders[order] ?? 0) === 0;
      orders[order] = on ? 1 + rng.int(3) : 0;
      if (Object.values(orders).every((w) => w === 0)) return null;
      s.workload = { ...s.workload, orders: orders as unknown as Scenario["workload"]["orders"] };
      return { scenario: s, what: `${order} ${on ? 'on' : 'off'}` };
    }
    case 'network': {
      const field = rng.chance(0.5) ? 'lossProbability' : 'duplicateProbability';
      const on = (s.network[field] ?? 0) === 0;
      s.network = { ...s.network, [field]: on ? (1 + rng.int(100)) / 1000 : 0 };
      return { scenario: s, what: `${field} ${s.network[field]}` };
    }
    case 'fault-time':
      return moveInTime(s, rng);
    case 'splice':
      return splice(s, donors, rng);
    case 'load': {
      const rate = s.workload.multicastsPerSecond;
      const next = Math.min(MAX_RATE, Math.max(MIN_RATE, Math.round(rng.chance(0.7) ? rate * 4 : rate / 2)));
      if (next === rate) return null;
      s.workload = { ...s.workload, multicastsPerSecond: next };
      return { scenario: s, what: `load ${next}/s` };
    }
    case 'aimed-fault':
      if ((s.faults?.schedule?.length ?? 0) + 2 > MAX_SPLICED_ENTRIES) return null;
      return addAimedFault(s, switches.notes, rng, noteCounts);
    case 'reaim':
      return reaimFault(s, switches.notes, rng, noteCounts);
  }
}

/** Moves one scheduled fault (or its note trigger's occurrence and delay), leave or join. */
function moveInTime(s: Scenario, rng: Rng): { scenario: Scenario; what: string } | null {
  const schedule = s.faults?.schedule ?? [];
  const leaves = s.workload.leaves ?? [];
  const joins = s.workload.joins ?? [];
  const total = schedule.length + leaves.length + joins.length;
  if (total === 0) return null;
  let k = rng.int(total);
  const atUs = rng.int(Math.max(1, s.durationUs));
  if (k < schedule.length) {
    const fault = { ...schedule[k]! } as ScheduledFault;
    if (fault.onNote !== undefined) {
      fault.onNote = { ...fault.onNote, occurrence: 1 + rng.int(3), delayUs: rng.int(Math.max(1, Math.round(s.durationUs / 10))) };
    } else {
      fault.atUs = atUs;
    }
    const next = schedule.slice();
    next[k] = fault;
    s.faults = { ...s.faults, schedule: next };
    return { scenario: s, what: `${fault.type} moved` };
  }
  k -= schedule.length;
  if (k < leaves.length) {
    s.workload = { ...s.workload, leaves: leaves.map((l, j) => (j === k ? { ...l, atUs } : l)) };
    return { scenario: s, what: `leave at ${atUs} us` };
  }
  k -= leaves.length;
  s.workload = { ...s.workload, joins: joins.map((j, i) => (i === k ? { ...j, atUs } : j)) };
  return { scenario: s, what: `join at ${atUs} us` };
}

/** Bound on the scheduled faults, leaves and joins splicing can pile up. */
const MAX_SPLICED_ENTRIES = 16;

/** Copies one scheduled fault, leave or join of another kept scenario (validation drops hosts it lacks). */
function splice(s: Scenario, donors: readonly Candidate[], rng: Rng): { scenario: Scenario; what: string } | null {
  if (donors.length === 0) return null;
  const donor = rng.pick(donors).scenario;
  const options: (() => string | null)[] = [];
  const schedule = s.faults?.schedule ?? [];
  const leaves = s.workload.leaves ?? [];
  const joins = s.workload.joins ?? [];
  // Crossover: the donor's workload (rate and order mix), keeping this scenario's joins and leaves.
  options.push(() => {
    if (donor.workload.multicastsPerSecond === s.workload.multicastsPerSecond && JSON.stringify(donor.workload.orders) === JSON.stringify(s.workload.orders)) return null;
    s.workload = { ...s.workload, multicastsPerSecond: donor.workload.multicastsPerSecond, orders: { ...donor.workload.orders } };
    return `workload of ${donor.name}`;
  });
  // Past the bound on scheduled entries, only the crossover is left.
  const full = schedule.length + leaves.length + joins.length >= MAX_SPLICED_ENTRIES;
  for (const fault of full ? [] : (donor.faults?.schedule ?? [])) {
    options.push(() => {
      s.faults = { ...s.faults, schedule: [...schedule, structuredClone(fault)] };
      return `${fault.type} from ${donor.name}`;
    });
  }
  for (const leave of full ? [] : (donor.workload.leaves ?? [])) {
    options.push(() => {
      if (leaves.some((l) => l.host === leave.host)) return null;
      s.workload = { ...s.workload, leaves: [...leaves, { ...leave }] };
      return `leave of ${leave.host} from ${donor.name}`;
    });
  }
  for (const join of full ? [] : (donor.workload.joins ?? [])) {
    options.push(() => {
      s.workload = { ...s.workload, joins: [...joins, { ...join }] };
      return `join from ${donor.name}`;
    });
  }
  const what = rng.pick(options)();
  return what === null ? null : { scenario: s, what };
}
