// link: one link (or both directions) gets its own delay, loss or
// duplication, until `link-reset` or the end of the fault phase. Scheduled
// with explicit settings (the ends may be roles) and drawn by the random
// generator as a slow link (`slowLink`; a lossy one is `loss`). The
// explorer has no clock, so nothing is slow there: every delivery order is
// explored anyway.
import fc from 'fast-check';
import { join } from '../../scenarios/fields.ts';
import { hostOrRole, linkOverride } from '../../scenarios/field-readers.ts';
import { risksSuspicion, SUSPICION_RISK_DELAY_US } from '../../scenarios/suspicion-risk.ts';
import { shuffle } from './shuffle.ts';
import type { FaultKind } from './types.ts';

/** A random slow link's delay when `faults.random.slowLinkDelayUs` is not given. */
export const DEFAULT_SLOW_LINK_DELAY_US = 50_000;

export const link: FaultKind<'link', 'slowLink', null> = {
  id: 'link',
  summary: "a link's delay, loss or duplication changes until link-reset",
  scenarioField: 'faults.schedule[].type "link"; faults.random.kinds.slowLink',
  scheduled: {
    type: 'link',
    fields: ['from', 'to', 'bidirectional', 'delay', 'lossProbability', 'duplicateProbability'],
    read: (f, raw, path) => {
      // The ends may be roles; the link settings are a network link override's.
      const settings = linkOverride(f, { from: 'p1', to: 'p1', bidirectional: raw.bidirectional, delay: raw.delay,
        lossProbability: raw.lossProbability, duplicateProbability: raw.duplicateProbability }, path);
      return { ...settings, from: hostOrRole(f, raw.from, join(path, 'from')), to: hostOrRole(f, raw.to, join(path, 'to')) };
    },
    arbitrary: ({ target, when }) =>
      fc
        .tuple(target, target, when, fc.integer({ min: 1000, max: 100_000 }))
        .map(([from, to, w, d]) => ({ type: 'link' as const, from, to, ...w, delay: { minUs: d, meanUs: d, jitterUs: Math.ceil(d / 10) } })),
    keepDrawn: (fault) => fault.from !== fault.to,
    countsAsCrash: false,
    apply: (fault, t) => {
      const from = t.resolve(fault.from);
      const to = t.resolve(fault.to);
      if (from === undefined || to === undefined || from === to) return;
      t.setLink(from, to, fault);
    },
    // Slow or lossy enough, its far end may get suspected and excluded.
    takesHostOut: (fault) => risksSuspicion(fault),
    hostsOut: (fault, c) => (risksSuspicion(fault) ? [c.slot(fault.to)] : null),
  },
  random: {
    key: 'slowLink',
    uniformWeight: 1,
    swarm: true,
    possible: (c) => c.hosts.length > 1 && !((c.spec.slowLinkDelayUs ?? DEFAULT_SLOW_LINK_DELAY_US) >= SUSPICION_RISK_DELAY_US && c.room <= 0),
    draw: (c) => {
      const [from, to] = shuffle(c.hosts, c.rng) as [string, string];
      const slowUs = c.spec.slowLinkDelayUs ?? DEFAULT_SLOW_LINK_DELAY_US;
      return { type: 'link', from, to, delay: { minUs: slowUs, meanUs: slowUs, jitterUs: Math.ceil(slowUs / 10) } };
    },
  },
  explore: null,
  membershipEvent: 'falseSuspicion',
  traceEvents: { timed: ['link'], explored: [] },
};
