// Property: whatever order the network delivers messages in, and wherever a
// crash, a join or a leave falls among them, the full stack keeps every
// safety property, and once everything is delivered (with a perfect failure
// detector) the group converges.
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { makeIsisProtocol } from '../../../protocol/isis/stack.ts';
import type { DeliveryOrder } from '../../../protocol/types.ts';
import { Harness, type InFlight } from './harness.ts';

type Action =
  | { t: 'drop'; k: number }
  | { t: 'dup'; k: number }
  | { t: 'timer'; p: number; k: number }
  | { t: 'mc'; p: number; order: DeliveryOrder }
  | { t: 'step'; k: number }
  | { t: 'crash'; p: number }
  | { t: 'join' }
  | { t: 'leave'; p: number };

const lossy: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ t: fc.constant('drop' as const), k: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('dup' as const), k: fc.nat(1000) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('timer' as const), p: fc.nat(9), k: fc.nat(20) }) },
);

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('mc' as const), p: fc.nat(9), order: fc.constantFrom<DeliveryOrder>('fifo', 'causal', 'total') }) },
  { weight: 10, arbitrary: fc.record({ t: fc.constant('step' as const), k: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('crash' as const), p: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('join' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('leave' as const), p: fc.nat(9) }) },
);

function play(actions: Action[], options: Record<string, unknown>): Harness {
  const h = new Harness(makeIsisProtocol(options));
  const initial = ['p1', 'p2', 'p3', 'p4', 'p5'];
  h.startGroup(initial);
  const all = [...initial];
  let crashes = 0;
  let leaves = 0;
  let joins = 0;
  let value = 0;
  const live = (): string[] => all.filter((p) => !h.dead.has(p) && !h.exited(p));
  for (const a of actions) {
    const alive = live();
    switch (a.t) {
      case 'drop':
        if (h.inFlight.length > 0) h.inFlight.splice(a.k % h.inFlight.length, 1);
        break;
      case 'dup':
        if (h.inFlight.length > 0) h.inFlight.push(h.inFlight[a.k % h.inFlight.length] as InFlight);
        break;
      case 'timer': {
        const p = alive[a.p % alive.length];
        const pending = p === undefined ? [] : [...(h.timers.get(p)?.keys() ?? [])];
        if (p !== undefined && pending.length > 0) h.fire(p, pending[a.k % pending.length] as string);
        break;
      }
      case 'mc': {
        const p = alive[a.p % alive.length];
        if (p) h.request(p, { type: 'multicast', order: a.order, payload: { key: `k${value % 3}`, value: ++value } });
        break;
      }
      case 'step':
        if (h.inFlight.length > 0) h.deliver(a.k % h.inFlight.length);
        break;
      case 'crash': {
        const p = alive[a.p % alive.length];
        if (p === undefined || crashes + leaves >= 2) break;
        crashes++;
        h.crash(p);
        // A perfect detector: every live process learns of the crash.
        for (const q of live()) h.suspect(q, p);
        break;
      }
      case 'join': {
        if (joins >= 2) break;
        const p = `j${++joins}`;
        all.push(p);
        h.start(p, { mode: 'join', contacts: alive });
        break;
      }
      case 'leave': {
        const p = alive[a.p % alive.length];
        if (p === undefined || crashes + leaves >= 2) break;
        leaves++;
        h.request(p, { type: 'leave' });
        break;
      }
    }
  }
  h.run(200_000);
  retransmitUntilQuiet(h, live);
  // The perfect detector keeps reporting the dead and the departed (a joiner may have crashed
  // before its first view; a leaver may have exited before its view change finished).
  for (let round = 0; round < 4; round++) {
    const gone = all.filter((p) => h.dead.has(p) || h.exited(p));
    for (const q of live()) for (const p of gone) h.suspect(q, p);
    h.run(200_000);
    retransmitUntilQuiet(h, live);
  }
  return h;
}

/** After the faults: fire retransmission, ack, order-batch, join and view-change timers until nothing is left to resend. */
function retransmitUntilQuiet(h: Harness, live: () => string[]): void {
  for (let round = 0; round < 50; round++) {
    let fired = 0;
    for (const p of live()) {
      for (const t of [...(h.timers.get(p)?.keys() ?? [])]) {
        if (t.startsWith('rt:') || t === 'ack' || t === 'ord' || t === 'oack' || t === 'join' || t === 'vc') {
          h.fire(p, t);
          fired++;
        }
      }
    }
    h.run(200_000);
    if (fired === 0) return;
  }
}

describe('the ISIS stack under arbitrary interleavings', () => {
  it.prop([fc.array(action, { minLength: 10, maxLength: 120 })], { numRuns: Number(process.env.ISIS_RUNS ?? 60) })(
    'on a reliable network (the model checker\'s configuration): keeps every property and converges',
    (actions) => {
      const h = play(actions, { failureDetector: 'external', reliableNetwork: true });
      expectCorrect(h);
    },
  );

  it.prop([fc.array(fc.oneof(action, lossy), { minLength: 10, maxLength: 150 })], { numRuns: Number(process.env.ISIS_RUNS ?? 60) })(
    'with loss and duplication (the reliable transport at work): keeps every property and converges',
    (actions) => {
      const h = play(actions, { failureDetector: 'external' });
      expectCorrect(h);
    },
  );
});

function expectCorrect(h: Harness): void {
  const result = h.check(true);
  expect(result.violations.map((v) => `${v.property}: ${v.message}`)).toEqual([]);
  const proto = makeIsisProtocol({});
  const digests = new Set<string | null>();
  for (const [p, s] of h.states) if (!h.dead.has(p) && !h.exited(p)) digests.add(proto.appDigest?.(s as never) ?? null);
  expect(digests.size).toBe(1);
}
