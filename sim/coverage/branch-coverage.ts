// Which branch points of the protocol's files ran, summed over V8 coverage
// takes (one per run, or one for a whole command). A point's count is the
// count of V8's innermost range around it: V8 leaves out a block whose
// count equals its parent's, and the parent's count is then the block's.
import { branchPoints, type BranchKind } from './branch-points.ts';
import { scriptMap, scriptPath } from './script-map.ts';
import type { V8Range, V8ScriptCoverage } from './v8-session.ts';

/** Which scripts and original files count: the protocol's own files. */
export interface CoverageScope {
  /** The `--plugin` paths it was built from (scope.ts): a worker thread builds the same scope from them. */
  readonly pluginPaths: readonly string[];
  /** A cheap test on a script's URL before its source is read. */
  script(url: string): boolean;
  /** The original (TypeScript) file a point maps to. */
  file(path: string): boolean;
}

export interface PointRecord {
  key: string;
  file: string;
  line: number;
  column: number;
  kind: BranchKind;
  count: number;
}

interface ScriptPoints {
  points: { key: string; offset: number }[];
}

export interface SourceReader {
  scriptSource(scriptId: string): string;
  loadedScripts(): { scriptId: string; url: string }[];
}

export class BranchCoverage {
  private readonly scripts = new Map<string, ScriptPoints | null>();
  private readonly records = new Map<string, PointRecord>();
  private readonly texts = new Map<string, string>();
  /** Protocol functions V8 measured as wholes (compiled before coverage started), by script and offset. */
  private readonly wholes = new Set<string>();

  constructor(private readonly scope: CoverageScope, private readonly reader: SourceReader) {}

  /** Adds one take; returns the keys of the points that ran for the first time. */
  add(take: readonly V8ScriptCoverage[]): string[] {
    const fresh: string[] = [];
    const taken = new Set(take.map((s) => s.scriptId));
    // Scripts the take leaves out ran nothing since the last take; their points still count in the total.
    for (const script of this.reader.loadedScripts()) {
      if (!taken.has(script.scriptId) && this.scope.script(script.url)) this.pointsOf({ ...script, functions: [] });
    }
    for (const script of take) {
      const known = this.pointsOf(script);
      if (known === null) continue;
      const ranges = script.functions.flatMap((f) => f.ranges);
      for (const f of script.functions) {
        const whole = f.ranges[0];
        if (!f.isBlockCoverage && whole !== undefined && whole.count > 0) this.wholes.add(`${script.scriptId}:${whole.startOffset}`);
      }
      for (const point of known.points) {
        const count = countAt(ranges, point.offset);
        if (count === 0) continue;
        const record = this.records.get(point.key)!;
        if (record.count === 0) fresh.push(point.key);
        record.count += count;
      }
    }
    return fresh;
  }

  /** Adds the points and counts of another thread's coverage (run-jobs.ts), and the texts its source maps carry. */
  merge(points: readonly PointRecord[], contents: readonly (readonly [string, string])[]): void {
    for (const point of points) {
      const known = this.records.get(point.key);
      if (known === undefined) this.records.set(point.key, { ...point });
      else known.count += point.count;
    }
    for (const [file, text] of contents) if (!this.texts.has(file)) this.texts.set(file, text);
  }

  /**
   * How many protocol functions ran with no block counts: V8 compiled them
   * before coverage started in this thread, and counts only their calls,
   * so every branch point inside a called one counts as run.
   */
  wholeFunctions(): number {
    return this.wholes.size;
  }

  /** The original texts known, by file (to hand to another thread). */
  contents(): [string, string][] {
    return [...this.texts.entries()];
  }

  /** Every point seen, in file and line order. */
  points(): PointRecord[] {
    return [...this.records.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  }

  /** The original text of a file, from its source map or the disk (null when neither has it). */
  contentOf(file: string): string | undefined {
    return this.texts.get(file);
  }

  private pointsOf(script: V8ScriptCoverage): ScriptPoints | null {
    const cached = this.scripts.get(script.scriptId);
    if (cached !== undefined) return cached;
    let found: ScriptPoints | null = null;
    const path = scriptPath(script.url);
    if (path !== null && this.scope.script(script.url)) {
      const source = this.reader.scriptSource(script.scriptId);
      const map = scriptMap(path, source);
      const points: ScriptPoints['points'] = [];
      const seen = new Set<string>();
      for (const point of branchPoints(source)) {
        const at = map.originalAt(point.offset);
        if (at === null || !this.scope.file(at.file)) continue;
        const key = `${at.file}:${at.line}:${at.column}:${point.kind}`;
        if (seen.has(key)) continue;
        seen.add(key);
        points.push({ key, offset: point.offset });
        if (!this.records.has(key)) this.records.set(key, { key, file: at.file, line: at.line, column: at.column, kind: point.kind, count: 0 });
        if (!this.texts.has(at.file)) {
          const content = map.contentOf(at.file);
          if (content !== undefined) this.texts.set(at.file, content);
        }
      }
      found = { points };
    }
    this.scripts.set(script.scriptId, found);
    return found;
  }
}

/** The count of the innermost range holding `offset` (0 outside every range: code never compiled). */
export function countAt(ranges: readonly V8Range[], offset: number): number {
  let best: V8Range | null = null;
  for (const r of ranges) {
    if (r.startOffset <= offset && offset < r.endOffset && (best === null || r.endOffset - r.startOffset <= best.endOffset - best.startOffset)) best = r;
  }
  return best?.count ?? 0;
}
