// Which files coverage counts: the protocol's own. For the built-in stacks
// that is protocol/isis/ (the simulator, checkers and mutants are not the
// protocol under test); for a plugin, the files in the plugin's folder
// outside node_modules.
import { dirname, resolve, sep } from 'node:path';
import type { CoverageScope } from './branch-coverage.ts';
import { scriptPath } from './script-map.ts';

const ISIS_DIR = `${sep}protocol${sep}isis${sep}`;
const DIST_DIR = `${sep}dist${sep}`;
const NODE_MODULES = `${sep}node_modules${sep}`;

export function protocolScope(pluginPaths: readonly string[] = []): CoverageScope {
  const pluginDirs = pluginPaths.map((p) => dirname(resolve(p)) + sep);
  const inPlugin = (path: string): boolean => !path.includes(NODE_MODULES) && pluginDirs.some((d) => path.startsWith(d));
  return {
    pluginPaths: [...pluginPaths],
    script: (url) => {
      const path = scriptPath(url);
      if (path === null) return false;
      return path.includes(ISIS_DIR) || inPlugin(path);
    },
    // An installed vsynclab lives under node_modules: its protocol/isis files count all the same.
    file: (path) => (path.includes(ISIS_DIR) && !path.includes(DIST_DIR)) || inPlugin(path),
  };
}
