// Who plays which protocol role at a moment of a run, rebuilt from the trace
// alone (starts, views, crashes, exits) and the scenario's leave requests.
// The rules are the fault driver's (sim/roles.ts, RoleRules): a fault the
// scenario aimed at "the coordinator" is counted as hitting the coordinator.
// `member` is a process that plays none of the roles.
import type { LeaveSpec, ProcessRole } from '../../scenarios/types.ts';
import type { TraceEvent } from '../../traces/schema.ts';
import { isInitialProcess, RoleRules, type RolePopulation, type ViewSeen } from '../roles.ts';

/** A role of sim/roles.ts, or `member`: none of them. */
export type Role = ProcessRole | 'member';

/** Bound on the processes tracked (a run never has more than a few hundred). */
const MAX_TRACKED_PROCESSES = 10_000;

/** A process id's host: `p3#2` (p3's second process) runs on `p3`. */
function hostOf(pid: string): string {
  const hash = pid.indexOf('#');
  return hash < 0 ? pid : pid.slice(0, hash);
}

/** The processes as the trace shows them. */
class TracePopulation implements RolePopulation {
  /** Every process started, in start order (a Set keeps insertion order). */
  readonly started = new Set<string>();
  readonly live = new Set<string>();
  /** Each host's latest process. */
  readonly currentOfHost = new Map<string, string>();
  /** When the first process started: without a count of initial hosts, the processes started then are the initial ones. */
  private firstStartUs: number | null = null;
  private readonly initialAtFirstStart = new Set<string>();

  constructor(private readonly initialHosts: number | undefined) {}

  start(pid: string, tUs: number): void {
    if (this.started.size >= MAX_TRACKED_PROCESSES) return;
    this.firstStartUs ??= tUs;
    if (tUs === this.firstStartUs) this.initialAtFirstStart.add(pid);
    this.started.add(pid);
    this.live.add(pid);
    this.currentOfHost.set(hostOf(pid), pid);
  }

  gone(pid: string): void {
    this.live.delete(pid);
  }

  pidsInStartOrder(): Iterable<string> {
    return this.started;
  }

  isLive(pid: string): boolean {
    return this.live.has(pid);
  }

  isInitial(pid: string): boolean {
    if (this.initialHosts === undefined) return this.initialAtFirstStart.has(pid) && hostOf(pid) === pid;
    return isInitialProcess(pid, hostOf(pid), this.initialHosts);
  }
}

export class TraceRoleTracker {
  private readonly population: TracePopulation;
  private readonly rules: RoleRules;
  /** The scenario's leave requests, by time; `nextLeave` is the first not yet applied. */
  private readonly leaves: readonly LeaveSpec[];
  private nextLeave = 0;

  /**
   * `initialHosts`: the scenario's `processes` (p1..pN start the run). Left
   * out, the processes that started at the first start's time are the initial ones.
   */
  constructor(leaves: readonly LeaveSpec[] = [], initialHosts?: number) {
    this.population = new TracePopulation(initialHosts);
    this.rules = new RoleRules(this.population);
    this.leaves = [...leaves].sort((a, b) => a.atUs - b.atUs);
  }

  observe(event: TraceEvent): void {
    this.leavesUntil(event.t);
    const fields = event as unknown as Record<string, unknown>;
    const node = typeof fields['node'] === 'string' ? fields['node'] : null;
    if (node === null) return;
    switch (event.type) {
      case 'start':
        this.population.start(node, event.t);
        break;
      case 'view':
        if (this.population.started.has(node)) this.rules.viewInstalled(node, fields['view'] as ViewSeen);
        break;
      case 'crash':
      case 'exit':
        this.population.gone(node);
        break;
      default:
        break;
    }
  }

  /** The roles `pid` plays at `tUs` (`member` when none of the others); call before observing the event at `tUs`. */
  rolesOf(pid: string, tUs: number): Role[] {
    this.leavesUntil(tUs);
    const roles: Role[] = this.rules.rolesOf(pid);
    if (roles.length === 0) roles.push('member');
    return roles;
  }

  /**
   * The run marks a host's process as leaving when the leave is requested,
   * before the events at that time (sim/roles.ts queues the mark first).
   */
  private leavesUntil(tUs: number): void {
    while (this.nextLeave < this.leaves.length && this.leaves[this.nextLeave]!.atUs <= tUs) {
      const pid = this.population.currentOfHost.get(this.leaves[this.nextLeave]!.host);
      if (pid !== undefined) this.rules.leaveRequested(pid);
      this.nextLeave++;
    }
  }
}
