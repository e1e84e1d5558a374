// From the JavaScript V8 ran to the TypeScript it came from: the script's
// source map (inline, as tsx and vitest write it, or a .map file beside
// dist/, which the build writes), read with node's own SourceMap.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OriginalPosition {
  /** Absolute path of the original file. */
  file: string;
  /** 1-based, as editors count. */
  line: number;
  /** 0-based. */
  column: number;
}

export interface ScriptMap {
  /** The original position of a generated offset; null where the map says nothing about that line. */
  originalAt(offset: number): OriginalPosition | null;
  /** The original text of a file the map names (its sourcesContent), if the map carries it. */
  contentOf(file: string): string | undefined;
}

/** The path of a script's URL, or null for a script that is not a file (node internals, eval). */
export function scriptPath(url: string): string | null {
  if (url.startsWith('file://')) return fileURLToPath(url);
  if (url.startsWith('/')) return url;
  return null;
}

/** Reads the map a script names at its end; a script without one maps to itself. */
export function scriptMap(path: string, source: string): ScriptMap {
  const lineStarts = lineStartsOf(source);
  const payload = mapPayload(path, source);
  if (payload === null) {
    return {
      originalAt: (offset) => {
        const { line, column } = lineColumnOf(lineStarts, offset);
        return { file: path, line: line + 1, column };
      },
      contentOf: () => undefined,
    };
  }
  const map = new SourceMap(payload);
  const base = dirname(path);
  const root = payload.sourceRoot ?? '';
  const files = payload.sources.map((s) => (s.startsWith('file://') ? fileURLToPath(s) : resolve(base, root, s)));
  const contents = new Map<string, string>();
  payload.sources.forEach((s, k) => {
    const text = payload.sourcesContent?.[k];
    if (typeof text === 'string') contents.set(files[k]!, text);
  });
  return {
    originalAt: (offset) => {
      const { line, column } = lineColumnOf(lineStarts, offset);
      const entry = map.findEntry(line, column) as Partial<{ generatedLine: number; originalSource: string; originalLine: number; originalColumn: number }>;
      // findEntry answers with the nearest mapping before; one from an earlier line is about other code (a loader's wrapper).
      if (entry.generatedLine !== line || entry.originalSource === undefined || entry.originalLine === undefined) return null;
      const file = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : resolve(base, root, entry.originalSource);
      return { file, line: entry.originalLine + 1, column: entry.originalColumn ?? 0 };
    },
    contentOf: (file) => contents.get(file),
  };
}

const MAP_COMMENT = /\/\/# sourceMappingURL=(\S+)\s*$/;
const MAX_MAP_COMMENT_SEARCH_CHARS = 4096;

function mapPayload(path: string, source: string): SourceMapPayload | null {
  // The map comment is the last one of its kind; loaders may add other comments after it.
  const lines = source.slice(-Math.max(MAX_MAP_COMMENT_SEARCH_CHARS, 0)).split('\n');
  let url: string | undefined;
  for (let k = lines.length - 1; k >= 0 && url === undefined; k--) url = MAP_COMMENT.exec(lines[k]!)?.[1];
  if (url === undefined) {
    // An inline map can be longer than the tail searched above.
    const at = source.lastIndexOf('//# sourceMappingURL=data:');
    if (at < 0) return null;
    url = source.slice(at + '//# sourceMappingURL='.length).split(/\s/)[0]!;
  }
  if (url.startsWith('data:')) {
    const comma = url.indexOf(',');
    const meta = url.slice(0, comma);
    const data = url.slice(comma + 1);
    const text = meta.endsWith(';base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data);
    return JSON.parse(text) as SourceMapPayload;
  }
  const file = resolve(dirname(path), url);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as SourceMapPayload;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  return starts;
}

function lineColumnOf(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, column: offset - starts[lo]! };
}
