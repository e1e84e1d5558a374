// Shrinking by rewriting rather than removing: a timed crash of a host
// becomes that host's leave at the same microsecond, and a host is dropped
// with the workload as busy as the original scenario's.
//
// A crash as a leave: both start a view change without the host, but a
// leaver is discounted from the majority the change needs
// (protocol/isis/membership.ts, newProposal), so a failure that needs a
// crash's majority arithmetic (a view change among the survivors of five)
// may show in a smaller group once the crash is a leave; the host pass can
// then drop the hosts that only made up the majority.
//
// A host fewer, as busy as the original: the greedy search takes a lower
// multicast rate and a smaller cap whenever the failure survives them, and
// a race that a smaller group shows only under load is then out of reach of
// every host drop (gc-partial-ack: 3 hosts fail on 10 of 40 seeds at the
// original 400 multicasts a second, on none at the 100 it had shrunk to).
// The candidate is larger in multicasts but smaller in hosts, the aim's
// first measure; the passes after it take the multicasts off again. Each one
// has a host fewer, so the search cannot cycle through them.
import type { Scenario } from '../scenarios/types.ts';
import { HOST_PATTERN } from '../scenarios/field-readers.ts';
import { withoutHost } from './shrink-hosts.ts';

export interface Rewrite {
  what: string;
  scenario: Scenario;
}

/** Each timed crash of a named host (not a role, not a note trigger) as a leave of that host at the same time. */
export function crashesAsLeaves(s: Scenario): Rewrite[] {
  const schedule = s.faults?.schedule ?? [];
  const out: Rewrite[] = [];
  schedule.forEach((f, k) => {
    if (f.type !== 'crash' || f.atUs === undefined || f.onNote !== undefined || f.at !== undefined || !HOST_PATTERN.test(f.host)) return;
    const leaves = [...(s.workload.leaves ?? []), { atUs: f.atUs, host: f.host }];
    out.push({
      what: `crash of ${f.host} at ${f.atUs} us as its leave`,
      scenario: { ...s, faults: { ...s.faults, schedule: schedule.filter((_, j) => j !== k) }, workload: { ...s.workload, leaves } },
    });
  });
  return out;
}

/**
 * Each host dropped (the highest first) with the original's multicast rate
 * and cap, when the current workload is quieter than the original's (a lower
 * rate or a smaller cap); then the same after each crash rewritten as a
 * leave (the leave frees the majority a host drop needs), when `withLeaves`.
 * Everything else, the workload start included, stays as it is.
 */
export function busierHostDrops(s: Scenario, original: Scenario, withLeaves: boolean): Rewrite[] {
  const rate = original.workload.multicastsPerSecond;
  const cap = original.workload.maxMulticasts;
  const quieter = s.workload.multicastsPerSecond < rate || (s.workload.maxMulticasts ?? Infinity) < (cap ?? Infinity);
  if (!quieter || s.processes < 2) return [];
  const busy = (x: Scenario): Scenario => {
    const { maxMulticasts: _cap, ...workload } = x.workload;
    return { ...x, workload: { ...workload, multicastsPerSecond: rate, ...(cap !== undefined ? { maxMulticasts: cap } : {}) } };
  };
  const load = `${rate} multicasts a second${cap !== undefined ? `, at most ${cap}` : ', no cap'}`;
  const out: Rewrite[] = [];
  const leaves = withLeaves ? crashesAsLeaves(s) : [];
  for (const from of [{ what: '', scenario: s }, ...leaves.map((r) => ({ what: `, the ${r.what}`, scenario: r.scenario }))]) {
    for (let k = s.processes; k >= 1; k--) {
      out.push({ what: `drop host p${k}${from.what}, at the original ${load}`, scenario: busy(withoutHost(from.scenario, k)) });
    }
  }
  return out;
}

/**
 * Each host that does not leave yet (the highest first) leaving at the time
 * of the first leave, and with it another host dropped (the highest first):
 * a failure that needs two leavers among three may show from one leaver
 * among four. Each has a host fewer, so the search cannot cycle with the
 * pass that drops a leave. Sound only where a kept candidate cannot be the
 * scenario's own failure: the search offers it to a liveness failure only
 * with a reference protocol that must pass the candidate (sim/shrink.ts).
 * None without a leave to copy the time of.
 */
export function addedLeaves(s: Scenario): Rewrite[] {
  const leaves = s.workload.leaves ?? [];
  const first = leaves.reduce<number | undefined>((t, l) => (t === undefined || l.atUs < t ? l.atUs : t), undefined);
  if (first === undefined || s.processes < 3) return [];
  const leaving = new Set(leaves.map((l) => l.host));
  const out: Rewrite[] = [];
  for (let k = s.processes; k >= 1; k--) {
    const host = `p${k}`;
    if (leaving.has(host)) continue;
    const withLeave: Scenario = { ...s, workload: { ...s.workload, leaves: [...leaves, { atUs: first, host }] } };
    for (let j = s.processes; j >= 1; j--) {
      if (j === k) continue;
      out.push({ what: `${host} leaving at ${first} us too, host p${j} dropped`, scenario: withoutHost(withLeave, j) });
    }
  }
  return out;
}
