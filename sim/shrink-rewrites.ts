// Shrinking by rewriting a fault into a gentler kind: a timed crash of a
// host becomes that host's leave at the same microsecond. Both start a view
// change without the host, but a leaver is discounted from the majority the
// change needs (protocol/isis/membership.ts, newProposal), so a failure that
// needs a crash's majority arithmetic (a view change among the survivors of
// five) may show in a smaller group once the crash is a leave; the host
// pass can then drop the hosts that only made up the majority.
import type { Scenario } from '../scenarios/types.ts';
import { HOST_PATTERN } from '../scenarios/field-readers.ts';

/** Each timed crash of a named host (not a role, not a note trigger) as a leave of that host at the same time. */
export function crashesAsLeaves(s: Scenario): { what: string; scenario: Scenario }[] {
  const schedule = s.faults?.schedule ?? [];
  const out: { what: string; scenario: Scenario }[] = [];
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
