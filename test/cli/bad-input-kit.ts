// Shared by the bad-input specs: a small full-stack scenario to break, files
// written into one temporary folder, and the one-line exit-2 expectation.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliOutcome } from './cli-harness.ts';
import { baseScenario } from '../fixtures/scenario.ts';

export interface BadInputKit {
  dir: string;
  /** The small scenario on the full stack; overrides may be of any type (they are the bad input). */
  scenario(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** Writes `content` to a fresh file of the folder and returns its path. */
  write(content: string, ext?: string): string;
}

export function badInputKit(name: string): BadInputKit {
  const dir = mkdtempSync(join(tmpdir(), `vsynclab-${name}-`));
  let fileCount = 0;
  return {
    dir,
    scenario: (overrides = {}) => {
      const base = baseScenario({ name, description: 'a scenario to break', protocol: { name: 'isis' }, durationUs: 50_000, settleUs: 500_000 });
      return { ...base, ...overrides };
    },
    write: (content, ext = '.json') => {
      const file = join(dir, `f${++fileCount}${ext}`);
      writeFileSync(file, content);
      return file;
    },
  };
}

/** Exit 2, one line on standard error with every part, no stack frame, no internal error. */
export function expectOneLine(r: CliOutcome, ...parts: string[]): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
  expect(r.stderr).not.toContain('internal error');
  for (const part of parts) expect(r.stderr).toContain(part);
}
