// `vsynclab --version`: the version in the package's own package.json. Read
// when asked, not at start-up (every command would pay for it). Found by
// walking up from this module's file, which sits at a different depth from
// the sources (cli/), the compiled modules (dist/cli/) and the one-file
// bundle (dist/cli/vsynclab.cjs, where import.meta.url is its dist/ file).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'vsynclab';

/** The package's version, or undefined when no vsynclab package.json is found above this file. */
export function packageVersion(moduleUrl: string = import.meta.url): string | undefined {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    const manifest = readManifest(join(dir, 'package.json'));
    if (manifest?.name === PACKAGE_NAME && typeof manifest.version === 'string') return manifest.version;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readManifest(path: string): { name?: unknown; version?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as { name?: unknown; version?: unknown }) : undefined;
  } catch {
    return undefined; // none here, or not ours to read: keep walking up
  }
}
