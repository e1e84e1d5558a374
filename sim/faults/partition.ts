// partition: the network splits into groups of hosts; messages across a
// cut are lost, also those already on the wire. Scheduled with explicit
// groups, drawn by the random generator (a minority side the group can
// spare), and explored as every two-group split while the budget lasts.
import fc from 'fast-check';
import { join, type FieldProblems } from '../../scenarios/fields.ts';
import { hostName } from '../../scenarios/field-readers.ts';
import type { HostName } from '../../scenarios/types.ts';
import { shuffle } from './shuffle.ts';
import type { ExplorePart, FaultKind, RandomDrawContext } from './types.ts';

export const partition: FaultKind<'partition', 'partition', ExplorePart<'partition'>> = {
  id: 'partition',
  summary: 'the network splits into groups of hosts; messages across a cut are lost',
  scenarioField: 'faults.schedule[].type "partition" (groups); faults.random.kinds.partition',
  scheduled: {
    type: 'partition',
    fields: ['groups'],
    read: (f, raw, path) => ({ groups: readGroups(f, raw.groups, path) }),
    arbitrary: ({ hosts, when }) => fc.tuple(partitionArb(hosts), when).map(([groups, w]) => ({ type: 'partition' as const, groups, ...w })),
    keepDrawn: () => true,
    countsAsCrash: false,
    apply: (fault, t) => t.partition(fault.groups),
    takesHostOut: () => false,
    hostsOut: (fault, c) => {
      // The hosts off the largest side get excluded.
      const largest = fault.groups.reduce((a, b) => (b.length > a.length ? b : a), [] as string[]);
      return Array.from({ length: c.processes }, (_, j) => `p${j + 1}`).filter((h) => !largest.includes(h));
    },
  },
  random: {
    key: 'partition',
    uniformWeight: 1,
    swarm: true,
    possible: (c) => c.hosts.length > 1 && c.partitionRoom > 0,
    draw: drawPartition,
  },
  explore: { action: 'partition', choices: 'each-split', keepsMajority: false, budget: { key: 'partition', legacyField: 'partitions', synonyms: [] } },
  membershipEvent: null,
  traceEvents: { timed: ['partition'], explored: ['partition'] },
};

function readGroups(f: FieldProblems, value: unknown, path: string): HostName[][] {
  const groupOf = new Map<string, number>();
  return f.array(value, join(path, 'groups')).map((g, k) =>
    f.array(g, join(path, `groups[${k}]`)).map((h, j) => {
      const host = hostName(f, h, join(path, `groups[${k}][${j}]`));
      const earlier = groupOf.get(host);
      if (earlier !== undefined) f.add(join(path, `groups[${k}][${j}]`), `each host in one group only (${host} is already in groups[${earlier}])`, h);
      else groupOf.set(host, k);
      return host;
    }),
  );
}

/** Two or three groups covering all hosts, none empty. */
function partitionArb(hosts: readonly string[]): fc.Arbitrary<HostName[][]> {
  return fc
    .tuple(fc.integer({ min: 2, max: Math.min(3, hosts.length) }), fc.array(fc.nat(), { minLength: hosts.length, maxLength: hosts.length }))
    .map(([count, draws]) => {
      const groups: HostName[][] = Array.from({ length: count }, () => []);
      hosts.forEach((h, k) => groups[k < count ? k : (draws[k] as number) % count]!.push(h));
      return groups;
    });
}

/** A random minority side: at most `partitionRoom` of the hosts the group still counts on. */
function drawPartition(c: RandomDrawContext): { type: 'partition'; groups: HostName[][] } {
  const { hosts, rng } = c;
  const shuffled = shuffle(hosts, rng);
  const size = 1 + rng.int(Math.max(1, Math.floor(hosts.length / 2)));
  const counted = c.downIgnoringCuts();
  const minority: HostName[] = [];
  let taken = 0;
  for (const h of shuffled) {
    if (minority.length >= size) break;
    if (!counted.has(h)) {
      if (taken >= c.partitionRoom) continue;
      taken++;
    }
    minority.push(h);
  }
  return { type: 'partition', groups: [shuffled.filter((h) => !minority.includes(h)), minority] };
}
