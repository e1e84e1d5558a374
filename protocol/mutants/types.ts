// A mutant: a deliberately broken variant of a real protocol, a small
// documented change to one protocol file, modelled on a bug seen in a real
// system. The testbed is only as good as the mutants it catches.
import type { ProtocolFactory } from '../types.ts';

export interface Mutant {
  /** Selected with `vsynclab run --mutant NAME`. */
  name: string;
  /** What is broken, in one line. */
  summary: string;
  /** The real-world bug it imitates. */
  imitates: string;
  /** Property ids (or "replicas") it is expected to break. */
  breaks: string[];
  /** The protocol file whose behaviour it changes. */
  file: string;
  /** Scenario protocol names it stands in for; other scenarios run unchanged. */
  replaces: string[];
  factory: ProtocolFactory;
}
