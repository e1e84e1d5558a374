// Hand-written traces for the exporter tests (not a spec file). They follow
// TRACE_FORMAT.md; `sampleTrace` has every known event type, `hostileTrace`
// carries markup and script in every string field, `bigTrace` is a long
// synthetic run for the 10k-event viewer test.
import type { TraceEvent, TraceHeader, UnnumberedEvent } from '../../../traces/schema.ts';
import { makeHeader, numberEvent } from '../../../traces/serialize.ts';
import type { ViolationMark } from '../../../traces/export/violation-mark.ts';

export function numbered(events: UnnumberedEvent[]): TraceEvent[] {
  return events.map((event, i) => numberEvent(event, i));
}

export const sampleHeader: TraceHeader = makeHeader({ protocol: 'isis-cbcast', scenario: 'crash-during-flush', seed: '42' });

/** p1..p3 in view 1; m1 (causal) and m2 (total) delivered; p3 crashes; view 2; a partition and a heal; p4 joins. */
export const sampleEvents: TraceEvent[] = numbered([
  { type: 'start', t: 0, node: 'p1' },
  { type: 'start', t: 0, node: 'p2' },
  { type: 'start', t: 0, node: 'p3' },
  { type: 'view', t: 10, node: 'p1', view: { id: 1, members: ['p1', 'p2', 'p3'] } },
  { type: 'view', t: 10, node: 'p2', view: { id: 1, members: ['p1', 'p2', 'p3'] } },
  { type: 'view', t: 10, node: 'p3', view: { id: 1, members: ['p1', 'p2', 'p3'] } },
  { type: 'bcast', t: 100, node: 'p1', msg: 'm1', order: 'causal', view: 1 }, // 6
  { type: 'deliver', t: 100, node: 'p1', msg: 'm1', from: 'p1', view: 1 }, // 7
  { type: 'deliver', t: 150, node: 'p2', msg: 'm1', from: 'p1', view: 1 }, // 8
  { type: 'bcast', t: 160, node: 'p2', msg: 'm2', order: 'total', view: 1 }, // 9
  { type: 'deliver', t: 170, node: 'p3', msg: 'm1', from: 'p1', view: 1 }, // 10
  { type: 'deliver', t: 200, node: 'p2', msg: 'm2', from: 'p2', view: 1 }, // 11
  { type: 'deliver', t: 210, node: 'p1', msg: 'm2', from: 'p2', view: 1 }, // 12
  { type: 'crash', t: 300, node: 'p3' }, // 13
  { type: 'view', t: 500, node: 'p1', view: { id: 2, members: ['p1', 'p2'] } }, // 14
  { type: 'view', t: 500, node: 'p2', view: { id: 2, members: ['p1', 'p2'] } }, // 15
  { type: 'partition', t: 600, groups: [['p1'], ['p2']] }, // 16
  { type: 'send', t: 610, node: 'p1', to: 'p2', bytes: 12 }, // 17 (an event type checkers ignore)
  { type: 'heal', t: 700 }, // 18
  { type: 'start', t: 800, node: 'p4' }, // 19
  { type: 'view', t: 900, node: 'p1', view: { id: 3, members: ['p1', 'p2', 'p4'] } }, // 20
  { type: 'view', t: 900, node: 'p2', view: { id: 3, members: ['p1', 'p2', 'p4'] } }, // 21
  { type: 'view', t: 900, node: 'p4', view: { id: 3, members: ['p1', 'p2', 'p4'] } }, // 22
  { type: 'exit', t: 950, node: 'p2', reason: 'left' }, // 23
  { type: 'end', t: 1000, quiescent: true }, // 24
]);

/** Deliveries in the sample: 6 (m1 x3, m2 x2 ... counted from the list). */
export const sampleDeliveries = sampleEvents.filter((e) => e.type === 'deliver').length;

/** A made-up violation naming the deliver of m2 at p1 and its bcast. */
export const sampleViolation: ViolationMark = {
  property: 'total-order',
  message: 'p1 and p2 delivered m2 in different orders',
  events: [9, 12],
};

export const HOSTILE_NODE = '<img src=x onerror=alert(1)>';
export const HOSTILE_MSG = '</script><script>window.__pwned=1</script>';
const HOSTILE_OTHER = 'p"2\' onmouseover="window.__pwned=2" <!--';

export const hostileHeader: TraceHeader = makeHeader({
  protocol: '<script>window.__pwned=3</script>',
  scenario: '</title><script>window.__pwned=4</script>',
  seed: '"><svg onload=window.__pwned=5>',
});

export const hostileEvents: TraceEvent[] = numbered([
  { type: 'start', t: 0, node: HOSTILE_NODE },
  { type: 'start', t: 0, node: HOSTILE_OTHER },
  { type: 'view', t: 1, node: HOSTILE_NODE, view: { id: 1, members: [HOSTILE_NODE, HOSTILE_OTHER] } },
  { type: 'view', t: 1, node: HOSTILE_OTHER, view: { id: 1, members: [HOSTILE_NODE, HOSTILE_OTHER] } },
  { type: 'bcast', t: 2, node: HOSTILE_NODE, msg: HOSTILE_MSG, order: 'fifo', view: 1 },
  { type: 'deliver', t: 3, node: HOSTILE_OTHER, msg: HOSTILE_MSG, from: HOSTILE_NODE, view: 1 },
  { type: 'note', t: 4, node: HOSTILE_OTHER, text: '<iframe src="javascript:window.__pwned=6">\u001b[31mred\u2028x' },
  { type: 'end', t: 5, quiescent: false },
]);

export const hostileViolation: ViolationMark = {
  property: 'self-delivery',
  message: `${HOSTILE_NODE} never delivered ${HOSTILE_MSG}`,
  events: [4],
};

/**
 * A long synthetic run: `processes` members in view 1, then rounds of one
 * causal multicast delivered by everyone, with a view change every 50 rounds.
 */
export function bigTrace(eventsWanted: number, processes = 5): TraceEvent[] {
  const ids = Array.from({ length: processes }, (_, k) => `p${k + 1}`);
  const out: UnnumberedEvent[] = [];
  let t = 0;
  for (const id of ids) out.push({ type: 'start', t, node: id });
  let view = 1;
  for (const id of ids) out.push({ type: 'view', t, node: id, view: { id: view, members: ids } });
  for (let round = 0; out.length < eventsWanted - 1; round++) {
    if (round > 0 && round % 50 === 0) {
      view++;
      for (const id of ids) out.push({ type: 'view', t: (t += 5), node: id, view: { id: view, members: ids } });
    }
    const sender = ids[round % processes]!;
    const msg = `m${round}`;
    out.push({ type: 'bcast', t: (t += 7), node: sender, msg, order: 'causal', view });
    for (const id of ids) out.push({ type: 'deliver', t: (t += 3), node: id, msg, from: sender, view });
  }
  out.length = eventsWanted - 1;
  out.push({ type: 'end', t: t + 1, quiescent: false });
  return numbered(out);
}
