// What a worker's failure becomes in the coordinator's thread
// (sim/explore/parallel/worker-failures.ts): a hang in a handler is raised
// as ExploreHang with the path's labels, before any other failure; a worker
// that passed the bound while parked for the table to grow is a failure of
// the search only when no handler hung.
import { describe, expect, it } from 'vitest';
import { ExploreHang } from '../../../../sim/explore/hang.ts';
import { ExploreModel } from '../../../../sim/explore/model.ts';
import type { WorkerFailure } from '../../../../sim/explore/parallel/messages.ts';
import { raiseWorkerFailures } from '../../../../sim/explore/parallel/worker-failures.ts';
import { pathActions } from '../../../../sim/explore/parallel/transfer.ts';
import { resolveProtocol } from '../../../../sim/resolve-protocol.ts';
import { fixture } from '../helpers.ts';

const EXPLORED = { states: 7, transitions: 9, depth: 2 };

describe('raiseWorkerFailures', () => {
  const { scenario, config } = fixture('keyed-flood-3x1');
  const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
  const root = model.initial();
  const [first, second] = model.enabled(root);
  const one = model.step(root, first!);
  const secondAction = model.enabled(one)[1]!;
  const hang = (parked: boolean): WorkerFailure => ({ path: pathActions(one.trail), action: secondAction, message: 'a slice ...', hang: { process: 'p2', handler: 'message', timeoutMs: 1500, parked } });

  it('a hang in a handler: ExploreHang at the step, with its path\'s labels, ahead of a parked worker\'s', () => {
    let caught: unknown;
    try {
      raiseWorkerFailures(model, [hang(true), hang(false)], EXPLORED);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExploreHang);
    const h = caught as ExploreHang;
    expect(h.step).toBe(2);
    expect(h.path).toEqual([model.label(root, first!), model.label(one, secondAction)]);
    expect(h.explored).toEqual(EXPLORED);
    expect(h.message).toMatch(/^p2's message handler did not return within 1\.5 s .* at step 2 of path .*; 7 states explored to depth 2 \(9 transitions\)/);
  });

  it('only parked workers: an error of the search that says so', () => {
    expect(() => raiseWorkerFailures(model, [hang(true)], EXPLORED)).toThrow('explore: a worker waited more than 1.5 s for the visited table to grow (--handler-timeout-s)');
  });

  it('a step that threw: stepped again here; a step that does not throw here leaves the worker\'s error', () => {
    const threw: WorkerFailure = { path: [], action: second!, message: 'boom in the worker' };
    expect(() => raiseWorkerFailures(model, [threw], EXPLORED)).toThrow('boom in the worker');
    expect(() => raiseWorkerFailures(model, [], EXPLORED)).not.toThrow();
  });
});
