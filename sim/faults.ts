// Fault injection: the scenario's schedule (timed, or triggered by a
// protocol note of a host or of a role: "the coordinator's flush-begin"),
// the random fault generator, and rejoin of excluded hosts. A fault may
// target a role (sim/roles.ts), resolved to a host when it fires.
// A driver of the timed scheduler: it decides when faults happen; crashes,
// starts, cuts and heals are steps of sim/system.
// Faults happen only in the fault phase; `endFaultPhase` heals everything.
import { assertNever } from '../protocol/types.ts';
import type { FaultSpec, HostName, HostOrRole, LeaveSpec, RandomFaultSpec, ScheduledFault } from '../scenarios/types.ts';
import { risksSuspicion, SUSPICION_RISK_DELAY_US } from '../scenarios/suspicion-risk.ts';
import { takesHostOut, triggerOf } from './fault-triggers.ts';
import type { Rng } from './rng.ts';
import { isRole, RoleTracker } from './roles.ts';
import type { SimProcess, World } from './world.ts';

/** A host restarts at most this often per run (bounds rejoin loops). */
export const MAX_RESTARTS_PER_HOST = 20;
const DEFAULT_SLOW_LINK_DELAY_US = 50_000;
const LOSSY_LINK_PROBABILITY = 0.5;
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
    const world = this.world;
    switch (fault.type) {
      case 'crash': {
        const host = this.roles.resolve(fault.host);
        const process = host === undefined ? undefined : world.currentOfHost.get(host);
        if (process !== undefined) world.crash(process);
        return;
      }
      case 'restart': {
        const host = this.roles.resolve(fault.host);
        if (host !== undefined) this.restart(host);
        return;
      }
      case 'partition':
        this.partition(fault.groups);
        return;
      case 'isolate': {
        const host = this.roles.resolve(fault.host);
        if (host !== undefined) this.isolate(host);
        return;
      }
      case 'heal':
        this.groups = null;
        world.system.heal();
        return;
      case 'link': {
        const from = this.roles.resolve(fault.from);
        const to = this.roles.resolve(fault.to);
        if (from === undefined || to === undefined || from === to) return;
        if (risksSuspicion(fault)) this.riskyLinkTargets.add(to);
        world.network.setLinkFault(from, to, fault, fault.bidirectional ?? true);
        return;
      }
      case 'link-reset':
        this.riskyLinkTargets.clear();
        world.network.resetLinkFaults();
        return;
      default:
        assertNever(fault, 'fault');
    }
  }

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

  private randomFault(spec: RandomFaultSpec): void {
    const rng = this.options.rng;
    const hosts = [...this.world.currentOfHost.keys()];
    const down = this.hostsDown(hosts, false);
    const up = hosts.filter((h) => !down.has(h));
    const restartable = hosts.filter((h) => this.world.currentOfHost.get(h)?.status !== 'live');
    const maxDown = spec.maxDown ?? Math.floor((this.options.initialHosts - 1) / 2);
    // Room left for hosts this fault may take out, after the scheduled faults still to come.
    const room = maxDown - down.size - this.pendingTakeOuts;
    // A new partition replaces the old one, so the hosts the old one cut off count as up again.
    const partitionRoom = maxDown - this.hostsDown(hosts, true).size - this.pendingTakeOuts;
    const kinds = spec.kinds;
    // Kinds that cannot happen now get weight 0, so the draw never wastes a fault.
    const candidates: [string, number][] = [
      ['crash', room > 0 && up.length > 1 ? (kinds.crash ?? 0) : 0],
      ['restart', restartable.length > 0 ? (kinds.restart ?? 0) : 0],
      ['partition', hosts.length > 1 && partitionRoom > 0 ? (kinds.partition ?? 0) : 0],
      ['heal', this.world.network.isPartitioned ? (kinds.heal ?? 0) : 0],
      ['slowLink', hosts.length > 1 ? (kinds.slowLink ?? 0) : 0],
      ['lossyLink', hosts.length > 1 && room > 0 ? (kinds.lossyLink ?? 0) : 0],
    ];
    if ((spec.slowLinkDelayUs ?? DEFAULT_SLOW_LINK_DELAY_US) >= SUSPICION_RISK_DELAY_US && room <= 0) candidates[4]![1] = 0;
    if (candidates.every(([, w]) => w <= 0)) return;
    const kind = candidates[rng.weightedIndex(candidates.map(([, w]) => w))]?.[0];
    switch (kind) {
      case 'crash':
        this.applyRandom({ type: 'crash', host: rng.pick(up) });
        return;
      case 'restart':
        this.applyRandom({ type: 'restart', host: rng.pick(restartable) });
        return;
      case 'partition': {
        const shuffled = shuffle(hosts, rng);
        const size = 1 + rng.int(Math.max(1, Math.floor(hosts.length / 2)));
        // The cut-off side takes at most `partitionRoom` hosts the group still counts on.
        const counted = this.hostsDown(hosts, true);
        const minority: HostName[] = [];
        let taken = 0;
        for (const h of shuffled) {
          if (minority.length >= size) break;
          if (!counted.has(h)) {
            if (taken >= partitionRoom) continue;
            taken++;
          }
          minority.push(h);
        }
        this.applyRandom({ type: 'partition', groups: [shuffled.filter((h) => !minority.includes(h)), minority] });
        return;
      }
      case 'heal':
        this.applyRandom({ type: 'heal' });
        return;
      case 'slowLink': {
        const [from, to] = shuffle(hosts, rng) as [HostName, HostName];
        const slowUs = spec.slowLinkDelayUs ?? DEFAULT_SLOW_LINK_DELAY_US;
        this.applyRandom({ type: 'link', from, to, delay: { minUs: slowUs, meanUs: slowUs, jitterUs: Math.ceil(slowUs / 10) } });
        return;
      }
      case 'lossyLink': {
        const [from, to] = shuffle(hosts, rng) as [HostName, HostName];
        this.applyRandom({ type: 'link', from, to, lossProbability: LOSSY_LINK_PROBABILITY });
        return;
      }
      default:
        return;
    }
  }
}

function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let k = out.length - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [out[k], out[j]] = [out[j] as T, out[k] as T];
  }
  return out;
}
