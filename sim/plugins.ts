// Plugins: modules a user names with --plugin that register their own
// protocols (protocol/registry.ts). Worker threads load the same plugins.
//
// The CLI runs compiled JavaScript (dist/). A TypeScript plugin needs tsx,
// which is registered here lazily, only when a plugin is a .ts/.mts/.cts file,
// once per thread (a worker thread has its own module loader). A plugin must
// share the CLI's module instances, above all the protocol registry: by
// package name (`vsynclab/protocol`) it resolves to dist/ anyway, and a
// relative import of this package's sources (`../protocol/registry.ts`) is
// mapped to the compiled twin by sim/plugin-source-hooks.ts.
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { InputError } from '../traces/input-error.ts';

const TYPESCRIPT_FILE = /\.[mc]?ts$/;

/** Running from dist/: TypeScript plugins need tsx. From source (vitest, tsx) they load as is. */
const RUNNING_COMPILED = import.meta.url.endsWith('.js');

let typescriptLoaderRegistered = false;

/** File paths to the URLs that `loadPlugins` and workers import. */
export function pluginUrls(paths: readonly string[]): string[] {
  return paths.map((path) => {
    if (path === '') throw new InputError('--plugin: expected a module file, got ""');
    const absolute = resolve(path);
    if (!existsSync(absolute)) throw new InputError(`--plugin ${path}: no such file`);
    if (statSync(absolute).isDirectory()) throw new InputError(`--plugin ${path}: expected a module file, but it is a folder`);
    return pathToFileURL(absolute).href;
  });
}

export async function loadPlugins(urls: readonly string[]): Promise<void> {
  if (RUNNING_COMPILED && urls.some((url) => TYPESCRIPT_FILE.test(new URL(url).pathname))) await registerTypeScriptLoader();
  for (const url of urls) {
    try {
      await import(url);
    } catch (error) {
      // A module may throw anything, not only an Error: its first line is the reason either way.
      const why = error instanceof Error ? error.message : String(error);
      throw new InputError(`--plugin ${displayPath(url)}: the module failed to load: ${why.split('\n')[0]}`);
    }
  }
}

/** The plugin's path as a message shows it: a file path, not the URL it was imported by. */
function displayPath(url: string): string {
  try {
    return url.startsWith('file:') ? fileURLToPath(url) : url;
  } catch {
    return url;
  }
}

async function registerTypeScriptLoader(): Promise<void> {
  if (typescriptLoaderRegistered) return;
  typescriptLoaderRegistered = true;
  const tsx = await import('tsx/esm/api');
  tsx.register();
  // Registered after tsx, so it runs first and sees what tsx resolved.
  const distDir = new URL('../', import.meta.url);
  register(new URL('./plugin-source-hooks.js', import.meta.url), {
    data: { distUrl: distDir.href, packageUrl: new URL('../', distDir).href },
  });
}
