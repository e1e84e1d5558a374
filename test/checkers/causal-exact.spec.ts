// causal-order through chains the online clocks lose (checkers/causal-exact.ts):
// a multicast in a lower view than one its sender acted in, and a multicast
// after delivering a message that had not been multicast yet. Each trace is
// told twice, once with the inversion and once without, so a verdict fixed
// either way fails one of them.
import { describe, expect, it } from 'vitest';
import { MAX_EXACT_CAUSAL_CELLS } from '../../checkers/causal-exact.ts';
import type { CheckResult } from '../../checkers/index.ts';
import type { TraceEvent } from '../../traces/schema.ts';
import { oracleViolations } from './oracle.ts';
import { trace } from './trace-builder.ts';
import type { TraceBuilder } from './trace-builder.ts';

const all3 = ['p1', 'p2', 'p3'];

/** The checker's causal-order verdict, after asserting that the literal reading (oracle.ts) agrees when it is exact. */
function causalVerdict(result: CheckResult, events: readonly TraceEvent[]): string {
  const status = result.verdicts.find((verdict) => verdict.property === 'causal-order')!.status;
  if (status !== 'unknown') expect(status).toBe(oracleViolations(events).has('causal-order') ? 'violated' : 'held');
  return status;
}

function check(builder: TraceBuilder): [CheckResult, readonly TraceEvent[]] {
  return [builder.check(), builder.events];
}

/** x (view 1) -> y (view 2) -> z (view 1, multicast by p2 back in view 1): x and z share view 1. */
function chainThroughViewTwo(p3DeliversXFirst: boolean) {
  const builder = trace()
    .group(...all3)
    .bcast('p1', 'x', 'causal', 1)
    .deliver('p1', 'x', 'p1', 1)
    .view(2, all3, ['p1', 'p2'])
    .bcast('p1', 'y', 'causal', 2)
    .deliver('p2', 'y', 'p1', 2)
    .bcast('p2', 'z', 'causal', 1);
  return p3DeliversXFirst
    ? builder.deliver('p3', 'x', 'p1', 1).deliver('p3', 'z', 'p2', 1)
    : builder.deliver('p3', 'z', 'p2', 1).deliver('p3', 'x', 'p1', 1);
}

/** p2 delivers a before p1 multicasts it, then multicasts b: a -> b. */
function chainThroughEarlyDelivery(p3DeliversAFirst: boolean) {
  const builder = trace()
    .group(...all3)
    .deliver('p2', 'a', 'p1', 1)
    .bcast('p2', 'b', 'causal', 1)
    .bcast('p1', 'a', 'causal', 1);
  return p3DeliversAFirst
    ? builder.deliver('p3', 'a', 'p1', 1).deliver('p3', 'b', 'p2', 1)
    : builder.deliver('p3', 'b', 'p2', 1).deliver('p3', 'a', 'p1', 1);
}

describe('causal-order through chains the online clocks lose', () => {
  it('follows a chain that leaves the view and comes back', () => {
    const [broken, brokenEvents] = check(chainThroughViewTwo(false));
    expect(causalVerdict(broken, brokenEvents)).toBe('violated');
    const violation = broken.violations.find((v) => v.property === 'causal-order')!;
    expect(violation.message).toBe(
      'p3 delivers z (causal, from p2) without having delivered x (causal, from p1) although it happened before z, both in view 1.',
    );
    expect(causalVerdict(...check(chainThroughViewTwo(true)))).toBe('held');
  });

  it('follows a delivery that came before the multicast of its message', () => {
    expect(causalVerdict(...check(chainThroughEarlyDelivery(false)))).toBe('violated');
    expect(causalVerdict(...check(chainThroughEarlyDelivery(true)))).toBe('held');
  });

  it('carries what a message learnt after an early delivery of it (a second pass)', () => {
    // p3 delivers c early and multicasts d; only then does p1 deliver a and
    // multicast c (in view 2, so that c alone asks nothing of p3): a -> c -> d.
    const told = (p2DeliversAFirst: boolean) => {
      const builder = trace()
        .group(...all3)
        .bcast('p2', 'a', 'causal', 1)
        .deliver('p3', 'c', 'p1', 2)
        .bcast('p3', 'd', 'causal', 1)
        .deliver('p1', 'a', 'p2', 1)
        .bcast('p1', 'c', 'causal', 2);
      return (p2DeliversAFirst ? builder.deliver('p2', 'a', 'p2', 1).deliver('p2', 'd', 'p3', 1) : builder.deliver('p2', 'd', 'p3', 1));
    };
    expect(causalVerdict(...check(told(false)))).toBe('violated');
    expect(causalVerdict(...check(told(true)))).toBe('held');
  });

  it('does not pair a message with itself when a cycle puts it in its own past', () => {
    // p1 delivers b early, multicasts a; p2 delivers a, multicasts b: a -> b -> a.
    const builder = trace()
      .group(...all3)
      .deliver('p1', 'b', 'p2', 1)
      .bcast('p1', 'a', 'causal', 1)
      .deliver('p2', 'a', 'p1', 1)
      .bcast('p2', 'b', 'causal', 1)
      .deliver('p3', 'a', 'p1', 1)
      .deliver('p3', 'b', 'p2', 1);
    // p3 delivered a before b, but b -> a too: a is delivered without b before it.
    expect(causalVerdict(...check(builder))).toBe('violated');
  });

  it('is unknown, with the bound named, past the exact judgement’s bound', () => {
    // Enough processes that each multicast one causal message (each in a view of its own, to keep the online clocks short).
    const crowd = Array.from({ length: Math.ceil(Math.sqrt(MAX_EXACT_CAUSAL_CELLS / 2)) }, (_, k) => `q${k}`);
    const builder = chainThroughViewTwo(true).start(...crowd);
    crowd.forEach((node, k) => builder.bcast(node, `c${k}`, 'causal', 100 + k));
    const [result, events] = check(builder);
    expect(causalVerdict(result, events)).toBe('unknown');
    expect(result.unknown.find((u) => u.property === 'causal-order')!.reason).toMatch(/multicasts z in view 1 after acting in view 2.*above/);
  });
});

describe('the exact pass also runs when the online clocks found another violation', () => {
  it('reports the delivery whose chain the online clocks lost, besides the one they saw', () => {
    const builder = trace()
      .group(...all3)
      .send('p3', 'g', 'causal', 1, ['p3'])
      .bcast('p1', 'x', 'causal', 2) // p1 acts in view 2 (a lifecycle violation)...
      .deliver('p1', 'g', 'p3', 1) // ...so this delivery of a view-1 message is not in its online past
      .bcast('p1', 'm', 'causal', 1); // g happened before m: both in view 1
    const lost = builder.events.length;
    builder.deliver('p2', 'm', 'p1', 1); // without g: a violation only the exact pass sees
    builder.send('p3', 'a', 'causal', 1, ['p3']).send('p3', 'b', 'causal', 1, ['p3']);
    const seen = builder.events.length;
    builder.deliver('p2', 'b', 'p3', 1); // before a: the online clocks see this one
    const result = builder.check();
    const named = result.violations.filter((v) => v.property === 'causal-order').map((v) => v.events.at(-1));
    expect(named).toContain(seen);
    expect(named).toContain(lost);
    expect(new Set(named).size).toBe(named.length); // nothing reported twice
  });
});
