// A candidate run stopped at the target's first violation (sim/shrink-stop.ts):
// it stops there and nowhere else, its verdict keeps every property seen up
// to there, and a shrink that stops its candidates so walks the same path
// as one that runs them in full, with the shrunk run reported in full.
import { describe, expect, it } from 'vitest';
import { defaultChecker, type OnlineChecker } from '../../sim/online-checker.ts';
import { runScenario } from '../../sim/run.ts';
import { shrinkScenario } from '../../sim/shrink.ts';
import { stopPropertyOf, stoppingAt } from '../../sim/shrink-stop.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { lossyFloodScenario } from '../fixtures/scenario.ts';

const protocol = floodProtocol();
const scenario = lossyFloodScenario();
const properties = (r: { violations: { property: string }[] }): string[] => [...new Set(r.violations.map((v) => v.property))];

describe('the property a candidate stops at', () => {
  it('is a safety target\'s property, never a liveness property\'s or a failure\'s', () => {
    expect(stopPropertyOf({ kind: 'property', property: 'fifo-order' })).toBe('fifo-order');
    expect(stopPropertyOf({ kind: 'property', property: 'view-convergence' })).toBeUndefined();
    expect(stopPropertyOf({ kind: 'property', property: 'delivery-liveness' })).toBeUndefined();
    expect(stopPropertyOf({ kind: 'failure', failure: 'error: protocol or simulator threw' })).toBeUndefined();
  });
});

describe('a run stopped at one property', () => {
  it('reports only that property\'s violations as they come, and the inner verdict whole', () => {
    const verdict = { violations: [{ property: 'a', message: 'x' }], checked: ['a', 'b'], skipped: [], warnings: [] };
    let next: { property: string; message: string }[] = [];
    const inner = { push: () => next, finish: () => verdict } as unknown as OnlineChecker;
    const checker = stoppingAt(inner, 'a');
    next = [{ property: 'b', message: 'y' }];
    expect(checker.push({} as never)).toEqual([]);
    next = [{ property: 'a', message: 'x' }, { property: 'b', message: 'z' }];
    expect(checker.push({} as never)).toEqual(next);
    expect(checker.finish()).toBe(verdict);
  });

  it('ends at the target\'s first violation, with the full run\'s verdict on the trace up to it', () => {
    const full = runScenario(scenario, { seed: '1', protocol });
    expect(properties(full)).toEqual(expect.arrayContaining(['fifo-order', 'delivery-liveness']));
    const stopped = runScenario(scenario, { seed: '1', protocol, stopOnViolation: true, checker: stoppingAt(defaultChecker(), 'fifo-order') });
    expect(properties(stopped)).toContain('fifo-order');
    expect(stopped.traceEvents).toBeLessThan(full.traceEvents);
    expect(stopped.simTimeUs).toBeLessThan(full.simTimeUs);
    // A liveness property is judged only at the end: a stop there is no stop.
    const never = runScenario(scenario, { seed: '1', protocol, stopOnViolation: true, checker: stoppingAt(defaultChecker(), 'delivery-liveness') });
    expect(never.traceEvents).toBe(full.traceEvents);
  });
});

describe('a shrink whose candidates stop at the violation', () => {
  it('walks the same path as one running them in full, and reports the shrunk run in full', () => {
    const ran: string[] = [];
    const stopping = shrinkScenario(scenario, { seed: '1', protocol, maxAttempts: 150, onAttempt: (_, k, what) => ran.push(`${k} ${what}`) });
    const fullRan: string[] = [];
    const full = shrinkScenario(scenario, { seed: '1', protocol, maxAttempts: 150, stopAtViolation: false, onAttempt: (_, k, what) => fullRan.push(`${k} ${what}`) });
    expect(ran.length).toBeGreaterThan(20);
    expect(ran).toEqual(fullRan);
    expect(stopping.shrunk).toEqual(full.shrunk);
    expect(stopping.seed).toBe(full.seed);
    expect(stopping.after).toEqual(full.after);
    expect(stopping.result).toEqual(full.result);
    expect(stopping.result).toEqual(runScenario(stopping.shrunk, { seed: stopping.seed, protocol, handlerTimeoutMs: null }));
  });
});
