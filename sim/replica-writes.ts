// The replicated key-value map of each process must be exactly the
// total-order writes that process delivered, applied in delivery order (the
// application of protocol/isis/kv-app.ts). The trace's properties judge
// deliveries, not what the application made of them, and the end-of-run
// replica comparison (sim/run.ts compareReplicas) only asks that the maps be
// equal: a replica that ignores every write leaves every map empty, equal,
// and passes. This ledger replays the writes itself, outside the protocol:
// it learns each multicast's payload from the workload's request (the
// oldest one of the process not yet answered by a `bcast`; a refusal note
// answers the newest, which a full queue drops as it arrives), and applies
// a delivered total-order write to the map of the process that delivered it.
// Judged at the end of a quiescent run of the ISIS stack (its mutants
// included; the static stacks have no map), for the processes live at the
// end that began in the first view: a joiner starts from a transferred
// map, which compareReplicas holds to the others'.
import { kvDigest, type KvMap } from '../protocol/isis/kv-app.ts';
import type { AppRequest, MessageId, ProcessId, Protocol } from '../protocol/types.ts';
import type { BcastEvent, DeliverEvent, UnnumberedEvent } from '../traces/schema.ts';
import { REQUEST_DROPPED_NOTE, RequestLedger } from './request-ledger.ts';

interface Write {
  key: string;
  value: number;
}

interface LiveProcess {
  pid: ProcessId;
  state: unknown;
}

/** The protocol whose application this replays (protocol/isis/kv-app.ts); other protocols' digests are their own. */
const KV_PROTOCOL = 'isis';

/** The first view's id: processes that install it first began with the group, with an empty map. */
const FIRST_VIEW_ID = 1;

export class WriteLedger extends RequestLedger {
  /** Per process, the payloads asked for and not yet multicast or refused, oldest first. */
  private readonly pending = new Map<ProcessId, Write[]>();
  /** Every total-order write multicast so far, by message id. */
  private readonly writes = new Map<MessageId, Write>();
  /** Per process that began in the first view: the map its deliveries make, and how many writes made it. */
  private readonly replayed = new Map<ProcessId, { map: KvMap; applied: number }>();
  /** Processes whose first view was seen. */
  private readonly began = new Set<ProcessId>();

  override requested(pid: ProcessId, request: AppRequest): void {
    super.requested(pid, request);
    if (request.type !== 'multicast') return;
    const queue = this.pending.get(pid);
    const write = { key: request.payload.key, value: request.payload.value };
    if (queue === undefined) this.pending.set(pid, [write]);
    else queue.push(write);
  }

  override recorded(event: UnnumberedEvent): void {
    super.recorded(event);
    switch (event.type) {
      // (Each case also matches the schema's catch-all event type; the simulator records only known ones.)
      case 'bcast': {
        const bcast = event as Omit<BcastEvent, 'i'>;
        const write = this.pending.get(bcast.node)?.shift();
        if (write !== undefined && bcast.order === 'total') this.writes.set(bcast.msg, write);
        return;
      }
      case 'deliver': {
        const deliver = event as Omit<DeliverEvent, 'i'>;
        const write = this.writes.get(deliver.msg);
        const replica = this.replayed.get(deliver.node);
        if (write === undefined || replica === undefined) return;
        replica.map[write.key] = write.value;
        replica.applied++;
        return;
      }
      case 'view': {
        const node = event['node'];
        const view = event['view'] as { id?: unknown } | undefined;
        if (typeof node !== 'string' || this.began.has(node)) return;
        this.began.add(node);
        if (view?.id === FIRST_VIEW_ID) this.replayed.set(node, { map: {}, applied: 0 });
        return;
      }
      case 'note': {
        const node = event['node'];
        if (event['text'] === REQUEST_DROPPED_NOTE && typeof node === 'string') this.pending.get(node)?.pop();
        return;
      }
      default:
        return;
    }
  }

  /**
   * Null when every judged process's map (the protocol's appDigest) is the
   * one its delivered writes make; otherwise the first that is not, in words.
   */
  unappliedWrites(protocol: Pick<Protocol<unknown, unknown>, 'name' | 'appDigest'>, live: readonly LiveProcess[]): string | null {
    const digest = protocol.appDigest;
    if (digest === undefined || protocol.name !== KV_PROTOCOL) return null;
    for (const process of live) {
      const replica = this.replayed.get(process.pid);
      if (replica === undefined) continue;
      const held = digest(process.state);
      if (held === null) continue;
      const made = kvDigest(replica.map);
      if (held !== made) {
        return `replica ${process.pid} holds ${held} but the ${replica.applied} total-order writes it delivered make ${made}, at the end of a quiescent run`;
      }
    }
    return null;
  }
}
