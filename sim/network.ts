// The network model: per-link delay, loss and duplication, partitions and
// heal. Links are between hosts, so a restarted process (p3#2) inherits its
// host's links. Reordering comes from random delays: two messages on the
// same link overtake each other whenever the later one draws a shorter delay.
import type { DelaySpec, HostName, LinkSpec, NetworkSpec } from '../scenarios/types.ts';
import type { Rng } from './rng.ts';
import { Cuts } from './system/cuts.ts';
import type { LinkChange } from './system/system.ts';

interface LinkParams {
  delay: DelaySpec;
  lossProbability: number;
  duplicateProbability: number;
}

export interface NetworkStats {
  sent: number;
  lost: number;
  duplicated: number;
  cut: number;
}

export class Network {
  private readonly defaults: LinkParams;
  /** Links configured by the scenario: permanent. */
  private readonly configured = new Map<string, LinkParams>();
  /** Links changed by faults: removed when the network heals for the settle phase. */
  private readonly faulted = new Map<string, LinkParams>();
  readonly stats: NetworkStats = { sent: 0, lost: 0, duplicated: 0, cut: 0 };
  /** Why the last `transmit` that returned no delays lost the frame. */
  lastDropReason: 'loss' | 'cut' = 'loss';
  /** The delay of the first copy of the last `transmitCopies` that returned 1 or 2. */
  firstDelayUs = 0;
  /** The delay of the duplicate of the last `transmitCopies` that returned 2. */
  secondDelayUs = 0;
  /** Hears every link fault as it applies (the trace's `link` events); null: nobody listens. */
  onLinkChange: ((change: LinkChange) => void) | null = null;

  /** `cuts`: the partition state, shared with the system (sim/system/cuts.ts). */
  constructor(spec: NetworkSpec, private readonly rng: Rng, readonly cuts: Cuts = new Cuts()) {
    this.defaults = {
      delay: spec.delay,
      lossProbability: spec.lossProbability,
      duplicateProbability: spec.duplicateProbability,
    };
    for (const link of spec.links ?? []) {
      this.override(this.configured, link.from, link.to, link, link.bidirectional ?? true);
    }
  }

  /** A fault changes a link (until `resetLinkFaults`). */
  setLinkFault(from: HostName, to: HostName, spec: LinkSpec, bidirectional: boolean): void {
    this.override(this.faulted, from, to, spec, bidirectional);
    this.onLinkChange?.(linkChangeOf(from, to, spec, bidirectional));
  }

  resetLinkFaults(): void {
    // Only a reset that undoes something is a change worth telling.
    if (this.faulted.size > 0) this.onLinkChange?.({ from: '*', to: '*', change: 'reset' });
    this.faulted.clear();
  }

  get isPartitioned(): boolean {
    return this.cuts.isPartitioned;
  }

  partition(groups: HostName[][]): void {
    this.cuts.partition(groups);
  }

  heal(): void {
    this.cuts.heal();
  }

  canTalk(from: HostName, to: HostName): boolean {
    return this.cuts.canTalk(from, to);
  }

  /**
   * One send from `from` to `to`: returns the delays of the copies that will
   * arrive (none when lost or cut, two when duplicated). The simulator uses
   * `transmitCopies`, which allocates nothing; this is the same draws.
   */
  transmit(from: HostName, to: HostName): number[] {
    const copies = this.transmitCopies(from, to);
    return copies === 0 ? [] : copies === 1 ? [this.firstDelayUs] : [this.firstDelayUs, this.secondDelayUs];
  }

  /**
   * One send from `from` to `to`: how many copies will arrive (0 when lost
   * or cut, 2 when duplicated); their delays are left in `firstDelayUs` and
   * `secondDelayUs` (one call per message on the simulator's hot path: no
   * array). The draws, and their order, are the run's: loss, the first
   * delay, duplication, the second delay. `sameHost`: whether `from` and
   * `to` are one host, when the caller knows it without comparing names.
   */
  transmitCopies(from: HostName, to: HostName, sameHost: boolean = from === to): 0 | 1 | 2 {
    const stats = this.stats;
    stats.sent++;
    const cuts = this.cuts;
    if (cuts.isPartitioned && !cuts.canTalk(from, to)) {
      stats.cut++;
      this.lastDropReason = 'cut';
      return 0;
    }
    if (sameHost) {
      this.firstDelayUs = 0;
      return 1;
    }
    const link = this.faulted.size === 0 && this.configured.size === 0 ? this.defaults : this.linkParams(from, to);
    const rng = this.rng;
    const loss = link.lossProbability;
    if (loss > 0 && rng.float() < loss) {
      stats.lost++;
      this.lastDropReason = 'loss';
      return 0;
    }
    const delay = link.delay;
    this.firstDelayUs = this.drawDelayUs(delay);
    const duplicate = link.duplicateProbability;
    if (!(duplicate > 0 && rng.float() < duplicate)) return 1;
    stats.duplicated++;
    this.secondDelayUs = this.drawDelayUs(delay);
    return 2;
  }

  private drawDelayUs(delay: DelaySpec): number {
    const rng = this.rng;
    const minUs = delay.minUs;
    const tail = rng.exponentialInt(Math.max(0, delay.meanUs - minUs));
    const jitterUs = delay.jitterUs;
    return jitterUs > 0 ? minUs + tail + rng.int(jitterUs) : minUs + tail;
  }

  private linkParams(from: HostName, to: HostName): LinkParams {
    const key = linkKey(from, to);
    return this.faulted.get(key) ?? this.configured.get(key) ?? this.defaults;
  }

  private override(
    table: Map<string, LinkParams>,
    from: HostName,
    to: HostName,
    spec: LinkSpec,
    bidirectional: boolean,
  ): void {
    const set = (a: HostName, b: HostName): void => {
      const base = this.configured.get(linkKey(a, b)) ?? this.defaults;
      table.set(linkKey(a, b), {
        delay: spec.delay ?? base.delay,
        lossProbability: spec.lossProbability ?? base.lossProbability,
        duplicateProbability: spec.duplicateProbability ?? base.duplicateProbability,
      });
    };
    set(from, to);
    if (bidirectional) set(to, from);
  }
}

/** A link fault in the trace's words: `lossy` when it sets a loss probability, else `slow`; only the settings it names. */
function linkChangeOf(from: HostName, to: HostName, spec: LinkSpec, bidirectional: boolean): LinkChange {
  const change: LinkChange = { from, to, change: spec.lossProbability !== undefined ? 'lossy' : 'slow' };
  if (spec.delay !== undefined) change.delay = { ...spec.delay };
  if (spec.lossProbability !== undefined) change.lossProbability = spec.lossProbability;
  if (spec.duplicateProbability !== undefined) change.duplicateProbability = spec.duplicateProbability;
  change.bidirectional = bidirectional;
  return change;
}

function linkKey(from: HostName, to: HostName): string {
  return `${from}>${to}`;
}
