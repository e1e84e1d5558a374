import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageVersion } from '../../cli/package-version.ts';

describe('packageVersion', () => {
  it("is package.json's version, from the sources", () => {
    expect(packageVersion()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });

  it("walks up past other packages' package.json to vsynclab's, from any depth (dist/cli/, the bundle)", () => {
    const root = mkdtempSync(join(tmpdir(), 'vsynclab-version-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'vsynclab', version: '9.8.7' }));
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(root, 'dist', 'package.json'), JSON.stringify({ name: 'other', version: '1.0.0' }));
    writeFileSync(join(root, 'dist', 'cli', 'package.json'), '{ not json');
    expect(packageVersion(pathToFileURL(join(root, 'dist', 'cli', 'vsynclab.cjs')).href)).toBe('9.8.7');
  });

  it('is undefined with no vsynclab package.json above', () => {
    const root = mkdtempSync(join(tmpdir(), 'vsynclab-version-'));
    expect(packageVersion(pathToFileURL(join(root, 'x.js')).href)).toBeUndefined();
  });
});
