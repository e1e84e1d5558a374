// Hand-written traces (test/fixtures/contract/), as another tool or a person
// would write them, each with the exact set of properties TRACE_FORMAT.md's
// definitions make it break. Several are legal but unusual (network events of
// an exited process, a one-member view, sparse or negative view ids, unknown
// fields, nobody live at the end): the checker must not report them. The
// literal reading (oracle.ts) must agree on every one.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PropertyId } from '../../checkers/index.ts';
import { checkEvents } from '../../checkers/index.ts';
import { readTraceFile } from '../../traces/reader.ts';
import { oracleViolations } from './oracle.ts';
import { violated } from './trace-builder.ts';

const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures', 'contract');
const LIVENESS: PropertyId[] = ['view-convergence', 'delivery-liveness'];

interface Case {
  file: string;
  violated: PropertyId[];
  /** Liveness skipped: the trace has no `end`, or `end.quiescent` is false. */
  livenessSkipped?: boolean;
  why: string;
}

const CASES: Case[] = [
  {
    file: 'exited-process-network-events.jsonl',
    violated: [],
    why: 'a drop, note and suspect naming a process after its exit are types lifecycle does not know ("checkers ignore types and fields they do not know"); the member that left does not count for primary-majority',
  },
  { file: 'one-member-view-extra-fields.jsonl', violated: [], why: 'a one-member group with unknown fields on events, the view and end' },
  { file: 'one-process.jsonl', violated: [], why: 'the smallest quiescent run' },
  {
    file: 'install-after-crash.jsonl',
    violated: ['lifecycle', 'virtual-synchrony'],
    livenessSkipped: true,
    why: 'p2 installs view 2 after its crash: lifecycle, and p2 and p1 both installed 1 then 2 with different sets ("if p and q both install V and both install V\' as their next view after V")',
  },
  {
    file: 'self-delivery-after-crash.jsonl',
    violated: ['lifecycle', 'self-delivery', 'virtual-synchrony'],
    livenessSkipped: true,
    why: 'the crash does not excuse the install that follows it from self-delivery or virtual-synchrony',
  },
  { file: 'nobody-live-at-end.jsonl', violated: [], why: 'no process live at the end: both liveness properties hold vacuously' },
  { file: 'no-end.jsonl', violated: [], livenessSkipped: true, why: 'a cut-off trace: liveness skipped' },
  {
    file: 'self-delivery-before-bcast.jsonl',
    violated: ['delivery-integrity'],
    why: 'p1 delivers m before multicasting it: that delivery counts for self-delivery, sending-view-delivery and virtual-synchrony',
  },
  {
    file: 'member-never-installed.jsonl',
    violated: ['delivery-liveness'],
    why: 'p2 is a member of view 1 (its first install lists it) and live, so it owes m though it never installed view 1',
  },
  {
    file: 'left-before-first-install.jsonl',
    violated: [],
    why: 'members of view 1 that exited with reason left before view 2 was first installed are not counted, even if they left before view 1 was installed',
  },
  { file: 'sparse-view-ids.jsonl', violated: [], why: 'view ids -5, 0, 100: only strictly increasing is required' },
  {
    file: 'fifo-premature-delivery.jsonl',
    violated: ['delivery-integrity', 'fifo-order'],
    livenessSkipped: true,
    why: 'p2 delivers m2 before anyone multicast it, and without m1: fifo-order counts that delivery',
  },
  {
    file: 'total-repeated-delivery.jsonl',
    violated: ['total-order', 'no-duplication'],
    livenessSkipped: true,
    why: 'p2 delivers b, a, b: some b before some a, which p1 never does',
  },
  {
    file: 'causal-through-delivery.jsonl',
    violated: ['causal-order'],
    why: 'p2 delivered c1 before multicasting c2, and p1 delivers c2 before c1',
  },
  // Session 11 audit: numbers a double cannot hold, read exactly from the line.
  { file: 'time-beyond-2-53.jsonl', violated: [], why: 't in epoch nanoseconds (beyond 2^53), never decreasing: valid, and a clean run' },
  {
    file: 'message-ids-64-bit.jsonl',
    violated: [],
    why: 'message ids 12345678901234567891 and 12345678901234567890 written as numbers are two messages (as doubles both read 12345678901234567000)',
  },
  // Readings the contract leaves open (docs/checkers.md, "Readings of the
  // contract the code commits to"): pinned, not derived from its text.
  {
    file: 'reinstall-same-view-before-self-delivery.jsonl',
    violated: ['view-monotonicity', 'self-delivery'],
    why: 'open reading: installing view 1 again after multicasting in view 1 is installing "any later view" (later in time)',
  },
  {
    file: 'one-process-two-stays.jsonl',
    violated: ['view-monotonicity', 'virtual-synchrony'],
    why: 'open reading: two stays of one process from view 1 to view 2 are compared as if p and q were two processes',
  },
  {
    file: 'repeated-members-majority.jsonl',
    violated: ['primary-majority'],
    why: 'open reading: members(V) is a set, so [p1, p1, p1, p2] has two members and {p1} is not more than half',
  },
  {
    file: 'repeated-member-last-view.jsonl',
    violated: [],
    why: 'open reading: a last view listing p1 twice lists exactly the live processes {p1}',
  },
];

describe('hand-written contract traces', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.violated.length === 0 ? 'no violation' : c.violated.join(', ')} (${c.why})`, async () => {
      const { events } = await readTraceFile(join(FIXTURES_DIR, c.file));
      const result = checkEvents(events);
      expect([...violated(result)].sort()).toEqual([...c.violated].sort());
      expect([...oracleViolations(events)].sort()).toEqual([...c.violated].sort());
      expect(result.ok).toBe(c.violated.length === 0);
      expect(result.unknown).toEqual([]);
      expect([...result.skipped].sort()).toEqual(c.livenessSkipped === true ? [...LIVENESS].sort() : []);
    });
  }
});
