// Loads the explorer's fixture scenarios (and registers the fixture protocols).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExploreScenario, type ExploreConfig } from '../../../sim/explore/index.ts';
import type { Scenario } from '../../../scenarios/types.ts';
import './fixtures/plugin.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = join(here, '..', '..', '..');
export const FIXTURE_SCENARIOS = join(here, 'fixtures', 'scenarios');
export const FIXTURE_PLUGIN = join(here, 'fixtures', 'plugin.ts');

export function fixture(name: string): { scenario: Scenario; config: ExploreConfig; file: string } {
  const file = join(FIXTURE_SCENARIOS, `${name}.json`);
  return { ...loadExploreScenario(file), file };
}

export function shipped(name: string): { scenario: Scenario; config: ExploreConfig; file: string } {
  const file = join(REPO, 'scenarios', 'explore', `${name}.json`);
  return { ...loadExploreScenario(file), file };
}
