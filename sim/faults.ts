// Fault injection: the scenario's schedule (timed or triggered by a
// protocol note), the random fault generator, and rejoin of excluded hosts.
// A driver of the timed scheduler: it decides when faults happen; crashes,
// starts, cuts and heals are steps of sim/system.
// Faults happen only in the fault phase; `endFaultPhase` heals everything.
import { assertNever } from '../protocol/types.ts';
import type { FaultSpec, HostName, RandomFaultSpec, ScheduledFault } from '../scenarios/types.ts';
import type { Rng } from './rng.ts';
import type { World } from './world.ts';

/** A host restarts at most this often per run (bounds rejoin loops). */
export const MAX_RESTARTS_PER_HOST = 20;
const DEFAULT_SLOW_LINK_DELAY_US = 50_000;
const LOSSY_LINK_PROBABILITY = 0.5;

export interface FaultDriverOptions {
  spec: FaultSpec;
  rng: Rng;
  initialHosts: number;
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

  constructor(private readonly world: World, private readonly options: FaultDriverOptions) {}

  start(): void {
    const { spec } = this.options;
    this.world.listeners.push((process, observation) => {
      if (observation.type === 'view') this.rejoining.delete(process.host);
    });
    for (const fault of spec.schedule ?? []) this.arm(fault);
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
    if (this.world.network.isPartitioned) this.apply({ type: 'heal' });
  }

  private arm(fault: ScheduledFault): void {
    const trigger = fault.onNote;
    if (trigger === undefined) {
      this.world.at(fault.atUs ?? 0, () => this.applyIfFaultPhase(fault));
      return;
    }
    const wanted = trigger.occurrence ?? 1;
    let seen = 0;
    this.world.listeners.push((process, observation) => {
      if (observation.type !== 'note' || observation.text !== trigger.text) return;
      if (process.host !== trigger.host || ++seen !== wanted) return;
      this.world.at(trigger.delayUs ?? 0, () => this.applyIfFaultPhase(fault));
    });
  }

  private applyIfFaultPhase(fault: ScheduledFault): void {
    if (this.faultPhase) this.apply(fault);
  }

  apply(fault: ScheduledFault): void {
    const world = this.world;
    switch (fault.type) {
      case 'crash': {
        const process = world.currentOfHost.get(fault.host);
        if (process !== undefined) world.crash(process);
        return;
      }
      case 'restart':
        this.restart(fault.host);
        return;
      case 'partition':
        world.system.partition(fault.groups);
        return;
      case 'heal':
        world.system.heal();
        return;
      case 'link':
        world.network.setLinkFault(fault.from, fault.to, fault, fault.bidirectional ?? true);
        return;
      case 'link-reset':
        world.network.resetLinkFaults();
        return;
      default:
        assertNever(fault, 'fault');
    }
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

  private randomFault(spec: RandomFaultSpec): void {
    const rng = this.options.rng;
    const hosts = [...this.world.currentOfHost.keys()];
    const isUp = (h: HostName): boolean => this.world.currentOfHost.get(h)?.status === 'live' && !this.rejoining.has(h);
    const down = hosts.filter((h) => !isUp(h));
    const up = hosts.filter(isUp);
    const restartable = hosts.filter((h) => this.world.currentOfHost.get(h)?.status !== 'live');
    const maxDown = spec.maxDown ?? Math.floor((this.options.initialHosts - 1) / 2);
    const kinds = spec.kinds;
    // Kinds that cannot happen now get weight 0, so the draw never wastes a fault.
    const candidates: [string, number][] = [
      ['crash', down.length < maxDown && up.length > 1 ? (kinds.crash ?? 0) : 0],
      ['restart', restartable.length > 0 ? (kinds.restart ?? 0) : 0],
      ['partition', hosts.length > 1 ? (kinds.partition ?? 0) : 0],
      ['heal', this.world.network.isPartitioned ? (kinds.heal ?? 0) : 0],
      ['slowLink', hosts.length > 1 ? (kinds.slowLink ?? 0) : 0],
      ['lossyLink', hosts.length > 1 ? (kinds.lossyLink ?? 0) : 0],
    ];
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
        const minority = 1 + rng.int(Math.max(1, Math.floor(hosts.length / 2)));
        this.applyRandom({ type: 'partition', groups: [shuffled.slice(minority), shuffled.slice(0, minority)] });
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
