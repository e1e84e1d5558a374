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
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { InputError, quote } from '../traces/input-error.ts';
import { protocolFactory, protocolNames, registerProtocol } from '../protocol/registry.ts';
import { isisProtocols } from '../protocol/isis/index.ts';
import type { ProtocolFactory } from '../protocol/types.ts';

const TYPESCRIPT_FILE = /\.[mc]?ts$/;

/** Running from dist/: TypeScript plugins need tsx. From source (vitest, tsx) they load as is. */
const RUNNING_COMPILED = import.meta.url.endsWith('.js');

let typescriptLoaderRegistered = false;

/** The plugins this thread has imported: a second import of one runs none of its code, so it registers nothing. */
const loadedUrls = new Set<string>();

/** The plugin being imported, while it is. */
let importing: string | undefined;
let watchingUnsettledImport = false;

/**
 * A plugin whose top-level await never settles leaves nothing for the event
 * loop to do: Node would end the process with status 13 and no word. Say which
 * plugin, and exit 2 (bad input), as for a plugin that throws.
 */
function watchUnsettledImport(): void {
  if (watchingUnsettledImport || !isMainThread) return;
  watchingUnsettledImport = true;
  // `beforeExit`: the event loop is empty (a plugin's own process.exit() does not come here).
  process.on('beforeExit', () => {
    if (importing === undefined) return;
    process.stderr.write(`vsynclab: --plugin ${escapeForNote(displayPath(importing))}: the module never finished loading (a top-level await that never settles); expected a module that registers its protocols and returns\n`);
    process.exit(2);
  });
}

/** Longest protocol name a plugin may register: it is printed in reports and file names. */
const MAX_NAME_CHARS = 200;

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
    if (loadedUrls.has(url)) continue;
    loadedUrls.add(url);
    const before = new Map(protocolNames().map((name) => [name, protocolFactory(name)]));
    importing = url;
    watchUnsettledImport();
    try {
      await import(url);
    } catch (error) {
      const reason = reasonOf(error);
      throw new InputError(REQUIRE_ESM_CYCLE.test(reason) ? commonJsPluginMessage(url) : `--plugin ${displayPath(url)}: the module failed to load: ${reason}`);
    } finally {
      importing = undefined;
    }
    checkRegistrations(url, before);
  }
}

/**
 * What a plugin registered, checked: a name of a built-in protocol (which
 * would silently replace it for every scenario), a name that is not a
 * printable string, a factory that is not a function, are refused; a plugin
 * that registered nothing is noted (it changes nothing; a test that imported
 * the module first sees the same, so it is not refused).
 */
function checkRegistrations(url: string, before: ReadonlyMap<string, ProtocolFactory | undefined>): void {
  const added = protocolNames().filter((name) => before.get(name) !== protocolFactory(name));
  for (const name of added) {
    const builtin = (isisProtocols as Record<string, ProtocolFactory>)[name];
    const earlier = before.get(name);
    if (builtin !== undefined || earlier !== undefined) {
      // Put the protocol back: an in-process caller (a test) goes on with the registry as it was.
      if (earlier !== undefined) registerProtocol(name, earlier);
      throw new InputError(`--plugin ${displayPath(url)}: registers the protocol ${quote(name)}, ${builtin !== undefined ? 'a built-in protocol' : 'which an earlier plugin registered'}; expected a name of its own (vsynclab list --protocols)`);
    }
    const nameValue: unknown = name;
    if (typeof nameValue !== 'string' || !/^[^\s\u0000-\u001f\u007f-\u009f]+$/.test(nameValue) || nameValue.length > MAX_NAME_CHARS) {
      throw new InputError(`--plugin ${displayPath(url)}: registers a protocol named ${typeof nameValue === 'string' ? quote(nameValue) : String(nameValue)} (${typeof nameValue}); expected a name of 1 to ${MAX_NAME_CHARS} characters, no spaces or control characters, as a scenario's protocol.name`);
    }
    if (typeof protocolFactory(name) !== 'function') {
      throw new InputError(`--plugin ${displayPath(url)}: registers the protocol ${quote(name)} with a factory of type ${typeof protocolFactory(name)}; expected a function (options) => Protocol`);
    }
  }
  // Worker threads load the same plugins: one note, from the main thread.
  if (added.length === 0 && isMainThread) {
    process.stderr.write(`vsynclab: note: --plugin ${escapeForNote(displayPath(url))} registered no protocol, so it changes nothing (a plugin calls registerProtocol(name, factory), protocol/registry.ts)\n`);
  }
}

function escapeForNote(text: string): string {
  return quote(text, 300).slice(1, -1);
}

/** A module may throw anything, not only an Error (even an object whose toString throws): its first line is the reason. */
function reasonOf(error: unknown): string {
  let why: string;
  try {
    why = error instanceof Error ? error.message : String(error);
  } catch {
    why = `a thrown ${typeof error} that cannot be printed`;
  }
  return why.split('\n')[0] ?? '';
}

// tsx reads a .ts file outside a package of "type": "module" as CommonJS; importing ESM from there fails so.
const REQUIRE_ESM_CYCLE = /Cannot require\(\) ES Module .* in a cycle/;

/**
 * A TypeScript plugin in a CommonJS package: the fix first (Node's own words,
 * "Cannot require() ES Module ... in a cycle. A cycle involving require(esm)
 * ...", name neither the cause nor the fix), then Node's error, short.
 */
function commonJsPluginMessage(url: string): string {
  const file = displayPath(url);
  const manifest = packageScopeOf(file);
  const fix = manifest === undefined
    ? `add a package.json with "type": "module" next to it`
    : `add "type": "module" to ${manifest}`;
  const mts = `${file.replace(/^.*[\\/]/, '').replace(TYPESCRIPT_FILE, '')}.mts`;
  return `--plugin ${file}: read as CommonJS, so its imports of ES modules fail; ${fix}, or rename it ${mts} (Node: "Cannot require() ES Module ... in a cycle")`;
}

/** The package.json that decides how Node reads a file: the nearest one above it. */
function packageScopeOf(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return manifest;
    if (dirname(dir) === dir) return undefined;
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
