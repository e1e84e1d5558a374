// Determinism is the product: only sim/ (which owns the clock of a real
// run's progress and the worker threads) and cli/ may read the wall clock,
// draw unseeded randomness or schedule real timers. Every other folder of
// the package, including any folder added later, is scanned here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ALLOWED_FOLDERS = new Set(['sim', 'cli']);
const NOT_PRODUCT = new Set(['node_modules', 'dist', 'test', 'bench', '.git']);
const FORBIDDEN = /\bDate\.now\b|\bnew Date\(|\bMath\.random\b|\bsetTimeout\b|\bsetInterval\b|\bsetImmediate\b|\bperformance\.now\b|\bprocess\.hrtime\b|\brandomUUID\b|\brandomBytes\b|\bgetRandomValues\b/;
const MAX_FILES = 5_000;

function productFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 12) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = dir === '.' ? entry.name : join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth === 0 && (NOT_PRODUCT.has(entry.name) || ALLOWED_FOLDERS.has(entry.name) || entry.name.startsWith('.'))) continue;
        walk(path, depth + 1);
      } else if (/\.[mc]?ts$/.test(entry.name) && !(depth === 0 && entry.name.startsWith('vitest'))) {
        files.push(path);
        if (files.length > MAX_FILES) throw new Error(`more than ${MAX_FILES} source files: is a build folder being scanned?`);
      }
    }
  };
  walk('.', 0);
  return files;
}

/** `file:line: text` for every forbidden call in a text. */
export function nondeterministicLines(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, k) => (FORBIDDEN.test(line) ? [`${file}:${k + 1}: ${line.trim()}`] : []));
}

describe('no nondeterminism outside sim/ and cli/', () => {
  it('scans the library folders (protocol/, checkers/, traces/, scenarios/, ...)', () => {
    const files = productFiles();
    expect(files.some((f) => f.startsWith('protocol/'))).toBe(true);
    expect(files.some((f) => f.startsWith('checkers/'))).toBe(true);
    expect(files.some((f) => f.startsWith('sim/'))).toBe(false);
  });

  it('finds no wall clock, unseeded randomness or real timer there', () => {
    const found = productFiles().flatMap((file) => nondeterministicLines(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the scan would catch each forbidden call', () => {
    for (const call of ['Date.now()', 'new Date()', 'Math.random()', 'setTimeout(f, 1)', 'performance.now()', 'process.hrtime.bigint()', 'crypto.randomUUID()']) {
      expect(nondeterministicLines('x.ts', `const a = 1;\nconst b = ${call};`)).toEqual([`x.ts:2: const b = ${call};`]);
    }
    expect(nondeterministicLines('x.ts', 'const seeded = rng.random();')).toEqual([]);
  });
});
