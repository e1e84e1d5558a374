// Random traces for the differential test: a small process group told as a
// story (starts, joins, restarts as new ids, views with flushes, multicasts
// delivered in one agreed order, leaves, exclusions, crashes, partitions),
// with a per-trace fault rate that bends the story: deliveries skipped,
// reordered, repeated, sent to the wrong view or of unknown ids, views with
// wrong members or ids, events of processes that ended or never started,
// reused message ids. Rate 0 gives a trace that keeps every property; higher
// rates make violations common. All choices come from one integer source, so
// fast-check shrinks a failure to a shorter story.
//
// Events are plain JSON objects (what another tool would write), numbered
// `i` from 0 with non-decreasing `t`.

export type Choose = (n: number) => number;

/** A choice source: `choices` first, then a small LCG from `seed`. */
export function chooser(choices: readonly number[], seed: number): Choose {
  let next = 0;
  let state = seed >>> 0;
  return (n) => {
    if (n <= 1) return 0;
    if (next < choices.length) return (choices[next++] as number) % n;
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state >>> 8) % n;
  };
}

const ORDERS = ['fifo', 'causal', 'total'] as const;
const HOSTS = ['p1', 'p2', 'p3', 'p4'];

interface Proc {
  id: string;
  host: string;
  viewId: number | null;
  /** Position in its view's message list up to which it delivered. */
  delivered: Set<string>;
  alive: boolean;
}

/** A trace of about `steps` acts with fault rate `faultPercent` (0..100). */
export function generateTrace(choose: Choose, steps: number, faultPercent: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let t = 0;
  const emit = (type: string, fields: Record<string, unknown>): void => {
    t += choose(3); // sometimes the same microsecond
    out.push({ type, i: out.length, t, ...fields });
  };
  const fault = (): boolean => choose(100) < faultPercent;
  const pick = <T>(list: readonly T[]): T => list[choose(list.length)] as T;

  const procs: Proc[] = [];
  const incarnation = new Map<string, number>();
  const newProc = (host: string): Proc => {
    const n = (incarnation.get(host) ?? 0) + 1;
    incarnation.set(host, n);
    const proc: Proc = { id: n === 1 ? host : `${host}#${n}`, host, viewId: null, delivered: new Set(), alive: true };
    procs.push(proc);
    emit('start', { node: proc.id });
    return proc;
  };
  const alive = (): Proc[] => procs.filter((p) => p.alive);
  /** Per view id: its members and the messages multicast in it, in the agreed delivery order. */
  const views = new Map<number, { members: string[]; msgs: { msg: string; from: string; order: string }[] }>();
  let nextViewId = 1;
  let nextMsg = 1;
  const allMsgs: { msg: string; from: string; view: number }[] = [];

  const install = (proc: Proc, id: number): void => {
    let members = views.get(id)!.members;
    if (fault()) members = choose(2) === 0 ? members.filter((m) => m !== proc.id || choose(2) === 0) : [...members, pick(HOSTS)];
    emit('view', { node: proc.id, view: { id, members } });
    proc.viewId = id;
  };
  const deliverNext = (proc: Proc): boolean => {
    if (proc.viewId === null) return false;
    const list = views.get(proc.viewId)!.msgs;
    const pending = list.filter((m) => !proc.delivered.has(m.msg));
    if (pending.length === 0) return false;
    let m = pending[0]!;
    let view = proc.viewId;
    let from = m.from;
    if (fault()) {
      const how = choose(10);
      if (how <= 3) m = pick(pending); // out of the agreed order
      else if (how === 4 && proc.delivered.size > 0) m = { ...m, msg: pick([...proc.delivered]) }; // again
      else if (how === 5) m = { ...m, msg: `ghost${choose(4)}` }; // an id nobody multicast (or not yet)
      else if (how === 6 && allMsgs.length > 0) {
        const other = pick(allMsgs); // a message of another view
        m = { ...m, msg: other.msg };
        from = other.from;
      } else if (how === 7) from = pick(procs).id;
      else view = choose(2) === 0 ? view + 1 : view - 1;
    }
    emit('deliver', { node: proc.id, msg: m.msg, from, view });
    proc.delivered.add(m.msg);
    return true;
  };
  /** A new view of the live processes (give or take), installed by its members after a flush. */
  const viewChange = (settle: boolean): void => {
    const live = alive();
    if (live.length === 0) return;
    let members = live.map((p) => p.id);
    if (!settle && fault()) members = members.filter(() => choose(3) !== 0);
    if (members.length === 0) members = [live[0]!.id];
    let id = nextViewId++;
    if (!settle && fault()) id = choose(2) === 0 ? id - 1 - choose(2) : id + choose(3);
    if (!views.has(id)) views.set(id, { members, msgs: [] });
    for (const proc of live) {
      if (!members.includes(proc.id) && !(fault() && !settle)) continue;
      // Flush: deliver what the old view still owes (unless a fault cuts it short).
      while (!(fault() && !settle && choose(2) === 0) && deliverNext(proc));
      install(proc, id);
    }
  };
  const multicast = (proc: Proc): void => {
    if (proc.viewId === null) return;
    let msg = `m${nextMsg++}`;
    if (fault()) {
      // an id reused, or one some process already delivered (a delivery before its multicast)
      if (choose(2) === 0 && allMsgs.length > 0) msg = pick(allMsgs).msg;
      else msg = `ghost${choose(4)}`;
    }
    const order = pick(ORDERS);
    const view = fault() ? proc.viewId + 1 : proc.viewId;
    emit('bcast', { node: proc.id, msg, order, view });
    views.get(proc.viewId)!.msgs.push({ msg, from: proc.id, order });
    allMsgs.push({ msg, from: proc.id, view: proc.viewId });
  };

  const initial = 2 + choose(3);
  for (let k = 0; k < initial; k++) newProc(HOSTS[k]!);
  viewChange(true);
  for (let step = 0; step < steps; step++) {
    const live = alive();
    const act = choose(20);
    if (live.length === 0 || act === 0 || act === 19) {
      // a join, or a restart of a host that crashed or left (as a new id)
      const host = pick(HOSTS);
      if (!procs.some((p) => p.host === host && p.alive)) newProc(host);
      if (choose(2) === 0) viewChange(false);
    } else if (act <= 4) multicast(pick(live));
    else if (act <= 11) deliverNext(pick(live));
    else if (act <= 13) viewChange(false);
    else if (act === 14 && (live.filter((p) => p.viewId !== null).length > 2 || fault())) {
      const proc = pick(live);
      emit('crash', { node: proc.id });
      proc.alive = false;
      if (!fault()) viewChange(false);
    } else if (act === 15) {
      const proc = pick(live);
      emit('exit', { node: proc.id, reason: choose(2) === 0 || (live.filter((p) => p.viewId !== null).length <= 2 && !fault()) ? 'left' : 'excluded' });
      proc.alive = false;
      viewChange(false);
    } else if (act === 16) emit('partition', { groups: [live.map((p) => p.id).filter(() => choose(2) === 0)] });
    else if (act === 17) emit('heal', {});
    else if (act === 18 && !fault()) emit('note', { node: pick(live).id, text: 'flush-begin' });
    else if (act === 18) {
      // An act of a process that ended, or of one that never started.
      const ghost = choose(2) === 0 ? pick(procs) : { id: `${pick(HOSTS)}#9`, viewId: 1 };
      if (choose(2) === 0) emit('bcast', { node: ghost.id, msg: `m${nextMsg++}`, order: pick(ORDERS), view: ghost.viewId ?? 1 });
      else emit('view', { node: ghost.id, view: { id: nextViewId - 1, members: [ghost.id] } });
    }
  }
  const ending = choose(4);
  if (ending === 3) return out; // cut off: no end line
  if (ending <= 1) {
    // Settle: everyone delivers what it owes, then one last view of the live processes.
    for (const proc of alive()) while (!(fault() && choose(2) === 0) && deliverNext(proc));
    viewChange(true);
  }
  emit('end', { quiescent: ending !== 2 });
  return out;
}
