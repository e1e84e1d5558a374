// Who holds which protocol role right now, read from what the processes
// observe (their installed views and exits) and from the scenario's leave
// requests, so a fault can target "the coordinator" or "the joiner" rather
// than a fixed host (scenarios/types.ts, ProcessRole, defines each role).
// The simulator never looks inside protocol state: roles follow from views,
// which every group protocol reports, so this works for plugins too.
import { assertNever } from '../protocol/types.ts';
import type { HostName, HostOrRole, LeaveSpec, ProcessRole } from '../scenarios/types.ts';
import { PROCESS_ROLES } from '../scenarios/types.ts';
import type { SimProcess, World } from './world.ts';

interface ViewSeen {
  id: number;
  members: readonly string[];
}

export function isRole(name: string): name is ProcessRole {
  return (PROCESS_ROLES as readonly string[]).includes(name);
}

export class RoleTracker {
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

  /**
   * Built before the processes and the workload start: it hears the first
   * members install view 1, and its leave marks are queued before the
   * workload's leaves at the same time, so a leaver holds the role already
   * when its request makes it (or its coordinator) emit notes.
   */
  constructor(private readonly world: World, leaves: readonly LeaveSpec[], private readonly initialHosts: number) {
    world.listeners.push((process, observation) => {
      if (observation.type === 'view') this.viewInstalled(process, observation.view);
    });
    for (const leave of leaves) {
      world.at(leave.atUs, () => {
        const process = world.currentOfHost.get(leave.host);
        if (process !== undefined) this.leavers.add(process.pid);
      });
    }
  }

  private viewInstalled(process: SimProcess, view: ViewSeen): void {
    const before = this.viewOf.get(process.pid);
    this.viewOf.set(process.pid, view);
    this.viewsInstalled.set(process.pid, (this.viewsInstalled.get(process.pid) ?? 0) + 1);
    // Ties go to the latest: a protocol keeps one member list per view id (view-agreement), a test double may not.
    if (this.newest === null || view.id >= this.newest.id) {
      const admitted = this.newest !== null && view.id > this.newest.id && view.members.some((m) => !this.newest!.members.includes(m));
      this.newest = view;
      if (admitted && before !== undefined) this.lastProvider = this.coordinatorOfView(view) ?? null;
    }
  }

  /** Every process so far, in start order (the world's map keeps insertion order). */
  private knownProcesses(): SimProcess[] {
    return [...this.world.processes.values()];
  }

  /** Whether `process` holds `role` now (for a note trigger's `node`). */
  holds(process: SimProcess, role: ProcessRole): boolean {
    if (process.status !== 'live') return false;
    switch (role) {
      case 'coordinator': {
        const view = this.viewOf.get(process.pid);
        return view !== undefined && this.coordinatorOfView(view) === process.pid;
      }
      case 'sequencer':
        return this.viewOf.get(process.pid)?.members[0] === process.pid;
      case 'joiner':
        return this.isNewcomer(process);
      case 'provider':
        return this.holds(process, 'coordinator') && (this.joinerWaiting() || this.lastProvider === process.pid);
      case 'leaver':
        return this.isLeaver(process);
      default:
        return assertNever(role, 'role');
    }
  }

  /** The host that `target` names now: itself, or the live holder of the role (undefined: no live process holds it). */
  resolve(target: HostOrRole): HostName | undefined {
    if (!isRole(target)) return target;
    const pid = this.holderOf(target);
    const process = pid === undefined ? undefined : this.world.processes.get(pid);
    // A dead holder (a crashed rank 0 not yet replaced) is nobody: restarting its host would hit a newer process.
    return process?.status === 'live' ? process.host : undefined;
  }

  /** The members of the newest view anyone installed (empty before the first). */
  newestMembers(): readonly string[] {
    return this.newest?.members ?? [];
  }

  private holderOf(role: ProcessRole): string | undefined {
    switch (role) {
      case 'coordinator':
        return this.newest === null ? undefined : this.coordinatorOfView(this.newest);
      case 'sequencer':
        return this.newest?.members[0];
      case 'joiner': {
        const candidates = this.knownProcesses().filter((p) => this.isNewcomer(p));
        return candidates[candidates.length - 1]?.pid;
      }
      case 'provider':
        if (this.joinerWaiting() || this.lastProvider === null) return this.holderOf('coordinator');
        return this.lastProvider;
      case 'leaver':
        return this.knownProcesses().find((p) => this.isLeaver(p))?.pid;
      default:
        return assertNever(role, 'role');
    }
  }

  /** The first member of `view` that is live: rank 0, or whoever takes over from a dead rank 0. */
  private coordinatorOfView(view: ViewSeen): string | undefined {
    return view.members.find((m) => this.world.processes.get(m)?.status === 'live');
  }

  /** Still joining (no view yet), or admitted and still in its first view; never one of p1..pN's first processes. */
  private isNewcomer(process: SimProcess): boolean {
    if (process.status !== 'live' || this.isInitial(process)) return false;
    return (this.viewsInstalled.get(process.pid) ?? 0) <= 1;
  }

  private isInitial(process: SimProcess): boolean {
    return process.pid === process.host && Number(process.host.slice(1)) <= this.initialHosts;
  }

  private joinerWaiting(): boolean {
    return this.knownProcesses().some((p) => p.status === 'live' && !this.isInitial(p) && !this.viewOf.has(p.pid));
  }

  /** Its host's leave was requested while it was the host's process, and it has not exited. */
  private isLeaver(process: SimProcess): boolean {
    return process.status === 'live' && this.leavers.has(process.pid);
  }

  /** Hosts whose process asked to leave and is still live (gone soon: the fault driver counts them down). */
  leavingHosts(): HostName[] {
    return this.knownProcesses().filter((p) => this.isLeaver(p)).map((p) => p.host);
  }
}
