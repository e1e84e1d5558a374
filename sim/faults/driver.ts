// Fault injection: the scenario's schedule (timed, or triggered by a
// protocol note of a host or of a role: "the coordinator's flush-begin"),
// the random fault generator, and rejoin of excluded hosts. A fault may
// target a role (sim/roles.ts), resolved to a host when it fires.
// A driver of the timed scheduler: it decides when faults happen; crashes,
// starts, cuts and heals are steps of sim/system.
// Faults happen only in the fault phase; `endFaultPhase` heals everything.
// What each fault does, and what the random generator may draw, is in the
// fault kinds' files (sim/faults/*.ts, read through index.ts); this file
// is when, and the world's side of each act (`FaultTarget`).
import type { FaultSpec, HostName, HostOrRole, LeaveSpec, LinkSpec, RandomFaultSpec, ScheduledFault } from '../../scenarios/types.ts';
import { risksSuspicion } from '../../scenarios/suspicion-risk.ts';
import { applyScheduled, RANDOM_FAULT_KEYS, RANDOM_FAULTS, takesHostOut, type FaultTarget, type RandomDrawContext } from './index.ts';
import { triggerOf } from './triggers.ts';
import type { Rng } from '../rng.ts';
import { isRole, RoleTracker } from '../roles.ts';
import type { SimProcess, World } from '../world.ts';

/** A host restarts at most this often per run (bounds rejoin loops). */
export const MAX_RESTARTS_PER_HOST = 20;
export interface FaultDriverOptions {
  spec: FaultSpec;
  rng: Rng;
  initialHosts: number;
  /** Every host the scenario has (p1..pN and its joiners): an `isolate` cuts one off from all of these. */
  hosts?: readonly HostName[];
  /** The workload's leaves: who is the `leaver`, and who will soon be gone. */
  leaves?: readonly LeaveSpec[];
}

export class FaultDriver {
  private faultPhase = true;
  private readonly restarts = new Map<HostName, number>();
  /**
   * The faults the random generator injected, as schedule entries: what
   * shrinking turns a random scenario into before it starts removing faults.
   */
  readonly randomFaultsApplied: ScheduledFault[] = [];
  /**
   * Hosts restarted whose new process has not installed a view yet. The
   * random generator counts them as down: until the group has taken the
   * new process in, the old one may still hold a seat in the view, and
   * counting the host as up would let more crashes than a minority hit the
   * view's members.
   */
  private readonly rejoining = new Set<HostName>();
  /** The partition in force (as this driver made it), or null when whole. */
  private groups: HostName[][] | null = null;
  /** Faulted links that may get their `to` host suspected (cleared with the link faults). */
  private readonly riskyLinkTargets = new Set<HostName>();
  /** Scheduled faults that take a host out and have not fired yet: the random generator leaves room for them. */
  private pendingTakeOuts = 0;
  readonly roles: RoleTracker;

  constructor(private readonly world: World, private readonly options: FaultDriverOptions) {
    this.roles = new RoleTracker(world, options.leaves ?? [], options.initialHosts);
  }

  start(): void {
    const { spec } = this.options;
    this.world.listeners.push((process, observation) => {
      if (observation.type === 'view') this.rejoining.delete(process.host);
    });
    for (const fault of spec.schedule ?? []) this.arm(fault);
    for (const leave of this.options.leaves ?? []) {
      // A leave still to come will take its host out: keep room for it (then it counts as leaving).
      this.pendingTakeOuts++;
      this.world.at(leave.atUs, () => this.pendingTakeOuts--);
    }
    if (spec.random !== undefined) this.scheduleRandom(spec.random);
    if (spec.rejoinExcludedAfterUs !== undefined) {
      const afterUs = spec.rejoinExcludedAfterUs;
      this.world.listeners.push((process, observation) => {
        if (observation.type === 'exit' && observation.reason === 'excluded') {
          this.world.at(afterUs, () => this.restart(process.host));
        }
      });
    }
  }

  /** Faults stop, links return to their configured state, the network heals. */
  endFaultPhase(): void {
    this.faultPhase = false;
    this.world.network.resetLinkFaults();
    this.riskyLinkTargets.clear();
    if (this.world.network.isPartitioned) this.apply({ type: 'heal' });
  }

  private arm(fault: ScheduledFault): void {
    const takesOut = takesHostOut(fault);
    if (takesOut) this.pendingTakeOuts++;
    const fire = (): void => {
      if (takesOut) this.pendingTakeOuts--;
      if (this.faultPhase) this.apply(fault);
    };
    const trigger = triggerOf(fault);
    if (trigger === undefined) {
      this.world.at(fault.atUs ?? 0, fire);
      return;
    }
    let seen = 0;
    // Bounded: once it has fired, the listener ignores every later note.
    this.world.listeners.push((process, observation) => {
      if (observation.type !== 'note' || observation.text !== trigger.note || seen >= trigger.occurrence) return;
      if (this.world.nowUs < trigger.afterUs || !this.emittedBy(process, trigger.node)) return;
      if (++seen === trigger.occurrence) this.world.at(trigger.delayUs, fire);
    });
  }

  private emittedBy(process: SimProcess, node: HostOrRole | 'any'): boolean {
    if (node === 'any') return true;
    return isRole(node) ? this.roles.holds(process, node) : process.host === node;
  }

  apply(fault: ScheduledFault): void {
    applyScheduled(fault, this.target);
  }

  /** What each fault kind's `apply` acts on (sim/faults/*.ts). */
  private readonly target: FaultTarget = {
    resolve: (target) => this.roles.resolve(target),
    crashHost: (host) => {
      const process = this.world.currentOfHost.get(host);
      if (process !== undefined) this.world.crash(process);
    },
    restartHost: (host) => this.restart(host),
    partition: (groups) => this.partition(groups),
    isolate: (host) => this.isolate(host),
    heal: () => {
      this.groups = null;
      this.world.system.heal();
    },
    setLink: (from, to, link: LinkSpec & { bidirectional?: boolean }) => {
      if (risksSuspicion(link)) this.riskyLinkTargets.add(to);
      this.world.network.setLinkFault(from, to, link, link.bidirectional ?? true);
    },
    resetLinks: () => {
      this.riskyLinkTargets.clear();
      this.world.network.resetLinkFaults();
    },
  };

  private partition(groups: HostName[][]): void {
    this.groups = groups.map((g) => [...g]);
    this.world.system.partition(groups);
  }

  /** `host` alone; everyone else keeps the connectivity they had (all together when the network was whole). */
  private isolate(host: HostName): void {
    const everyone = new Set<HostName>([...(this.options.hosts ?? []), ...this.world.currentOfHost.keys()]);
    const before = this.groups ?? [[...everyone]];
    const groups = before.map((g) => g.filter((h) => h !== host)).filter((g) => g.length > 0);
    groups.push([host]);
    this.partition(groups);
  }

  /** Reboots a host: its current process (if live) crashes, a new one joins. */
  private restart(host: HostName): void {
    const count = this.restarts.get(host) ?? 0;
    if (count >= MAX_RESTARTS_PER_HOST) return;
    this.restarts.set(host, count + 1);
    const current = this.world.currentOfHost.get(host);
    if (current !== undefined && current.status === 'live') this.world.crash(current);
    const contacts = this.world.liveProcesses().map((p) => p.pid);
    this.rejoining.add(host);
    this.world.startProcess(host, { mode: 'join', contacts });
  }

  private applyRandom(fault: ScheduledFault): void {
    this.randomFaultsApplied.push({ ...fault, atUs: this.world.nowUs });
    this.apply(fault);
  }

  private scheduleRandom(spec: RandomFaultSpec): void {
    const next = (): void => {
      if (!this.faultPhase) return;
      this.randomFault(spec);
      this.world.at(Math.max(1, this.options.rng.exponentialInt(spec.meanIntervalUs)), next);
    };
    this.world.at(Math.max(1, this.options.rng.exponentialInt(spec.meanIntervalUs)), next);
  }

  /**
   * Hosts the group cannot count on now, every way one can be lost: not live
   * (crashed, exited), restarted and not yet back in a view, a dead process
   * still in the newest view (by its process id), asked to leave,
   * at the far end of a link slow or lossy enough to get it suspected, or
   * (unless `ignoringCuts`) cut off from the largest side of a partition.
   */
  private hostsDown(hosts: readonly HostName[], ignoringCuts: boolean): Set<HostName> {
    const down = new Set<HostName>();
    for (const h of hosts) {
      if (this.world.currentOfHost.get(h)?.status !== 'live' || this.rejoining.has(h)) down.add(h);
    }
    for (const h of this.roles.leavingHosts()) down.add(h);
    // A dead process still holding a seat in the newest view (its host already restarted) costs a seat too.
    for (const pid of this.roles.newestMembers()) {
      const process = this.world.processes.get(pid);
      if (process !== undefined && process.status !== 'live' && !down.has(process.host)) down.add(pid);
    }
    for (const h of this.riskyLinkTargets) down.add(h);
    if (!ignoringCuts && this.groups !== null) {
      const live = (g: HostName[]): number => g.filter((h) => !down.has(h)).length;
      const largest = this.groups.reduce((a, b) => (live(b) > live(a) ? b : a), [] as HostName[]);
      for (const h of hosts) if (!largest.includes(h)) down.add(h);
    }
    return down;
  }

  /**
   * How many more seats the newest view may lose and keep a live majority,
   * its members in `down` (or not live) already lost. Counting hosts alone
   * misses a live host the view excluded (cut off, not told yet): it holds
   * no seat, so a view of four can lose one, not two (seed 6 of
   * regressions/excluded-while-cut-off).
   */
  private newestViewRoom(down: Set<HostName>): number {
    const members = this.roles.newestMembers();
    if (members.length === 0) return Infinity;
    const lost = members.filter((pid) => {
      const process = this.world.processes.get(pid);
      return process === undefined || process.status !== 'live' || down.has(process.host) || down.has(pid);
    }).length;
    return Math.floor((members.length - 1) / 2) - lost;
  }

  private randomFault(spec: RandomFaultSpec): void {
    const hosts = [...this.world.currentOfHost.keys()];
    const down = this.hostsDown(hosts, false);
    const maxDown = spec.maxDown ?? Math.floor((this.options.initialHosts - 1) / 2);
    // Without an explicit maxDown, the newest view must keep a live majority of its seats too, for faults
    // that can take a member out for good (a partition is healed when the fault phase ends).
    const viewRoom = spec.maxDown === undefined ? this.newestViewRoom(down) : Infinity;
    const c: RandomDrawContext = {
      rng: this.options.rng,
      spec,
      hosts,
      up: hosts.filter((h) => !down.has(h)),
      restartable: hosts.filter((h) => this.world.currentOfHost.get(h)?.status !== 'live'),
      // Room left for hosts this fault may take out, after the scheduled faults still to come.
      room: Math.min(maxDown - down.size, viewRoom) - this.pendingTakeOuts,
      // A new partition replaces the old one, so the hosts the old one cut off count as up again.
      partitionRoom: maxDown - this.hostsDown(hosts, true).size - this.pendingTakeOuts,
      partitioned: this.world.network.isPartitioned,
      downIgnoringCuts: () => this.hostsDown(hosts, true),
    };
    // Kinds that cannot happen now get weight 0, so the draw never wastes a fault.
    const weights = RANDOM_FAULT_KEYS.map((key) => (RANDOM_FAULTS[key].possible(c) ? (spec.kinds[key] ?? 0) : 0));
    if (weights.every((w) => w <= 0)) return;
    const key = RANDOM_FAULT_KEYS[c.rng.weightedIndex(weights)];
    if (key !== undefined) this.applyRandom(RANDOM_FAULTS[key].draw(c));
  }
}
