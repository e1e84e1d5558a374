// Plugins: modules a user names with --plugin that register their own
// protocols (protocol/registry.ts). Worker threads load the same plugins.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { InputError } from '../traces/input-error.ts';

/** File paths to the URLs that `loadPlugins` and workers import. */
export function pluginUrls(paths: readonly string[]): string[] {
  return paths.map((path) => {
    const absolute = resolve(path);
    if (!existsSync(absolute)) throw new InputError(`--plugin ${path}: no such file`);
    return pathToFileURL(absolute).href;
  });
}

export async function loadPlugins(urls: readonly string[]): Promise<void> {
  for (const url of urls) {
    try {
      await import(url);
    } catch (error) {
      throw new InputError(`--plugin ${url}: the module failed to load: ${(error as Error).message.split('\n')[0]}`);
    }
  }
}
