// Whether a mutant's bug allows a smaller failure than the shrinker found:
// hand-made scenarios of the same mechanism with fewer hosts (and few
// multicasts), each run on seeds 1..S, counting the seeds on which it fails
// the way the mutant's pinned run fails (the same violated property). Run:
//   npx tsx bench/shrink/by-hand.ts MUTANT [--seeds S]
// (MUTANT: causal-sender-only, abcast-unstable-order, flush-early-install, gc-partial-ack,
// late-message-new-view, leave-relies-on-lost-ack, install-not-relayed, takeover-ignores-accepted,
// restart-refused-by-host, suspicion-permanent.)
import { MUTANT_CATCHES } from '../../protocol/mutants/catches.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { runScenario } from '../../sim/run.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { failsSameWay, targetOf } from '../../sim/shrink.ts';
import type { NetworkSpec, Scenario, WorkloadSpec } from '../../scenarios/types.ts';
import { isValidScenario } from '../../scenarios/validate.ts';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

const JITTERY: NetworkSpec = { delay: { minUs: 200, meanUs: 1000, jitterUs: 800 }, lossProbability: 0.01, duplicateProbability: 0.01 };

function isis(processes: number, network: NetworkSpec, workload: Partial<WorkloadSpec>, more: Partial<Scenario> = {}): Scenario {
  return {
    name: 'by-hand', description: 'a smaller scenario of the same mechanism', processes, protocol: { name: 'isis' }, network,
    workload: { multicastsPerSecond: 400, orders: { fifo: 1, causal: 1, total: 1 }, ...workload },
    durationUs: 300_000, settleUs: 3_000_000, seeds: [1], ...more,
  };
}

const cutOffSequencer = (processes: number, occurrence: number): Scenario['faults'] => ({
  schedule: [
    { type: 'partition', groups: [['p1'], Array.from({ length: processes - 1 }, (_, k) => `p${k + 2}`)], onNote: { host: 'p1', text: 'sequencer-order', occurrence } },
    { type: 'heal', atUs: 450_000 },
  ],
  rejoinExcludedAfterUs: 20_000,
});
const slowToP2: NetworkSpec = { ...JITTERY, links: [{ from: 'p1', to: 'p2', delay: { minUs: 3000, meanUs: 5000, jitterUs: 3000 } }] };
const duelingLink: Scenario['faults'] = {
  schedule: [
    { type: 'link', atUs: 200_000, from: 'p1', to: 'p2', delay: { minUs: 150_000, meanUs: 150_000, jitterUs: 1000 } },
    { type: 'link-reset', atUs: 500_000 },
  ],
  rejoinExcludedAfterUs: 20_000,
};
// isis-uniform's network (seed 9's draw), with the loss given.
const uniformNet = (lossProbability: number): NetworkSpec => ({ delay: { minUs: 200, meanUs: 1500, jitterUs: 1000 }, lossProbability, duplicateProbability: 0.02 });
const FIXED200: NetworkSpec = { delay: { minUs: 200, meanUs: 200, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 };
// Everything `from` sends `to` 20 ms late from `atUs` (the pin's slow link).
const slowFrom = (from: string, to: string, atUs: number): NonNullable<NonNullable<Scenario['faults']>['schedule']>[number] =>
  ({ type: 'link', atUs, from, to, bidirectional: false, delay: { minUs: 20_000, meanUs: 20_000, jitterUs: 0 } });
// The shrunk pin's shape: fixed 200 us delays, a 4 ms detector, multicasts from 14 ms at 400 a second.
const lateMessage = (processes: number, schedule: NonNullable<NonNullable<Scenario['faults']>['schedule']>, workload: Partial<WorkloadSpec> = {}): Scenario =>
  isis(processes, FIXED200, { multicastsPerSecond: 400, maxMulticasts: 10, startUs: 14_000, ...workload }, {
    protocol: { name: 'isis', options: { suspectTimeoutUs: 4000, heartbeatIntervalUs: 1000 } }, durationUs: 60_000, settleUs: 1_000_000, faults: { schedule },
  });
// suspicion-permanent's shrunk pin: fixed 615 us delays, the default detector, no multicasts; the joiners cut
// off from 0.2 ms, the joiners at 73 ms, then p2 cut off from the rest at 123 ms until the heal at 229 ms.
const splitPair = (processes: number, joiners: number): Scenario => {
  const others = Array.from({ length: processes + joiners }, (_, k) => `p${k + 1}`).filter((h) => h !== 'p2');
  return isis(processes, { delay: { minUs: 615, meanUs: 615, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 }, {
    ...QUIET, ...(joiners > 0 ? { joins: [{ atUs: 72_947, count: joiners }] } : {}),
  }, {
    durationUs: 229_392, settleUs: 4_000_000,
    faults: {
      rejoinExcludedAfterUs: 50_000,
      schedule: [
        { type: 'partition', groups: [Array.from({ length: processes }, (_, k) => `p${k + 1}`)], atUs: 211 },
        { type: 'partition', groups: processes > 1 ? [others, ['p2']] : [['p1'], ['p2']], atUs: 123_017 },
      ],
    },
  });
};
const lossy = (lossProbability: number): NetworkSpec => ({ delay: { minUs: 1017, meanUs: 1017, jitterUs: 1462 }, lossProbability, duplicateProbability: 0.039 });

// The coordinator-isolated-after-commit shape (its shrunk pins): fixed 1 ms delays, a 4 ms detector, no
// multicasts; p1 cut off from the rest 3.8 ms after p2's flush reply (after p1's commit, before its
// installs arrive), healed at 450 ms; excluded members rejoin after 20 ms.
const FIXED: NetworkSpec = { delay: { minUs: 1000, meanUs: 1000, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 };
const QUIET: Partial<WorkloadSpec> = { multicastsPerSecond: 1, maxMulticasts: 0 };
const afterCommit = (_processes: number): Partial<Scenario> => ({
  protocol: { name: 'isis', options: { suspectTimeoutUs: 4000, heartbeatIntervalUs: 1000 } }, durationUs: 500_000, settleUs: 1_000_000,
});
const cutOffAfterCommit = (processes: number): NonNullable<Scenario['faults']> & { schedule: NonNullable<NonNullable<Scenario['faults']>['schedule']> } => ({
  schedule: [
    { type: 'partition', groups: [['p1'], Array.from({ length: processes - 1 }, (_, k) => `p${k + 2}`)], onNote: { host: 'p2', text: 'flush-ok', delayUs: 3800 } },
    { type: 'heal', atUs: 450_000 },
  ],
  rejoinExcludedAfterUs: 20_000,
});
// Everything host h sends p1 is lost from the start: p1 alone suspects h, which stays up.
const deafTo = (host: string): NonNullable<NonNullable<Scenario['faults']>['schedule']>[number] =>
  ({ type: 'link', atUs: 0, from: host, to: 'p1', bidirectional: false, lossProbability: 1 });

const VARIANTS: Record<string, [string, Scenario][]> = {
  // A reply delivered before the message it answers: three hosts are a sender, a replier and a reader.
  'causal-sender-only': [
    ['3 p, causal, jittery network, at most 10 mc', isis(3, { ...JITTERY, lossProbability: 0, duplicateProbability: 0 }, { orders: { fifo: 0, causal: 1, total: 0 }, maxMulticasts: 10 }, { durationUs: 100_000, settleUs: 1_000_000 })],
    ['3 p, causal, jittery network, at most 5 mc', isis(3, { ...JITTERY, lossProbability: 0, duplicateProbability: 0 }, { orders: { fifo: 0, causal: 1, total: 0 }, maxMulticasts: 5 }, { durationUs: 100_000, settleUs: 1_000_000 })],
    ['2 p, causal, jittery network, at most 10 mc', isis(2, { ...JITTERY, lossProbability: 0, duplicateProbability: 0 }, { orders: { fifo: 0, causal: 1, total: 0 }, maxMulticasts: 10 }, { durationUs: 100_000, settleUs: 1_000_000 })],
  ],
  // The sequencer p1 cut off after its n-th order; p2.. survive as a majority from 3 hosts on.
  'abcast-unstable-order': [
    ['4 p, cut off at the 3rd order, at most 10 mc', isis(4, JITTERY, { multicastsPerSecond: 800, orders: { fifo: 0, causal: 1, total: 4 }, maxMulticasts: 10 }, { durationUs: 600_000, faults: cutOffSequencer(4, 3) })],
    ['3 p, cut off at the 3rd order, at most 10 mc', isis(3, JITTERY, { multicastsPerSecond: 800, orders: { fifo: 0, causal: 1, total: 4 }, maxMulticasts: 10 }, { durationUs: 600_000, faults: cutOffSequencer(3, 3) })],
  ],
  // The coordinator installs on a majority of FLUSH_OKs: with a crash, the survivors of 3 or 4 hosts are
  // exactly that majority (none late); a leave or a join starts a view change with a member to spare.
  'flush-early-install': [
    ['4 p, crash p4 at 100 ms', isis(4, JITTERY, {}, { faults: { schedule: [{ type: 'crash', host: 'p4', atUs: 100_000 }] } })],
    ['3 p, p3 leaves at 100 ms', isis(3, JITTERY, { leaves: [{ atUs: 100_000, host: 'p3' }] })],
    ['3 p, p3 leaves at 100 ms, slow p1->p2', isis(3, slowToP2, { leaves: [{ atUs: 100_000, host: 'p3' }] })],
    ['3 p, p3 leaves at 100 ms, slow p1->p2, multicasts from 90 ms', isis(3, slowToP2, { leaves: [{ atUs: 100_000, host: 'p3' }], startUs: 90_000 })],
    ['3 p, p3 leaves at 100 ms, slow p1->p2, from 97 ms, at most 10', isis(3, slowToP2, { leaves: [{ atUs: 100_000, host: 'p3' }], startUs: 97_000, maxMulticasts: 10 })],
    ['3 p, p3 leaves at 100 ms, from 97 ms, at most 10', isis(3, JITTERY, { leaves: [{ atUs: 100_000, host: 'p3' }], startUs: 97_000, maxMulticasts: 10 })],
    ['3 p, p4 joins at 100 ms, slow p1->p2', isis(3, slowToP2, { joins: [{ atUs: 100_000 }] })],
  ],
  // A message collected once one member acknowledged it, its sender crashed before another got it: a
  // crash among three leaves a majority of two to flush. Not the pinned mechanism, which is dueling
  // coordinators: the sequencer p1's link to p2 slow, p2 (with p3) excludes p1 and installs without
  // the order of its own total multicast, which p3 had delivered and collected (the maximum vector).
  'gc-partial-ack': [
    ['3 p, crash p3 at 100 ms', isis(3, JITTERY, {}, { faults: { schedule: [{ type: 'crash', host: 'p3', atUs: 100_000 }] } })],
    ['3 p, crash p3 at 100 ms, multicasts from 80 ms', isis(3, JITTERY, { startUs: 80_000 }, { faults: { schedule: [{ type: 'crash', host: 'p3', atUs: 100_000 }] } })],
    ['3 p, p1->p2 slow at 200 ms, 100 mc/s', isis(3, JITTERY, { multicastsPerSecond: 100 }, { faults: duelingLink, durationUs: 600_000 })],
    ['3 p, p1->p2 slow at 200 ms', isis(3, JITTERY, {}, { faults: duelingLink, durationUs: 600_000 })],
    ['3 p, p1->p2 slow at 200 ms, multicasts from 190 ms, at most 10', isis(3, JITTERY, { startUs: 190_000, maxMulticasts: 10 }, { faults: duelingLink, durationUs: 600_000 })],
  ],
  // An old view's message taken in the next view: late on the wire across a view change among three.
  // The pinned run fails no-duplication: a view-2 message retransmitted after the receiver installed
  // view 3 (a join) is delivered again; the retransmission needs a lost copy, so more loss.
  'late-message-new-view': [
    ['3 p, crash p3 at 100 ms', isis(3, JITTERY, {}, { faults: { schedule: [{ type: 'crash', host: 'p3', atUs: 100_000 }] } })],
    ['3 p, crash p3 at 100 ms, multicasts from 80 ms', isis(3, JITTERY, { startUs: 80_000 }, { faults: { schedule: [{ type: 'crash', host: 'p3', atUs: 100_000 }] } })],
    ['3 p, a join at 100 ms, loss 0.02, from 95 ms, at most 10 mc', isis(3, uniformNet(0.02), { joins: [{ atUs: 100_000, count: 1 }], startUs: 95_000, maxMulticasts: 10 })],
    ['3 p, a join at 100 ms, loss 0.3, from 95 ms, at most 10 mc', isis(3, uniformNet(0.3), { joins: [{ atUs: 100_000, count: 1 }], startUs: 95_000, maxMulticasts: 10 })],
    // The shrunk pin's mechanism: the receiver R takes the sender S's message from the coordinator C's
    // install (in the old view) and then S's own copy, late on its link, in the new view. The transport is
    // FIFO per channel and drops duplicates, so the late copy must be the first on S->R and R must learn the
    // message over another channel: S, R and C distinct (C = S: C's flush request waits behind the slow copy
    // on S->R; C = R: C waits for S's flush reply behind it). And S must keep its rank in the new view
    // (senderRankOk): the view changes by a join or by the departure of a member ranked above S. Three
    // members and a fourth process: the runs below with three fail on no seed.
    ['2 p and a join at 30 ms, p2->p1 slow (R = C)', lateMessage(2, [slowFrom('p2', 'p1', 0)], { joins: [{ atUs: 30_000 }] })],
    ['2 p and a join at 30 ms, p1->p2 slow (S = C)', lateMessage(2, [slowFrom('p1', 'p2', 0)], { joins: [{ atUs: 30_000 }] })],
    ['3 p, p3 leaves at 30 ms, p2->p1 slow (R = C)', lateMessage(3, [slowFrom('p2', 'p1', 0)], { leaves: [{ atUs: 30_000, host: 'p3' }] })],
    ['3 p, crash p3 at 30 ms, p2->p1 slow (R = C)', lateMessage(3, [slowFrom('p2', 'p1', 0), { type: 'crash', host: 'p3', atUs: 30_000 }])],
    ['3 p, p1 leaves at 30 ms, p3->p2 slow (S renumbered)', lateMessage(3, [slowFrom('p3', 'p2', 0)], { leaves: [{ atUs: 30_000, host: 'p1' }] })],
    ['3 p, crash p1 at 30 ms, p3->p2 slow (S renumbered)', lateMessage(3, [slowFrom('p3', 'p2', 0), { type: 'crash', host: 'p1', atUs: 30_000 }])],
    ['2 p and a join at 100 ms, loss 0.3 (a retransmission)', isis(2, uniformNet(0.3), { joins: [{ atUs: 100_000 }] })],
    ['2 p and a join at 100 ms, duplication 0.3', isis(2, { ...JITTERY, lossProbability: 0, duplicateProbability: 0.3 }, { joins: [{ atUs: 100_000 }] })],
    ['3 p, crash p3 at 100 ms, loss 0.3', isis(3, uniformNet(0.3), {}, { faults: { schedule: [{ type: 'crash', host: 'p3', atUs: 100_000 }] } })],
    ['3 p, p3 leaves at 100 ms, loss 0.3', isis(3, uniformNet(0.3), { leaves: [{ atUs: 100_000, host: 'p3' }] })],
    ['3 p and a join at 30 ms, p3->p2 slow (4 processes)', lateMessage(3, [slowFrom('p3', 'p2', 0)], { joins: [{ atUs: 30_000 }] })],
    ['4 p, crash p4 at 30 ms, p3->p2 slow (4 processes)', lateMessage(4, [slowFrom('p3', 'p2', 0), { type: 'crash', host: 'p4', atUs: 30_000 }])],
  ],
  // A member's first multicast in the new view overtakes the committing coordinator's install to another
  // member (no relay). That needs three members of the new view besides none: the committer, one that
  // installs first and multicasts, one still in the old view. A crash or leave leaves a view smaller than
  // the old one (4 hosts for a 3-member view); a join makes it larger (2 hosts and a joiner: 3 processes).
  'install-not-relayed': [
    ['3 p, crash p3 at 100 ms', isis(3, JITTERY, { multicastsPerSecond: 100 }, { faults: { schedule: [{ type: 'crash', host: 'p3', atUs: 100_000 }] } })],
    ['3 p, p3 leaves at 100 ms', isis(3, JITTERY, { multicastsPerSecond: 100, leaves: [{ atUs: 100_000, host: 'p3' }] })],
    ['2 p and a join at 100 ms (3 processes)', isis(2, JITTERY, { multicastsPerSecond: 100, joins: [{ atUs: 100_000 }] })],
    ['2 p and a join at 100 ms, from 100 ms, at most 1 mc', isis(2, JITTERY, { multicastsPerSecond: 100, joins: [{ atUs: 100_000 }], startUs: 100_000, maxMulticasts: 1 })],
    ['2 p and a join at 100 ms, no loss, from 100 ms, at most 1 mc', isis(2, { ...JITTERY, lossProbability: 0, duplicateProbability: 0 }, { multicastsPerSecond: 100, joins: [{ atUs: 100_000 }], startUs: 100_000, maxMulticasts: 1 })],
  ],
  // The coordinator p1 commits a view change and is cut off before its installs arrive; the successor p2
  // finishes a change of its own for the same view id. Its flush needs a majority of the old view
  // without p1: with the departing member gone too (a crash; a leaver that exited) that is n - 2 > n / 2,
  // five hosts. A member p1 alone suspects (its link to p1 loses everything) departs without going: it
  // answers p2's flush, and n - 1 > n / 2 holds from three.
  'takeover-ignores-accepted': [
    ['4 p, p4 leaves at 1 ms, p1 cut off after commit', isis(4, FIXED, { ...QUIET, leaves: [{ atUs: 1000, host: 'p4' }] }, { ...afterCommit(4), faults: cutOffAfterCommit(4) })],
    ['4 p, p1 suspects p4 (p4->p1 lost), p1 cut off after commit', isis(4, FIXED, QUIET, { ...afterCommit(4), faults: { ...cutOffAfterCommit(4), schedule: [deafTo('p4'), ...cutOffAfterCommit(4).schedule] } })],
    ['3 p, p1 suspects p3 (p3->p1 lost), p1 cut off after commit', isis(3, FIXED, QUIET, { ...afterCommit(3), faults: { ...cutOffAfterCommit(3), schedule: [deafTo('p3'), ...cutOffAfterCommit(3).schedule] } })],
  ],
  // A restarted host refused by the group (its old incarnation is still a member there): the shrunk pin
  // cuts the coordinator p1 off after its commit; p1 restarts as p1#2 only with the pinned scenario's heal.
  'restart-refused-by-host': [
    ['4 p, p4 leaves at 1 ms, p1 cut off after commit', isis(4, FIXED, { ...QUIET, leaves: [{ atUs: 1000, host: 'p4' }] }, { ...afterCommit(4), settleUs: 3_000_000, faults: cutOffAfterCommit(4) })],
    ['4 p, p1 suspects p4 (p4->p1 lost), p1 cut off after commit', isis(4, FIXED, QUIET, { ...afterCommit(4), settleUs: 3_000_000, faults: { ...cutOffAfterCommit(4), schedule: [deafTo('p4'), ...cutOffAfterCommit(4).schedule] } })],
    ['3 p, p1 suspects p3 (p3->p1 lost), p1 cut off after commit', isis(3, FIXED, QUIET, { ...afterCommit(3), settleUs: 3_000_000, faults: { ...cutOffAfterCommit(3), schedule: [deafTo('p3'), ...cutOffAfterCommit(3).schedule] } })],
  ],
  // Suspicions never revoked: p1 and p2 cut apart (neither side a majority of two) suspect each other for
  // good; after the heal p1 cannot exclude p2 (no majority without it) and so never admits a joiner, which
  // stays live outside every view (view-convergence). One joiner is enough; without one, or with one host,
  // every live process ends in the same view.
  'suspicion-permanent': [
    ['2 p and 2 joiners, p1/p2 split at 123 ms, healed at 229 ms', splitPair(2, 2)],
    ['2 p and a joiner, p1/p2 split at 123 ms, healed at 229 ms', splitPair(2, 1)],
    ['2 p, p1/p2 split at 123 ms, healed at 229 ms', splitPair(2, 0)],
    ['1 p and a joiner, cut apart at 123 ms, healed at 229 ms', splitPair(1, 1)],
  ],
  // The pinned mechanism (one leaver and a falsely suspected member) needs 4: with 3, the coordinator alone
  // is no majority of the 2 that stay. Two leavers of three rely on a leaver's acceptance with no suspect.
  'leave-relies-on-lost-ack': [
    ['3 p, p3 leaves, slow p1->p2 (suspected), loss 0.2', isis(3, lossy(0.2), { orders: { fifo: 0, causal: 0, total: 1 }, keys: 1, maxMulticasts: 10, leaves: [{ atUs: 0, host: 'p3' }] }, { durationUs: 200_000, settleUs: 2_000_000, faults: { schedule: [{ type: 'link', from: 'p1', to: 'p2', atUs: 0, delay: { minUs: 64301, meanUs: 64301, jitterUs: 6431 } }], rejoinExcludedAfterUs: 50_000 } })],
    ['3 p, p2 and p3 leave, loss 0.2, 0 mc', isis(3, lossy(0.2), { orders: { fifo: 0, causal: 0, total: 1 }, keys: 1, maxMulticasts: 0, leaves: [{ atUs: 0, host: 'p2' }, { atUs: 0, host: 'p3' }] }, { durationUs: 200_000, settleUs: 2_000_000 })],
  ],
};

const mutant = process.argv[2] ?? '';
const variants = VARIANTS[mutant];
const pin = MUTANT_CATCHES[mutant];
if (variants === undefined || pin === undefined) throw new Error(`expected one of ${Object.keys(VARIANTS).join(', ')}, got ${JSON.stringify(mutant)}`);
const seeds = Number(option('--seeds') ?? 100);
const pinned = loadScenarioFile(`${DEFAULT_SUITE_DIR}/${pin.file}`).forSeed(pin.seed);
const target = targetOf(runScenario(pinned, { seed: String(pin.seed), ...mutantRunOptions(pinned, mutant) }));
if (target === null) throw new Error(`${mutant}: its pinned run passes`);
process.stdout.write(`${mutant}: fails ${target.kind === 'property' ? target.property : target.failure} at its pin; the same way on seeds 1..${seeds}:\n`);
for (const [what, scenario] of variants) {
  if (!isValidScenario(scenario)) throw new Error(`${what}: not a valid scenario`);
  const failing: string[] = [];
  let fixedFails = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const r = runScenario(scenario, { seed: String(seed), ...mutantRunOptions(scenario, mutant) });
    if (!failsSameWay(r, target)) continue;
    failing.push(`${seed} (${r.multicasts} mc)`);
    // The same run with the protocol fixed: a failure it shares is the scenario's, not the bug's.
    if (!runScenario(scenario, { seed: String(seed) }).passed) fixedFails++;
  }
  process.stdout.write(`  ${what.padEnd(62)} ${String(failing.length).padStart(3)}/${seeds}${failing.length > 0 ? `, e.g. seeds ${failing.slice(0, 4).join(', ')}` : ''}${fixedFails > 0 ? `; ${fixedFails} fail with the fixed protocol too` : ''}\n`);
}
