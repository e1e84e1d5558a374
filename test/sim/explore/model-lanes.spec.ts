// The model's message lane (sim/explore/model-lanes.ts): a message sent goes
// into the in-flight multiset only to a live process that exists and is on
// the sender's side of a cut; cuts are between hosts, so a restarted
// incarnation is on its host's side.
import { describe, expect, it } from 'vitest';
import { emptyScratch, type Scratch } from '../../../sim/explore/explore-effects.ts';
import { ModelLanes } from '../../../sim/explore/model-lanes.ts';
import { identityRenaming } from '../../../sim/explore/renaming.ts';
import { CRASHED, LIVE, type ProcSlot, type ProcStatus } from '../../../sim/explore/state.ts';
import { ValueHasher } from '../../../sim/explore/value-hasher.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import { fixture } from './helpers.ts';

const PIDS = ['p1', 'p2', 'p3'];

function lanesOf(): ModelLanes {
  const { scenario, config } = fixture('keyed-flood-3x1');
  const hasher = new ValueHasher([identityRenaming(PIDS)]);
  return new ModelLanes(resolveProtocol(scenario), config, hasher, hasher, null, false, hasher.fresh('start'));
}

function scratchWith(statuses: Record<string, ProcStatus>, partition: string[][] | null): Scratch {
  const b = emptyScratch([0, 0], true, 4);
  b.procs = Object.entries(statuses).map(([pid, status], index) => ({ index, pid, status }) as unknown as ProcSlot);
  b.started = b.procs.length;
  b.partition = partition;
  return b;
}

describe('ModelLanes: the message lane', () => {
  it('sends to live processes that exist and are on the same side of a cut', () => {
    const lanes = lanesOf();
    const b = scratchWith({ p1: LIVE, p2: LIVE, p3: CRASHED }, [['p1'], ['p2', 'p3']]);
    lanes.sendFrom(b, 'p2', 'p1', 'across the cut');
    lanes.sendFrom(b, 'p2', 'p3', 'to a crashed process');
    lanes.sendFrom(b, 'p2', 'p9', 'to no one');
    expect(b.bag).toEqual([]);
    b.partition = null;
    lanes.sendFrom(b, 'p2', 'p1', 'healed');
    expect(b.bag.map((m) => [m.from, m.to, m.body])).toEqual([['p2', 'p1', 'healed']]);
  });

  it('a cut is between hosts: p3#2 talks to p3\'s side, a joiner to no one across it', () => {
    const lanes = lanesOf();
    const b = scratchWith({ p1: LIVE, p2: LIVE, p3: LIVE }, [['p1'], ['p2', 'p3']]);
    expect(lanes.canTalk(b, 'p3#2', 'p2')).toBe(true);
    expect(lanes.canTalk(b, 'p3#2', 'p1')).toBe(false);
    expect(lanes.canTalk(b, 'p4', 'p1')).toBe(false);
    expect(lanes.canTalk(b, 'p4', 'p4')).toBe(true);
  });
});
