// loss: a message is lost. In timed runs a probability (the network's
// `lossProbability`, a `link` entry's, or a random lossy link); the
// explorer drops one in-flight message for good while the `drop` budget
// lasts (`loss` is another name for it).
import { shuffle } from './shuffle.ts';
import type { ExplorePart, FaultKind } from './types.ts';

/** A random lossy link's loss probability. */
export const LOSSY_LINK_PROBABILITY = 0.5;

export const loss: FaultKind<null, 'lossyLink', ExplorePart<'drop'>> = {
  id: 'loss',
  summary: 'a message is lost (timed: a probability per link; explored: one in-flight message dropped for good)',
  scenarioField: 'network.lossProbability; faults.schedule[] link lossProbability; faults.random.kinds.lossyLink',
  scheduled: null,
  random: {
    key: 'lossyLink',
    uniformWeight: 1,
    swarm: true,
    possible: (c) => c.hosts.length > 1 && c.room > 0,
    draw: (c) => {
      const [from, to] = shuffle(c.hosts, c.rng) as [string, string];
      return { type: 'link', from, to, lossProbability: LOSSY_LINK_PROBABILITY };
    },
  },
  explore: { action: 'drop', choices: 'each-message', keepsMajority: false, budget: { key: 'drop', legacyField: 'drops', synonyms: ['loss'] } },
  membershipEvent: null,
  traceEvents: { timed: ['drop'], explored: ['drop'] },
};
