// A module resolution hook for TypeScript plugins run by the compiled CLI.
// A plugin inside this checkout may import the library's sources
// (`../../protocol/registry.ts`); loaded as is, that would be a second copy of
// the registry, and the protocols it registers would be invisible to the CLI,
// which runs dist/. This hook maps any of the package's own .ts sources that
// has a compiled twin in dist/ to that twin, so there is one instance of each
// module. Files without a twin (the plugin itself, its test helpers) load
// through tsx as usual.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface HookData {
  /** file: URL of dist/, ending in a slash. */
  distUrl: string;
  /** file: URL of the package root, ending in a slash. */
  packageUrl: string;
}

interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}

type NextResolve = (specifier: string, context: unknown) => Promise<ResolveResult>;

let paths: HookData | undefined;

export function initialize(data: HookData): void {
  paths = data;
}

export async function resolve(specifier: string, context: unknown, nextResolve: NextResolve): Promise<ResolveResult> {
  const resolved = await nextResolve(specifier, context);
  if (paths === undefined) return resolved;
  const { url } = resolved;
  if (!url.startsWith(paths.packageUrl) || url.startsWith(paths.distUrl) || !url.endsWith('.ts')) return resolved;
  const inPackage = url.slice(paths.packageUrl.length);
  if (inPackage.startsWith('node_modules/')) return resolved;
  const twin = `${paths.distUrl}${inPackage.slice(0, -'.ts'.length)}.js`;
  return existsSync(fileURLToPath(twin)) ? { url: twin, format: 'module', shortCircuit: true } : resolved;
}
