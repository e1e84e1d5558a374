// The hunt's corpus: children carry their parent's file and at most
// MAX_CHANGES_KEPT changes; past MAX_CORPUS a new entry replaces the one
// with the least energy; rare facts are the ones few runs have shown.
import { describe, expect, it } from 'vitest';
import { childOf, keep, MAX_CHANGES_KEPT, MAX_CORPUS, rareFacts, type Entry } from '../../../sim/hunt/corpus.ts';
import { StrikeCoverage } from '../../../sim/hunt/strike-coverage.ts';
import { baseScenario } from '../../fixtures/scenario.ts';

const entry = (run: number, freshBranches: number): Entry => ({
  scenario: baseScenario(), seed: run, changes: [], file: 'f.json', run, freshBranches, freshFacts: 0, picks: 0, rare: [], strikes: [],
});

describe('hunt corpus', () => {
  it("a child keeps its parent's file and the last MAX_CHANGES_KEPT changes", () => {
    const parent = { scenario: baseScenario(), seed: 1, file: 'p.json', changes: Array.from({ length: MAX_CHANGES_KEPT }, (_, k) => `c${k}`) };
    const child = childOf(parent, { scenario: baseScenario(), seed: 2, changes: ['new'] }, ['s']);
    expect(child.file).toBe('p.json');
    expect(child.changes).toHaveLength(MAX_CHANGES_KEPT);
    expect(child.changes.at(-1)).toBe('new');
    expect(child.changes[0]).toBe('c1');
    expect(child.carried).toEqual(['s']);
  });

  it('past MAX_CORPUS a new entry replaces the one with the least energy', () => {
    const corpus = Array.from({ length: MAX_CORPUS }, (_, k) => entry(k, k === 7 ? 0 : 5));
    keep(corpus, entry(MAX_CORPUS, 9), new Map(), new StrikeCoverage());
    expect(corpus).toHaveLength(MAX_CORPUS);
    expect(corpus[7]!.run).toBe(MAX_CORPUS);
  });

  it('rare facts: shown by at most two runs so far', () => {
    expect(rareFacts(['a', 'b', 'c'], new Map([['a', 1], ['b', 3]]))).toEqual(['a', 'c']);
  });
});
