import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayTrace } from '../../sim/replay.ts';
import { runScenario } from '../../sim/run.ts';
import { FileTraceSink } from '../../sim/trace-sink.ts';
import { baseScenario } from '../fixtures/scenario.ts';
import '../fixtures/flood-plugin.ts';

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-replay-'));

function write(name: string, detail: 'app' | 'net' | 'full'): string {
  const path = join(dir, name);
  const sink = new FileTraceSink(path);
  runScenario(baseScenario(), { seed: '4', traceSink: sink, detail });
  sink.close();
  return path;
}

describe('replayTrace and detail', () => {
  it('replays a trace at the detail its header names, byte for byte', () => {
    for (const detail of ['app', 'net', 'full'] as const) {
      const outcome = replayTrace(write(`${detail}.jsonl`, detail));
      expect(outcome.difference).toBeNull();
      expect(outcome.identical).toBe(true);
    }
  });

  it('a trace from before detail levels (no detail in its header) still replays byte for byte', () => {
    const path = write('old.jsonl', 'app');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('"detail":"app",');
    writeFileSync(path, text.replace('"detail":"app",', ''));
    expect(replayTrace(path).identical).toBe(true);
  });
});
