// Validates a generator file: { name, description, generate: {...}, seeds }.
import { FieldProblems } from './fields.ts';
import { MAX_OVERLAPS, MAX_STRIKES, type GeneratorSpec } from './generator.ts';
import { MEMBERSHIP_EVENTS } from './membership-plan.ts';
import { STRIKES } from './strikes.ts';
import { printableText, scenarioName, seeds, throwProblems } from './validate.ts';

export interface GeneratorFile {
  name: string;
  description: string;
  generate: GeneratorSpec;
  seeds: number[];
}

export function validateGeneratorFile(value: unknown, file: string): GeneratorFile {
  const f = new FieldProblems();
  const o = f.object(value, '(top level)', ['name', 'description', 'generate', 'seeds']);
  const g = f.object(o.generate, 'generate', ['mode', 'processes', 'protocol', 'durationUs', 'settleUs', 'quietWindowUs', 'multicastsPerSecond',
    'membership', 'overlaps', 'strikes', 'strikesPerSeed']);
  const protocol = f.object(g.protocol, 'generate.protocol', ['name', 'options']);
  const spec: GeneratorSpec = {
    mode: f.oneOf(g.mode, 'generate.mode', ['uniform', 'swarm'] as const),
    processes: f.int(g.processes, 'generate.processes', 1, 64),
    protocol: { name: f.string(protocol.name, 'generate.protocol.name') },
    durationUs: f.int(g.durationUs, 'generate.durationUs', 20),
    settleUs: f.int(g.settleUs, 'generate.settleUs', 0),
    multicastsPerSecond: f.number(g.multicastsPerSecond, 'generate.multicastsPerSecond', 0, 100_000),
  };
  if (protocol.options !== undefined) spec.protocol.options = f.object(protocol.options, 'generate.protocol.options', Object.keys(protocol.options as object ?? {}));
  if (g.quietWindowUs !== undefined) spec.quietWindowUs = f.int(g.quietWindowUs, 'generate.quietWindowUs', 1);
  if (g.membership !== undefined) {
    const weights = f.object(g.membership, 'generate.membership', MEMBERSHIP_EVENTS);
    spec.membership = {};
    for (const kind of MEMBERSHIP_EVENTS) {
      if (weights[kind] !== undefined) spec.membership[kind] = f.number(weights[kind], `generate.membership.${kind}`, 0, 1_000_000);
    }
  }
  if (g.overlaps !== undefined) spec.overlaps = f.int(g.overlaps, 'generate.overlaps', 0, MAX_OVERLAPS);
  if (g.strikes !== undefined) {
    const weights = f.object(g.strikes, 'generate.strikes', STRIKES);
    spec.strikes = {};
    for (const kind of STRIKES) {
      if (weights[kind] !== undefined) spec.strikes[kind] = f.number(weights[kind], `generate.strikes.${kind}`, 0, 1_000_000);
    }
  }
  if (g.strikesPerSeed !== undefined) spec.strikesPerSeed = f.int(g.strikesPerSeed, 'generate.strikesPerSeed', 0, MAX_STRIKES);
  const result = { name: scenarioName(f, o.name, 'name'), description: printableText(f, o.description, 'description'), generate: spec, seeds: seeds(f, o.seeds) };
  throwProblems(f, 'generator file', file);
  return result;
}
