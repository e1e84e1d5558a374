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
//
// Memory stays flat on a long run: a write is kept only while some judged
// process may still deliver it. It is owed, from its `bcast`, by each
// process that began in the first view, is live and has not installed a view
// newer than the write's sending view (and by each initial member whose
// first view is not seen yet); a process leaves that count when it
// delivers the write, installs a newer view (virtual synchrony: a message is
// delivered in its sending view or not at all), crashes or exits (a pid is
// never live again: a restarted host is a new incarnation, `p3#2`, a joiner
// with a transferred map). The write goes when the count is empty. So a
// later delivery of a forgotten write is a second delivery or one outside
// its sending view, which the trace's properties (no-duplication,
// sending-view-delivery, lifecycle) fail first; on a protocol that keeps
// them every verdict is the one the ledger that kept every write gave.
// Without the list of initial members any process may still begin in the
// first view, and every write is kept, as before. A run of a protocol the
// ledger does not judge keeps no write at all.
import { kvDigest, type KvMap } from '../protocol/isis/kv-app.ts';
import type { AppRequest, MessageId, ProcessId, Protocol } from '../protocol/types.ts';
import type { BcastEvent, DeliverEvent, UnnumberedEvent } from '../traces/schema.ts';
import { REQUEST_DROPPED_NOTE, RequestLedger } from './request-ledger.ts';

interface Write {
  key: string;
  value: number;
}

/** A multicast total-order write, and the judged processes that may still deliver it. */
interface OutstandingWrite extends Write {
  /** The `bcast`'s view: a process that installs a newer one will not deliver it. */
  viewId: number;
  owedBy: Set<ProcessId>;
}

interface LiveProcess {
  pid: ProcessId;
  state: unknown;
}

/** The protocol whose application this replays (protocol/isis/kv-app.ts); other protocols' digests are their own. */
const KV_PROTOCOL = 'isis';

/** The first view's id: processes that install it first began with the group, with an empty map. */
const FIRST_VIEW_ID = 1;

type JudgedProtocol = Pick<Protocol<unknown, unknown>, 'name' | 'appDigest'>;

/** The ISIS stack's application, with a digest to compare: the protocols whose writes are replayed. */
function judges(protocol: JudgedProtocol): boolean {
  return protocol.name === KV_PROTOCOL && protocol.appDigest !== undefined;
}

export class WriteLedger extends RequestLedger {
  /** Per process, the payloads asked for and not yet multicast or refused, oldest first. */
  private readonly pending = new Map<ProcessId, Write[]>();
  /** The total-order writes multicast that a judged process may still deliver, by message id. */
  private readonly writes = new Map<MessageId, OutstandingWrite>();
  /**
   * Per live process that began in the first view: the map its deliveries
   * make, how many writes made it, and the newest view it installed.
   */
  private readonly replayed = new Map<ProcessId, { map: KvMap; applied: number; viewId: number }>();
  /** Processes whose first view was seen. */
  private readonly began = new Set<ProcessId>();
  /**
   * The initial members whose first view is not seen yet (they may begin in
   * the first view and deliver any write); null when the initial members are
   * unknown: then nothing is forgotten.
   */
  private readonly awaited: Set<ProcessId> | null;
  /** False: the run's protocol is not judged (unappliedWrites), so no write is kept. */
  private readonly keepsWrites: boolean;
  private peak = 0;

  /**
   * `initialMembers`: the processes that may begin in the first view (the
   * scenario's p1..pN); without it, every write is kept. `protocol`: the
   * run's; without it, the writes are kept as if it were judged.
   */
  constructor(options: { initialMembers?: readonly ProcessId[]; protocol?: JudgedProtocol } = {}) {
    super();
    this.awaited = options.initialMembers === undefined ? null : new Set(options.initialMembers);
    this.keepsWrites = options.protocol === undefined || judges(options.protocol);
  }

  /** The writes kept now: multicast, and not yet delivered by every judged process that may deliver them. */
  get outstandingWrites(): number {
    return this.writes.size;
  }

  /** The most writes kept at once so far (benches and tests: it must not grow with the run's length). */
  get peakOutstandingWrites(): number {
    return this.peak;
  }

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
        if (write !== undefined && bcast.order === 'total') this.multicast(bcast.msg, write, bcast.view);
        return;
      }
      case 'deliver': {
        const deliver = event as Omit<DeliverEvent, 'i'>;
        const write = this.writes.get(deliver.msg);
        const replica = this.replayed.get(deliver.node);
        if (write === undefined || replica === undefined) return;
        replica.map[write.key] = write.value;
        replica.applied++;
        this.release(deliver.msg, write, deliver.node);
        return;
      }
      case 'view': {
        const node = event['node'];
        const view = event['view'] as { id?: unknown } | undefined;
        if (typeof node !== 'string') return;
        if (!this.began.has(node)) {
          this.began.add(node);
          this.awaited?.delete(node);
          if (view?.id === FIRST_VIEW_ID) this.replayed.set(node, { map: {}, applied: 0, viewId: FIRST_VIEW_ID });
          // Not judged (a joiner): it owed the writes only while it might have begun in the first view.
          else this.releaseAll(node);
          return;
        }
        const replica = this.replayed.get(node);
        if (replica === undefined || typeof view?.id !== 'number' || view.id <= replica.viewId) return;
        replica.viewId = view.id;
        for (const [msg, write] of this.writes) if (write.viewId < view.id) this.release(msg, write, node);
        return;
      }
      case 'note': {
        const node = event['node'];
        if (event['text'] === REQUEST_DROPPED_NOTE && typeof node === 'string') this.pending.get(node)?.pop();
        return;
      }
      case 'crash':
      case 'exit': {
        // Never live again (a restart is a new pid): not judged, and owes nothing.
        const node = event['node'];
        if (typeof node !== 'string') return;
        this.pending.delete(node);
        const owed = this.replayed.delete(node);
        if (this.awaited?.delete(node) === true || owed) this.releaseAll(node);
        return;
      }
      default:
        return;
    }
  }

  /** Keeps a total-order write for the judged processes that may deliver it (none: it is not kept). */
  private multicast(msg: MessageId, write: Write, viewId: number): void {
    if (!this.keepsWrites) return;
    const owedBy = new Set<ProcessId>();
    for (const [pid, replica] of this.replayed) if (replica.viewId <= viewId) owedBy.add(pid);
    for (const pid of this.awaited ?? []) owedBy.add(pid);
    if (owedBy.size === 0 && this.awaited !== null) return;
    this.writes.set(msg, { ...write, viewId, owedBy });
    if (this.writes.size > this.peak) this.peak = this.writes.size;
  }

  /** `pid` will not deliver `write` (again): forgets the write once no judged process may. */
  private release(msg: MessageId, write: OutstandingWrite, pid: ProcessId): void {
    write.owedBy.delete(pid);
    if (write.owedBy.size === 0 && this.awaited !== null) this.writes.delete(msg);
  }

  /** `pid` will deliver none of the writes kept. */
  private releaseAll(pid: ProcessId): void {
    for (const [msg, write] of this.writes) this.release(msg, write, pid);
  }

  /**
   * Null when every judged process's map (the protocol's appDigest) is the
   * one its delivered writes make; otherwise the first that is not, in words.
   */
  unappliedWrites(protocol: JudgedProtocol, live: readonly LiveProcess[]): string | null {
    const digest = protocol.appDigest;
    if (digest === undefined || !judges(protocol)) return null;
    return this.unappliedWritesIn(protocol, new Map(live.map((process) => [process.pid, digest(process.state)])));
  }

  /** unappliedWrites, from the digests already taken (sim/end-digests.ts), in the map's order. */
  unappliedWritesIn(protocol: JudgedProtocol, digests: ReadonlyMap<ProcessId, string | null>): string | null {
    if (!judges(protocol)) return null;
    for (const [pid, held] of digests) {
      const replica = this.replayed.get(pid);
      if (replica === undefined || held === null) continue;
      const made = kvDigest(replica.map);
      if (held !== made) {
        return `replica ${pid} holds ${held} but the ${replica.applied} total-order writes it delivered make ${made}, at the end of a quiescent run`;
      }
    }
    return null;
  }
}
