// Who holds which protocol role, read from what the processes observe (their
// installed views, starts and exits) and from the scenario's leave requests,
// so a fault can target "the coordinator" or "the joiner" rather than a
// fixed host (scenarios/types.ts, ProcessRole, defines each role).
// The simulator never looks inside protocol state: roles follow from views,
// which every group protocol reports, so this works for plugins too.
//
// The rules live in one place, RoleRules, fed by two front ends: the fault
// driver's RoleTracker below (during a run, from the world) and the coverage
// facts' TraceRoleTracker (sim/coverage/roles.ts, from a trace). So the role
// a fault was aimed at is the role the coverage report says it hit.
import { assertNever } from '../protocol/types.ts';
import type { HostName, HostOrRole, LeaveSpec, ProcessRole } from '../scenarios/types.ts';
import { PROCESS_ROLES } from '../scenarios/types.ts';
import type { SimProcess, World } from './world.ts';

export interface ViewSeen {
  id: number;
  members: readonly string[];
}

export function isRole(name: string): name is ProcessRole {
  return (PROCESS_ROLES as readonly string[]).includes(name);
}

/** What the role rules read about the processes: the world supplies it during a run, a trace reader rebuilds it. */
export interface RolePopulation {
  /** Every process so far, in start order. */
  pidsInStartOrder(): Iterable<string>;
  /** Started, and neither crashed nor exited. */
  isLive(pid: string): boolean;
  /** One of p1..pN's first processes (never a joiner). */
  isInitial(pid: string): boolean;
}

/** The role rules, over a population and the views and leave requests it is told of. */
export class RoleRules {
  /** Each process's latest installed view. */
  private readonly viewOf = new Map<string, ViewSeen>();
  /** Views each process installed (a joiner is "new" while this is 1). */
  private readonly viewsInstalled = new Map<string, number>();
  /** The newest view installed by anyone (highest id). */
  private newest: ViewSeen | null = null;
  /** The coordinator of the last view that admitted a process that joined. */
  private lastProvider: string | null = null;
  /** Processes whose host's leave was requested while they were its process. */
  private readonly leavers = new Set<string>();

  constructor(private readonly population: RolePopulation) {}

  viewInstalled(pid: string, view: ViewSeen): void {
    const before = this.viewOf.get(pid);
    this.viewOf.set(pid, view);
    this.viewsInstalled.set(pid, (this.viewsInstalled.get(pid) ?? 0) + 1);
    // Ties go to the latest: a protocol keeps one member list per view id (view-agreement), a test double may not.
    if (this.newest === null || view.id >= this.newest.id) {
      const admitted = this.newest !== null && view.id > this.newest.id && view.members.some((m) => !this.newest!.members.includes(m));
      this.newest = view;
      if (admitted && before !== undefined) this.lastProvider = this.coordinatorOfView(view) ?? null;
    }
  }

  /** `pid` was its host's process when the host's leave was requested. */
  leaveRequested(pid: string): void {
    this.leavers.add(pid);
  }

  /** Whether `pid` holds `role` now by its own view (what a note trigger's `node` asks). */
  holds(pid: string, role: ProcessRole): boolean {
    if (!this.population.isLive(pid)) return false;
    switch (role) {
      case 'coordinator': {
        const view = this.viewOf.get(pid);
        return view !== undefined && this.coordinatorOfView(view) === pid;
      }
      case 'sequencer':
        return this.viewOf.get(pid)?.members[0] === pid;
      case 'joiner':
        return this.isNewcomer(pid);
      case 'provider':
        return this.holds(pid, 'coordinator') && (this.joinerWaiting() || this.lastProvider === pid);
      case 'leaver':
        return this.isLeaver(pid);
      default:
        return assertNever(role, 'role');
    }
  }

  /** The process that holds `role` for the whole group now (it may be dead: the caller decides); undefined: nobody. */
  holderOf(role: ProcessRole): string | undefined {
    switch (role) {
      case 'coordinator':
        return this.newest === null ? undefined : this.coordinatorOfView(this.newest);
      case 'sequencer':
        return this.newest?.members[0];
      case 'joiner': {
        let newestJoiner: string | undefined;
        for (const pid of this.population.pidsInStartOrder()) if (this.isNewcomer(pid)) newestJoiner = pid;
        return newestJoiner;
      }
      case 'provider':
        // Before any process joined nobody provides state (RoleTracker.resolve falls back to the coordinator).
        if (this.joinerWaiting()) return this.holderOf('coordinator');
        return this.lastProvider ?? undefined;
      case 'leaver':
        for (const pid of this.population.pidsInStartOrder()) if (this.isLeaver(pid)) return pid;
        return undefined;
      default:
        return assertNever(role, 'role');
    }
  }

  /**
   * The roles `pid` plays now, in PROCESS_ROLES order: those it holds by its
   * own view (what a note trigger sees) and those it holds for the group
   * (whom a fault aimed at the role hits), if it is live.
   */
  rolesOf(pid: string): ProcessRole[] {
    return PROCESS_ROLES.filter((role) => this.holds(pid, role) || (this.population.isLive(pid) && this.holderOf(role) === pid));
  }

  /** The members of the newest view anyone installed (empty before the first). */
  newestMembers(): readonly string[] {
    return this.newest?.members ?? [];
  }

  /** Processes whose host asked to leave and that are still live, in start order. */
  leavingPids(): string[] {
    const out: string[] = [];
    for (const pid of this.population.pidsInStartOrder()) if (this.isLeaver(pid)) out.push(pid);
    return out;
  }

  /** The first member of `view` that is live: rank 0, or whoever takes over from a dead rank 0. */
  private coordinatorOfView(view: ViewSeen): string | undefined {
    return view.members.find((m) => this.population.isLive(m));
  }

  /** Still joining (no view yet), or admitted and still in its first view; never one of p1..pN's first processes. */
  private isNewcomer(pid: string): boolean {
    if (!this.population.isLive(pid) || this.population.isInitial(pid)) return false;
    return (this.viewsInstalled.get(pid) ?? 0) <= 1;
  }

  private joinerWaiting(): boolean {
    for (const pid of this.population.pidsInStartOrder()) {
      if (this.population.isLive(pid) && !this.population.isInitial(pid) && !this.viewOf.has(pid)) return true;
    }
    return false;
  }

  /** Its host's leave was requested while it was the host's process, and it has not exited. */
  private isLeaver(pid: string): boolean {
    return this.population.isLive(pid) && this.leavers.has(pid);
  }
}

/** Whether `host`'s first process is one of the scenario's initial ones (p1..pN). */
export function isInitialProcess(pid: string, host: string, initialHosts: number): boolean {
  return pid === host && Number(host.slice(1)) <= initialHosts;
}

/** The roles during a run, for the fault driver: the world is the population. */
export class RoleTracker {
  private readonly rules: RoleRules;

  /**
   * Built before the processes and the workload start: it hears the first
   * members install view 1, and its leave marks are queued before the
   * workload's leaves at the same time, so a leaver holds the role already
   * when its request makes it (or its coordinator) emit notes.
   */
  constructor(private readonly world: World, leaves: readonly LeaveSpec[], initialHosts: number) {
    this.rules = new RoleRules({
      // The world's map keeps insertion order: start order.
      pidsInStartOrder: () => world.processes.keys(),
      isLive: (pid) => world.processes.get(pid)?.status === 'live',
      isInitial: (pid) => {
        const process = world.processes.get(pid);
        return process !== undefined && isInitialProcess(process.pid, process.host, initialHosts);
      },
    });
    world.listeners.push((process, observation) => {
      if (observation.type === 'view') this.rules.viewInstalled(process.pid, observation.view);
    });
    for (const leave of leaves) {
      world.at(leave.atUs, () => {
        const process = world.currentOfHost.get(leave.host);
        if (process !== undefined) this.rules.leaveRequested(process.pid);
      });
    }
  }

  /** Whether `process` holds `role` now (for a note trigger's `node`). */
  holds(process: SimProcess, role: ProcessRole): boolean {
    return this.rules.holds(process.pid, role);
  }

  /** The host that `target` names now: itself, or the live holder of the role (undefined: no live process holds it). */
  resolve(target: HostOrRole): HostName | undefined {
    if (!isRole(target)) return target;
    // A fault aimed at the provider before any join hits the coordinator, the one that would provide.
    const pid = this.rules.holderOf(target) ?? (target === 'provider' ? this.rules.holderOf('coordinator') : undefined);
    const process = pid === undefined ? undefined : this.world.processes.get(pid);
    // A dead holder (a crashed rank 0 not yet replaced) is nobody: restarting its host would hit a newer process.
    return process?.status === 'live' ? process.host : undefined;
  }

  /** The members of the newest view anyone installed (empty before the first). */
  newestMembers(): readonly string[] {
    return this.rules.newestMembers();
  }

  /** Hosts whose process asked to leave and is still live (gone soon: the fault driver counts them down). */
  leavingHosts(): HostName[] {
    return this.rules.leavingPids().map((pid) => this.world.processes.get(pid)!.host);
  }
}
