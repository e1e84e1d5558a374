// Who plays which protocol role at a moment of a run, derived from the
// trace alone (views, notes, exits), so it works for any trace of the
// contract: the coordinator is the view's oldest member that no live member
// suspects; the ABCAST sequencer is the view's rank-0 member
// (protocol/isis/abcast.ts); a joiner has started but installed no view; the
// state-transfer provider is the coordinator while a joiner waits (ISIS
// carries the state in the install message); a leaver asked to leave
// (the scenario's `workload.leaves`) and has not exited.
import type { LeaveSpec } from '../../scenarios/types.ts';
import type { TraceEvent } from '../../traces/schema.ts';

export const ROLES = ['coordinator', 'sequencer', 'joiner', 'provider', 'leaver', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** Bound on the processes tracked (a run never has more than a few hundred). */
const MAX_TRACKED_PROCESSES = 10_000;

export class RoleTracker {
  private view: { id: number; members: string[] } | null = null;
  private readonly live = new Set<string>();
  private readonly installed = new Set<string>();
  /** Suspected process -> the processes that noted `suspect` and not `unsuspect`. */
  private readonly suspicions = new Map<string, Set<string>>();
  private readonly leaves: readonly LeaveSpec[];

  constructor(leaves: readonly LeaveSpec[] = []) {
    this.leaves = leaves;
  }

  observe(event: TraceEvent): void {
    const fields = event as unknown as Record<string, unknown>;
    const node = typeof fields['node'] === 'string' ? fields['node'] : null;
    switch (event.type) {
      case 'start':
        if (node !== null && this.live.size < MAX_TRACKED_PROCESSES) this.live.add(node);
        break;
      case 'view': {
        const view = fields['view'] as { id: number; members: string[] };
        if (node !== null) this.installed.add(node);
        if (this.view === null || view.id > this.view.id) {
          this.view = { id: view.id, members: [...view.members] };
          this.suspicions.clear();
        }
        break;
      }
      case 'crash':
      case 'exit':
        if (node !== null) this.gone(node);
        break;
      case 'note':
        if (node !== null) this.noteSeen(node, String(fields['text']));
        break;
      default:
        break;
    }
  }

  /** The roles `pid` plays now (`member` when none of the others). */
  rolesOf(pid: string, tUs: number): Role[] {
    const roles: Role[] = [];
    const coordinator = this.coordinator();
    if (coordinator === pid) roles.push('coordinator');
    if (this.view !== null && this.view.members[0] === pid) roles.push('sequencer');
    if (this.live.has(pid) && !this.installed.has(pid)) roles.push('joiner');
    if (coordinator === pid && this.joinerWaiting()) roles.push('provider');
    if (this.isLeaver(pid, tUs)) roles.push('leaver');
    if (roles.length === 0) roles.push('member');
    return roles;
  }

  private coordinator(): string | null {
    if (this.view === null) return null;
    for (const p of this.view.members) {
      if (!this.live.has(p)) continue;
      if ((this.suspicions.get(p)?.size ?? 0) > 0) continue;
      return p;
    }
    return null;
  }

  private joinerWaiting(): boolean {
    for (const p of this.live) if (!this.installed.has(p)) return true;
    return false;
  }

  private isLeaver(pid: string, tUs: number): boolean {
    if (!this.live.has(pid) || !this.installed.has(pid)) return false;
    const host = pid.split('#')[0];
    return this.leaves.some((l) => l.host === host && l.atUs <= tUs);
  }

  private noteSeen(node: string, text: string): void {
    const [word, target] = text.split(' ');
    if (target === undefined) return;
    if (word === 'suspect') {
      const by = this.suspicions.get(target) ?? new Set<string>();
      by.add(node);
      this.suspicions.set(target, by);
    } else if (word === 'unsuspect') {
      this.suspicions.get(target)?.delete(node);
    }
  }

  private gone(node: string): void {
    this.live.delete(node);
    this.suspicions.delete(node);
    for (const by of this.suspicions.values()) by.delete(node);
  }
}
