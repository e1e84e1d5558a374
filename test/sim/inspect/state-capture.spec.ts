// The state capture wraps a protocol without changing it: the same trace,
// byte for byte; every other member is the original's, called on the
// original; each handler's returned state is remembered for its process.
import { describe, expect, it } from 'vitest';
import { captureStates, type HandlerCall } from '../../../sim/inspect/state-capture.ts';
import { floodProtocol, type FloodState } from '../../fixtures/flood-protocol.ts';
import { baseScenario } from '../../fixtures/scenario.ts';
import { runScenario } from '../../../sim/run.ts';
import type { AnyProtocol, NodeContext, Step } from '../../../protocol/types.ts';
import { MemorySink } from './recorded-traces.ts';

const scenario = baseScenario({ durationUs: 200_000, settleUs: 50_000 });

describe('captureStates', () => {
  it('changes nothing a run writes, and remembers each process\'s latest state', () => {
    const plain = new MemorySink();
    runScenario(scenario, { seed: '9', traceSink: plain, protocol: floodProtocol({ tickUs: 30_000 }) });
    const capture = captureStates(floodProtocol({ tickUs: 30_000 }));
    const calls: HandlerCall[] = [];
    capture.onCall = (call) => void calls.push(call);
    const wrapped = new MemorySink();
    runScenario(scenario, { seed: '9', traceSink: wrapped, protocol: capture.protocol });
    expect(wrapped.lines).toEqual(plain.lines);
    expect([...capture.latest.keys()].sort()).toEqual(['p1', 'p2', 'p3']);
    const delivered = plain.lines.filter((l) => l.includes('"deliver"') && l.includes('"node":"p2"')).length;
    expect(Object.keys((capture.latest.get('p2') as FloodState).delivered)).toHaveLength(delivered);
    // The latest state of a process is the last one its handlers returned.
    const last = calls.filter((c) => c.node === 'p3').pop();
    expect(capture.latest.get('p3')).toBe(last?.state);
    expect(calls.slice(0, 3).map((c) => c.node)).toEqual(['p1', 'p2', 'p3']);
  });

  it('keeps the other members, called on the original (a class with private fields)', () => {
    class Counter {
      readonly name = 'counter';
      #digests = 0;
      init(ctx: NodeContext): Step<number, never> {
        return { state: ctx.self.length, effects: [] };
      }
      onMessage(state: number): Step<number, never> {
        return { state: state + 1, effects: [] };
      }
      onTimer(state: number): Step<number, never> {
        return { state, effects: [] };
      }
      onRequest(state: number): Step<number, never> {
        return { state: state * 2, effects: [] };
      }
      appDigest(state: number): string {
        this.#digests++;
        return `${state}/${this.#digests}`;
      }
    }
    const original = new Counter();
    const capture = captureStates(original as unknown as AnyProtocol);
    const p = capture.protocol;
    expect(p.name).toBe('counter');
    expect(p.onSuspect).toBeUndefined();
    expect(p.appDigest?.(5)).toBe('5/1');
    expect(p.init({ self: 'p12' }, { mode: 'member', initialMembers: ['p12'] }).state).toBe(3);
    expect(p.onRequest(3, { type: 'leave' }, { self: 'p12' }).state).toBe(6);
    expect(capture.latest.get('p12')).toBe(6);
  });
});
