// Shrinking by hosts: a scenario without one of its hosts, the hosts after
// it renumbered down by one (p4 becomes p3, ...), and every reference to a
// host rewritten the same way, so that dropping p2 of five still leaves
// p1..p4 (and the joiners after them) and nothing names a host that no
// longer exists. What named the dropped host goes with it: its crashes,
// restarts, leaves, links, clock drift and note triggers.
import { assertNever } from '../protocol/types.ts';
import type { HostName, Scenario, ScheduledFault } from '../scenarios/types.ts';

const HOST = /^p([1-9][0-9]*)$/;

/** `p${k}` for every k, renumbered so that host `gone` disappears; null: `host` is `gone`. */
export function renumberedHost(host: HostName, gone: number): HostName | null {
  const match = HOST.exec(host);
  if (match === null) return host; // not a numbered host: left as it is (validation judges it)
  const k = Number(match[1]);
  if (k === gone) return null;
  return k > gone ? `p${k - 1}` : host;
}

/** The scenario without host `p${gone}` (1 <= gone <= processes), the later hosts renumbered. */
export function withoutHost(s: Scenario, gone: number): Scenario {
  const rename = (h: HostName): HostName | null => renumberedHost(h, gone);
  const schedule: ScheduledFault[] = [];
  for (const fault of s.faults?.schedule ?? []) {
    const renamed = renameFault(fault, rename);
    if (renamed !== null) schedule.push(renamed);
  }
  const links = [];
  for (const link of s.network.links ?? []) {
    const from = rename(link.from);
    const to = rename(link.to);
    if (from !== null && to !== null) links.push({ ...link, from, to });
  }
  const leaves = [];
  for (const leave of s.workload.leaves ?? []) {
    const host = rename(leave.host);
    if (host !== null) leaves.push({ ...leave, host });
  }
  const shrunk: Scenario = {
    ...s,
    processes: s.processes - 1,
    network: { ...s.network, ...(s.network.links !== undefined ? { links } : {}) },
    workload: { ...s.workload, ...(s.workload.leaves !== undefined ? { leaves } : {}) },
  };
  if (s.faults !== undefined) shrunk.faults = { ...s.faults, ...(s.faults.schedule !== undefined ? { schedule } : {}) };
  if (s.clockDriftPpm !== undefined) {
    const drift: Record<HostName, number> = {};
    for (const [host, ppm] of Object.entries(s.clockDriftPpm)) {
      const renamed = rename(host);
      if (renamed !== null) drift[renamed] = ppm;
    }
    shrunk.clockDriftPpm = drift;
  }
  return shrunk;
}

/**
 * The scenario without joiner `p${gone}` (processes < gone <= processes +
 * joiners): the join that starts it takes one process fewer (none: the join
 * goes), the later joiners renumbered down, every reference rewritten as
 * for a host (what named the dropped joiner goes with it). Joiners are
 * named in the order they start (scenarios/host-references.ts): by join
 * time, and in file order at the same time. Null: no such joiner.
 *
 * Why: dropping a join drops all its joiners at once, and leaves a fault
 * naming one of them invalid; a failure that needs a joiner but not two
 * (suspicion-permanent: a joiner the wedged group never admits) kept a
 * join of two.
 */
export function withoutJoiner(s: Scenario, gone: number): Scenario | null {
  const joins = s.workload.joins ?? [];
  const order = joins.map((join, k) => ({ join, k })).sort((a, b) => a.join.atUs - b.join.atUs || a.k - b.k);
  let next = s.processes + 1;
  for (const { join, k } of order) {
    const count = join.count ?? 1;
    if (gone >= next && gone < next + count) {
      const fewer = count > 1 ? [...joins.slice(0, k), { ...join, count: count - 1 }, ...joins.slice(k + 1)] : joins.filter((_, j) => j !== k);
      const renamed = withoutHost(s, gone);
      return { ...renamed, processes: s.processes, workload: { ...renamed.workload, joins: fewer } };
    }
    next += count;
  }
  return null;
}

/** The fault with its hosts renamed; null when it is about the dropped host alone. */
function renameFault(fault: ScheduledFault, rename: (h: HostName) => HostName | null): ScheduledFault | null {
  let out: ScheduledFault = fault;
  if (fault.onNote !== undefined) {
    const host = rename(fault.onNote.host);
    if (host === null) return null;
    out = { ...out, onNote: { ...fault.onNote, host } };
  }
  if (out.at !== undefined) {
    // A fault triggered at another process's note (roles and "any" stay as they are).
    const node = rename(out.at.node);
    if (node === null) return null;
    out = { ...out, at: { ...out.at, node } };
  }
  switch (out.type) {
    case 'crash':
    case 'restart':
    case 'isolate': {
      const host = rename(out.host);
      return host === null ? null : { ...out, host };
    }
    case 'link': {
      const from = rename(out.from);
      const to = rename(out.to);
      return from === null || to === null ? null : { ...out, from, to };
    }
    case 'partition': {
      const groups = out.groups.map((g) => g.map(rename).filter((h): h is HostName => h !== null)).filter((g) => g.length > 0);
      return { ...out, groups };
    }
    case 'heal':
    case 'link-reset':
      return out;
    default:
      return assertNever(out, 'fault');
  }
}
