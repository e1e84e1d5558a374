// The network's cuts: which hosts can talk while the network is partitioned.
// Part of the system's global state (a message crossing a cut is lost, at
// send and on arrival); the timed network model consults the same object.
import type { HostName } from '../../scenarios/types.ts';

const ALONE = -1;

export class Cuts {
  /** Host -> group index while partitioned; null when whole. */
  private groupOf: Map<HostName, number> | null = null;

  get isPartitioned(): boolean {
    return this.groupOf !== null;
  }

  partition(groups: readonly (readonly HostName[])[]): void {
    const groupOf = new Map<HostName, number>();
    groups.forEach((group, index) => {
      for (const host of group) groupOf.set(host, index);
    });
    this.groupOf = groupOf;
  }

  heal(): void {
    this.groupOf = null;
  }

  canTalk(from: HostName, to: HostName): boolean {
    if (this.groupOf === null || from === to) return true;
    const a = this.groupOf.get(from) ?? ALONE;
    const b = this.groupOf.get(to) ?? ALONE;
    return a !== ALONE && a === b;
  }
}
