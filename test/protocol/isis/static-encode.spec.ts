import { describe, expect, it } from 'vitest';
import { encodeStaticFrame, encodeStaticState } from '../../../protocol/isis/static-encode.ts';
import { makeStaticProtocol, type StaticFrame, type StaticState } from '../../../protocol/isis/static-stack.ts';
import type { StateEncoder } from '../../../protocol/types.ts';

/** Writes what an encoder is given as readable words (a value part as its JSON). */
class Recorder implements StateEncoder {
  readonly words: string[] = [];
  number(n: number): void {
    this.words.push(`n${n}`);
  }
  string(s: string): void {
    this.words.push(`s${JSON.stringify(s)}`);
  }
  value(v: unknown): void {
    this.words.push(`v${JSON.stringify(v)}`);
  }
}

function written<T>(encode: (v: T, out: StateEncoder) => void, v: T): string[] {
  const r = new Recorder();
  encode(v, r);
  return r.words;
}

/** A CBCAST state with a waiting message and a multicast of its own, and the frames sent. */
function sampleStates(): { p2: StaticState; frames: StaticFrame[] } {
  const proto = makeStaticProtocol('cbcast', { reliableNetwork: true });
  const members = ['p1', 'p2', 'p3'];
  const init = (self: string): StaticState => proto.init({ self }, { mode: 'member', initialMembers: members }).state;
  const frames: StaticFrame[] = [];
  const request = (s: StaticState, self: string, value: number): StaticState => {
    const step = proto.onRequest(s, { type: 'multicast', order: 'causal', payload: { key: 'k', value } }, { self });
    for (const e of step.effects) if (e.kind === 'send') frames.push(e.msg);
    return step.state;
  };
  let p1 = request(init('p1'), 'p1', 1);
  p1 = request(p1, 'p1', 2);
  const [first, , second] = frames as [StaticFrame, StaticFrame, StaticFrame];
  // p2 gets p1's second message before its first (it waits), then multicasts.
  let p2 = proto.onMessage(init('p2'), 'p1', second, { self: 'p2' }).state;
  p2 = request(p2, 'p2', 3);
  expect(first.t).toBe('r');
  return { p2, frames };
}

/** Every leaf of a plain-data value, as a path and a changed copy of the whole value. */
function* leafChanges(root: unknown): Generator<{ path: string; changed: unknown }> {
  function* walk(v: unknown, path: (string | number)[]): Generator<(string | number)[]> {
    if (Array.isArray(v)) for (let k = 0; k < v.length; k++) yield* walk(v[k], [...path, k]);
    else if (typeof v === 'object' && v !== null) for (const key of Object.keys(v)) yield* walk((v as Record<string, unknown>)[key], [...path, key]);
    else yield path;
  }
  for (const path of walk(root, [])) {
    const copy = structuredClone(root) as Record<string | number, unknown>;
    let at = copy as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    const leaf = at[last];
    at[last] = typeof leaf === 'number' ? leaf + 1 : typeof leaf === 'string' ? `${leaf}x` : typeof leaf === 'boolean' ? !leaf : leaf === null ? 0 : null;
    yield { path: path.join('.'), changed: copy };
  }
}

describe('the static stacks structural encoding (the explorer key)', () => {
  it('writes equal states alike, whatever objects hold them', () => {
    const { p2, frames } = sampleStates();
    expect(written(encodeStaticState, structuredClone(p2))).toEqual(written(encodeStaticState, p2));
    for (const f of frames) expect(written(encodeStaticFrame, structuredClone(f))).toEqual(written(encodeStaticFrame, f));
  });

  it('writes a state differently when any one of its fields differs', () => {
    const { p2 } = sampleStates();
    expect(p2.vc.delivered).toEqual([0, 1, 0]);
    expect(p2.vc.waiting.map((q) => q.length)).toEqual([1, 0, 0]);
    const base = written(encodeStaticState, p2);
    const changes = [...leafChanges(p2)];
    expect(changes.length).toBeGreaterThan(20);
    for (const { path, changed } of changes) {
      expect(written(encodeStaticState, changed as StaticState), path).not.toEqual(base);
    }
  });

  it('keeps a message apart from the same message in another sender queue (lengths are written)', () => {
    const { frames } = sampleStates();
    const m = (frames[0] as Extract<StaticFrame, { t: 'r' }>).body.m;
    const { p2 } = sampleStates();
    const a = { ...p2, vc: { ...p2.vc, waiting: [[m], [], []] } };
    const b = { ...p2, vc: { ...p2.vc, waiting: [[], [m], []] } };
    expect(written(encodeStaticState, a)).not.toEqual(written(encodeStaticState, b));
  });

  it('writes a frame differently when any one of its fields differs', () => {
    const { frames } = sampleStates();
    for (const f of frames) {
      const base = written(encodeStaticFrame, f);
      for (const { path, changed } of leafChanges(f)) {
        if (path === 't') continue; // another variant: not a frame of this shape
        expect(written(encodeStaticFrame, changed as StaticFrame), path).not.toEqual(base);
      }
    }
  });
});
