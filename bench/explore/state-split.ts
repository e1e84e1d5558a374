// What keeps apart the explorer's states that SPIN's model of the same
// protocol (bench/explore/cbcast.pml) would merge: a diagnostic for the
// static CBCAST reference configurations (scenarios/explore/cbcast-3xK.json).
//
// It runs the search's breadth-first expansion (bfs-levels.ts, with --por
// and its BFS cycle proviso, shared with levels.ts) and projects every visited
// state onto coarser views of it, counting the distinct projections:
//
//   core      what SPIN's state vector holds of the processes and channels,
//             without timestamps: per process its delivered vector, the ids
//             of the messages it holds back (waiting) and its multicasts
//             made; the in-flight messages as a multiset of (receiver, id)
//   protocol  every protocol state in full (timestamps of held-back
//             messages too) and the in-flight frames in full: the state key
//             without the history fingerprints
//   spin      protocol + the timestamp of every message multicast so far
//             (SPIN keeps vt[] and past[] of every sent message for ever):
//             the sender's delivered set at the multicast
//   full      the explorer's key (protocol + history fingerprints)
//   settled   protocol + the sender's delivered set at the multicast of each
//             message that is NOT settled yet: a message is settled when
//             every process delivered it and all of its causal past. This is
//             what a fingerprint that forgot settled messages would keep
//
// and, for each pair, how many states share one projection (the split).
// Run:
//   npx tsx bench/explore/state-split.ts [SCENARIO] [--plain] [--max-states N] [--multicasts K] [--keep-settled]
// (--keep-settled: the histories as before session 6, settled messages kept.)
import { createHash } from 'node:crypto';
import '../../protocol/builtin.ts';
import { loadExploreScenario } from '../../sim/explore/index.ts';
import { ExploreModel } from '../../sim/explore/model.ts';
import type { GlobalState, Trail } from '../../sim/explore/state.ts';
import { resolveProtocol } from '../../sim/resolve-protocol.ts';
import { benchArgs } from '../args.ts';
import { bfsLevels } from './bfs-levels.ts';
import type { StaticFrame, StaticState } from '../../protocol/isis/static-stack.ts';
import type { McMessage } from '../../protocol/isis/mc-message.ts';

type Projection = 'core' | 'protocol' | 'spin' | 'full' | 'settled';
const PROJECTIONS: readonly Projection[] = ['core', 'protocol', 'spin', 'full', 'settled'];

function ids(queues: readonly (readonly McMessage[])[]): string {
  return queues.map((q) => q.map((m) => m.id).join(',')).join('|');
}

function coreOf(s: GlobalState): string {
  const procs = s.procs.map((p) => {
    const st = p.state as StaticState;
    return `${p.pid}:${st.vc.delivered.join('.')}/${ids(st.vc.waiting)}/${st.sent}`;
  });
  const bag = s.bag.map((m) => `${m.to}<${(m.body as StaticFrame & { t: 'r' }).body.m.id}`).sort();
  return `${procs.join(';')}#${bag.join(',')}`;
}

function protocolOf(s: GlobalState): string {
  const procs = s.procs.map((p) => `${p.pid}:${p.status}:${p.requestsMade}:${p.timers.join(',')}:${JSON.stringify(p.state)}`);
  const bag = s.bag.map((m) => `${m.from}>${m.to}:${JSON.stringify(m.body)}`).sort();
  return `${procs.join(';')}#${bag.join(',')}`;
}

interface Causality {
  /** Per message: the sender's delivered set at its multicast (its own earlier messages included). */
  dep: Map<string, Set<string>>;
  /** Per process: the messages it delivered. */
  delivered: Map<string, Set<string>>;
}

/** Replays the trail's bcast and deliver events. */
function causalityOf(trail: Trail): Causality {
  const steps: Trail[] = [];
  for (let at: Trail | null = trail; at !== null; at = at.prev) steps.push(at);
  const dep = new Map<string, Set<string>>();
  const delivered = new Map<string, Set<string>>();
  for (let k = steps.length - 1; k >= 0; k--) {
    for (const event of (steps[k] as Trail).events) {
      const e = event as { type: string; node: string; msg: string };
      if (e.type === 'bcast') dep.set(e.msg, new Set(delivered.get(e.node) ?? []));
      else if (e.type === 'deliver') {
        let d = delivered.get(e.node);
        if (d === undefined) delivered.set(e.node, (d = new Set()));
        d.add(e.msg);
      }
    }
  }
  return { dep, delivered };
}

function pastOf(c: Causality, msg: string, memo: Map<string, Set<string>>): Set<string> {
  const known = memo.get(msg);
  if (known !== undefined) return known;
  const past = new Set<string>();
  for (const m of c.dep.get(msg) ?? []) {
    past.add(m);
    for (const x of pastOf(c, m, memo)) past.add(x);
  }
  memo.set(msg, past);
  return past;
}

function depText(c: Causality, keep: (msg: string) => boolean): string {
  return [...c.dep.entries()]
    .filter(([m]) => keep(m))
    .map(([m, d]) => `${m}<-${[...d].sort().join(',')}`)
    .sort()
    .join(';');
}

function project(model: ExploreModel, s: GlobalState, key: Int32Array, pids: readonly string[]): Record<Projection, string> {
  const c = causalityOf(s.trail);
  const memo = new Map<string, Set<string>>();
  const everywhere = (m: string): boolean => pids.every((p) => c.delivered.get(p)?.has(m) === true);
  const settled = (m: string): boolean => everywhere(m) && [...pastOf(c, m, memo)].every(everywhere);
  const protocol = protocolOf(s);
  model.key(s, key);
  // 96 bits of a digest stand for each projection (a few hundred thousand of them: collisions are negligible).
  const digest = (text: string): string => createHash('md5').update(text).digest('base64').slice(0, 16);
  return {
    core: digest(coreOf(s)),
    protocol: digest(protocol),
    spin: digest(`${protocol}#${depText(c, () => true)}`),
    full: `${key[0]},${key[1]}`,
    settled: digest(`${protocol}#${depText(c, (m) => !settled(m))}`),
  };
}

function explore(file: string, por: boolean, maxStates: number, multicasts: number | undefined, pruneSettled: boolean): void {
  const loaded = loadExploreScenario(file);
  const scenario = loaded.scenario;
  const config = multicasts === undefined ? loaded.config : { ...loaded.config, multicastsPerProcess: multicasts };
  const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false, pruneSettled);
  const pids = model.initialPids;
  const key = new Int32Array(2);
  const seen = new Map<Projection, Map<string, number>>(PROJECTIONS.map((p) => [p, new Map<string, number>()]));
  // For each finer projection: its distinct values per coarser value (the split), as pairs coarse -> fine.
  const pairs: readonly [Projection, Projection][] = [
    ['core', 'protocol'],
    ['protocol', 'spin'],
    ['spin', 'full'],
    ['protocol', 'full'],
    ['settled', 'full'],
    ['protocol', 'settled'],
  ];
  const within = new Map<string, Map<string, Set<string>>>(pairs.map(([a, b]) => [`${a}/${b}`, new Map<string, Set<string>>()]));
  let terminal = 0;
  const note = (s: GlobalState): void => {
    const p = project(model, s, key, pids);
    for (const name of PROJECTIONS) {
      const m = seen.get(name) as Map<string, number>;
      m.set(p[name], (m.get(p[name]) ?? 0) + 1);
    }
    for (const [a, b] of pairs) {
      const m = within.get(`${a}/${b}`) as Map<string, Set<string>>;
      let set = m.get(p[a]);
      if (set === undefined) m.set(p[a], (set = new Set()));
      set.add(p[b]);
    }
  };
  const states = bfsLevels(model, por, maxStates, { onNew: note, onTerminal: () => void terminal++ });
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  say(`${file}${por ? ' --por' : ''}${pruneSettled ? '' : ', settled messages kept in the histories'}: ${states} states (${terminal} terminal), BFS`);
  say('distinct projections:');
  for (const name of PROJECTIONS) say(`  ${name.padEnd(9)} ${(seen.get(name) as Map<string, number>).size}`);
  say('splits (coarse -> finer): classes, largest class, classes split, mean finer values per coarse value');
  for (const [a, b] of pairs) {
    const m = within.get(`${a}/${b}`) as Map<string, Set<string>>;
    let largest = 0;
    let split = 0;
    let total = 0;
    for (const set of m.values()) {
      largest = Math.max(largest, set.size);
      if (set.size > 1) split++;
      total += set.size;
    }
    say(`  ${`${a} -> ${b}`.padEnd(20)} ${m.size} classes, largest ${largest}, ${split} split, ${(total / m.size).toFixed(2)} per class`);
  }
}

const args = benchArgs(process.argv.slice(2), ['--max-states', '--multicasts']);
const maxStates = Number(args.valueOf('--max-states') ?? Number.MAX_SAFE_INTEGER);
const multicasts = args.valueOf('--multicasts');
const plain = args.has('--plain');
const keepSettled = args.has('--keep-settled');
explore(args.positionals[0] ?? 'scenarios/explore/cbcast-3x2.json', !plain, maxStates, multicasts === undefined ? undefined : Number(multicasts), !keepSettled);
