// The worker threads start whatever flags the process was started with: in
// `node --input-type=module -e ...` the CommonJS supervisor used to be read
// as a module and die at once, and the synchronous explore() waited for it
// for good (sim/explore/parallel/start-worker.ts drops --input-type for the
// threads). Runs the compiled explorer (dist/, which the test setup builds).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
// The coordinator hands the work out from the first level on (prefixStates 1): the workers explore.
const CHILD = `
const [root, file] = process.argv.slice(1);
await import(root + '/dist/protocol/builtin.js');
const { loadExploreScenario } = await import(root + '/dist/sim/explore/index.js');
const { ExploreModel } = await import(root + '/dist/sim/explore/model.js');
const { parallelSearchSteps } = await import(root + '/dist/sim/explore/parallel/coordinator.js');
const { resolveProtocol } = await import(root + '/dist/sim/resolve-protocol.js');
const { driveToEnd } = await import(root + '/dist/sim/steps.js');
const { scenario, config } = loadExploreScenario(file);
const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
const options = { strategy: 'bfs', maxStates: 1000000, maxDepth: 1000, maxMemoryBytes: 2 ** 32, por: false, workers: 2, plugins: [], prefixStates: 1 };
const r = driveToEnd(parallelSearchSteps(model, options));
console.log(JSON.stringify({ result: r.result, states: r.states }));
`;

describe('startSupervisedWorkers', () => {
  it('a process started with --input-type=module -e explores with workers (exit 0, the one-thread count)', () => {
    const file = join(ROOT, 'test', 'sim', 'explore', 'fixtures', 'scenarios', 'cbcast-3x1.json');
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, ROOT, file], { encoding: 'utf8', timeout: 60_000 });
    expect(child.signal).toBeNull();
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout.trim())).toEqual({ result: 'ok', states: 431 });
  }, 90_000);
});
