// Facts of a trace: notes and note pairs per process, message kinds from
// `send` events, and which fault kind hit which role, derived from the trace.
import { describe, expect, it } from 'vitest';
import { RunFacts } from '../../../sim/coverage/trace-facts.ts';
import type { TraceEvent } from '../../../traces/schema.ts';

let i = 0;
const ev = (t: number, type: string, fields: Record<string, unknown> = {}): TraceEvent => ({ type, i: i++, t, ...fields }) as TraceEvent;
const view = (t: number, node: string, id: number, members: string[]): TraceEvent => ev(t, 'view', { node, view: { id, members } });

function startGroup(facts: RunFacts, members: string[]): void {
  for (const p of members) facts.observe(ev(0, 'start', { node: p }));
  for (const p of members) facts.observe(view(0, p, 1, members));
}

describe('RunFacts', () => {
  it('names the notes without process ids, and the consecutive pairs of one process', () => {
    const facts = new RunFacts();
    startGroup(facts, ['p1', 'p2']);
    facts.observe(ev(1, 'note', { node: 'p1', text: 'suspect p2' }));
    facts.observe(ev(2, 'note', { node: 'p2', text: 'flush-ok' }));
    facts.observe(ev(3, 'note', { node: 'p1', text: 'view-change-begin' }));
    expect([...facts.facts.keys()]).toEqual([
      'note: suspect <process>', 'note: flush-ok', 'note: view-change-begin', 'note-pair: suspect <process> > view-change-begin',
    ]);
  });

  it('reads message kinds from send events that carry one', () => {
    const facts = new RunFacts();
    facts.observe(ev(1, 'send', { node: 'p1', to: 'p2', kind: 'flushOk' }));
    facts.observe(ev(2, 'send', { node: 'p1', to: 'p2' }));
    expect([...facts.facts.keys()]).toEqual(['message-kind: flushOk']);
  });

  it('a crash of rank 0 hits the coordinator and the sequencer; of another member, a member', () => {
    const facts = new RunFacts();
    startGroup(facts, ['p1', 'p2', 'p3']);
    facts.observe(ev(5, 'crash', { node: 'p3' }));
    facts.observe(ev(6, 'crash', { node: 'p1' }));
    expect([...facts.facts.keys()].filter((k) => k.startsWith('fault-role'))).toEqual([
      'fault-role: crash x member', 'fault-role: crash x coordinator', 'fault-role: crash x sequencer',
    ]);
  });

  it('roles follow views and liveness, as the fault driver resolves them: a suspicion note changes none, a dead rank 0 hands the coordinator on', () => {
    const facts = new RunFacts();
    startGroup(facts, ['p1', 'p2', 'p3']);
    facts.observe(ev(1, 'note', { node: 'p2', text: 'suspect p1' }));
    facts.observe(ev(2, 'crash', { node: 'p1' }));
    facts.observe(ev(3, 'crash', { node: 'p2' }));
    expect(facts.facts.get('fault-role: crash x coordinator')).toBe(2);
    expect(facts.facts.has('fault-role: crash x member')).toBe(false);
  });

  it('a joiner is a started process without a view; the coordinator provides its state meanwhile', () => {
    const facts = new RunFacts();
    startGroup(facts, ['p1', 'p2', 'p3']);
    facts.observe(ev(1, 'start', { node: 'p4' }));
    facts.observe(ev(2, 'partition', { groups: [['p1', 'p4'], ['p2', 'p3', 'p5']] }));
    const keys = [...facts.facts.keys()];
    expect(keys).toContain('fault-role: partition x joiner');
    expect(keys).toContain('fault-role: partition x provider');
    expect(keys).not.toContain('fault-role: partition x member');
  });

  it('a leaver is a member whose leave the scenario asked for, until it exits', () => {
    const facts = new RunFacts([{ atUs: 10, host: 'p3' }]);
    startGroup(facts, ['p1', 'p2', 'p3']);
    facts.observe(ev(5, 'crash', { node: 'p2' }));
    facts.observe(ev(20, 'crash', { node: 'p3' }));
    expect([...facts.facts.keys()]).toEqual(['fault-role: crash x member', 'fault-role: crash x leaver']);
  });
});
