// Stable anchors for the never-run branch points that docs/isis.md explains.
// A line number moves whenever protocol/isis/ changes; an anchor (the file,
// the enclosing function, the kind of point and a snippet of its source
// line) does not, unless that very code changes. The doc's entries carry
// both: the anchor is the truth, the `file:line:column` is generated from
// it by scripts/coverage-doc.ts.
import { createRequire } from 'node:module';
import type * as TS from 'typescript';

/** A point never run: `file` as the doc names it (relative to protocol/isis/), line 1-based, column 0-based. */
export interface NeverRunPoint {
  file: string;
  line: number;
  column: number;
  kind: string;
}

export interface Anchor {
  /** The innermost named function around the point, `(top level)` outside every one. */
  fn: string;
  /** Text of the point's source line around its column (no backticks). */
  snippet: string;
}

/** One `- \`file:line:column\` kind ...` line of the doc. */
export interface DocEntry {
  /** Index of the line in the doc. */
  at: number;
  file: string;
  line: number;
  /** 1-based, as `vsynclab run --coverage` prints it. */
  column: number;
  kind: string;
  /** Null for an entry written without one (scripts/coverage-doc.ts computes it). */
  anchor: Anchor | null;
}

const ENTRY = /^- `([\w./-]+\.ts):(\d+):(\d+)` ([a-z-]+)(?: in `([^`]+)`: `([^`]+)`)?\s*$/;

/** The entries of the lines `from` (inclusive) to `to` (exclusive). */
export function parseEntries(lines: readonly string[], from = 0, to = lines.length): DocEntry[] {
  const entries: DocEntry[] = [];
  for (let at = from; at < to; at++) {
    const m = ENTRY.exec(lines[at]!);
    if (m === null) continue;
    const anchor = m[5] !== undefined && m[6] !== undefined ? { fn: m[5], snippet: m[6] } : null;
    entries.push({ at, file: m[1]!, line: Number(m[2]), column: Number(m[3]), kind: m[4]!, anchor });
  }
  return entries;
}

export function entryLine(point: NeverRunPoint, anchor: Anchor): string {
  return `- \`${point.file}:${point.line}:${point.column + 1}\` ${point.kind} in \`${anchor.fn}\`: \`${anchor.snippet}\``;
}

let typescript: typeof TS | null = null;
function ts(): typeof TS {
  typescript ??= createRequire(import.meta.url)('typescript') as typeof TS;
  return typescript;
}

/** One source file, parsed once: the text of a line, the function around a position. */
export class SourceFile {
  private readonly lines: string[];
  private readonly starts: number[] = [];
  private parsed: TS.SourceFile | null = null;

  constructor(readonly name: string, private readonly text: string) {
    this.lines = text.split('\n');
    let offset = 0;
    for (const line of this.lines) {
      this.starts.push(offset);
      offset += line.length + 1;
    }
  }

  lineText(line: number): string {
    return this.lines[line - 1] ?? '';
  }

  /** The innermost named function holding line:column (1-based line, 0-based column). */
  functionAt(line: number, column: number): string {
    const t = ts();
    this.parsed ??= t.createSourceFile(this.name, this.text, t.ScriptTarget.Latest, true, t.ScriptKind.TS);
    const file = this.parsed;
    const offset = (this.starts[line - 1] ?? 0) + column;
    let name = '(top level)';
    let node: TS.Node = file;
    for (;;) {
      const own = functionName(t, node);
      if (own !== null) name = own;
      const inside: TS.Node | undefined = node.forEachChild((child) => (child.getStart(file) <= offset && offset < child.end ? child : undefined));
      if (inside === undefined) return name;
      node = inside;
    }
  }
}

function functionName(t: typeof TS, node: TS.Node): string | null {
  if (t.isConstructorDeclaration(node)) return 'constructor';
  if (t.isFunctionDeclaration(node) || t.isMethodDeclaration(node) || t.isGetAccessorDeclaration(node) || t.isSetAccessorDeclaration(node)) {
    return node.name?.getText() ?? null;
  }
  if (t.isFunctionExpression(node) && node.name !== undefined) return node.name.text;
  if (t.isArrowFunction(node) || t.isFunctionExpression(node)) {
    const p = node.parent;
    if (t.isVariableDeclaration(p) || t.isPropertyAssignment(p) || t.isPropertyDeclaration(p)) return p.name.getText();
  }
  return null;
}

/** Whether an anchor names the point: same file, kind and function, and the snippet on its line around its column. */
export function anchors(entry: { file: string; kind: string }, anchor: Anchor, point: NeverRunPoint, source: SourceFile): boolean {
  if (entry.file !== point.file || entry.kind !== point.kind) return false;
  const text = source.lineText(point.line);
  for (let s = text.indexOf(anchor.snippet); s >= 0; s = text.indexOf(anchor.snippet, s + 1)) {
    if (s <= point.column && point.column <= s + anchor.snippet.length) {
      return source.functionAt(point.line, point.column) === anchor.fn;
    }
  }
  return false;
}

/** Widths tried, narrowest first: words left of the column, characters right of it. */
const WIDTHS: readonly [leftWords: number, rightChars: number][] = [[2, 24], [4, 48], [8, 96], [64, 1000]];

/**
 * The anchor of a point: its function and a snippet of its line, the
 * narrowest that names no other of `others` (points of the same file, in
 * the same function, of the same kind).
 */
export function anchorOf(point: NeverRunPoint, source: SourceFile, others: readonly NeverRunPoint[] = []): Anchor {
  const fn = source.functionAt(point.line, point.column);
  const rivals = others.filter((o) => o !== point && o.file === point.file && o.kind === point.kind && !(o.line === point.line && o.column === point.column));
  let anchor: Anchor = { fn, snippet: '' };
  for (const [left, right] of WIDTHS) {
    anchor = { fn, snippet: snippetAt(source.lineText(point.line), point.column, left, right) };
    if (!rivals.some((o) => anchors(point, anchor, o, source))) return anchor;
  }
  return anchor;
}

/** Text around `column`: `leftWords` words before it, to the end of a word `rightChars` after it; no backticks. */
export function snippetAt(text: string, column: number, leftWords: number, rightChars: number): string {
  const indent = text.length - text.trimStart().length;
  let start = Math.max(Math.min(column, text.length), indent);
  for (let w = 0; w < leftWords && start > indent; w++) {
    while (start > indent && text[start - 1] === ' ') start--;
    while (start > indent && text[start - 1] !== ' ') start--;
  }
  let end = Math.min(text.length, Math.max(column, start) + rightChars);
  while (end < text.length && text[end] !== ' ') end++;
  const tick = text.lastIndexOf('`', column - 1);
  if (tick >= start) start = tick + 1;
  const nextTick = text.indexOf('`', column);
  if (nextTick >= 0 && nextTick < end) end = nextTick;
  return text.slice(start, end).trim();
}

export interface Matching {
  /** Each entry that names a point never run, with that point. */
  matched: Map<DocEntry, NeverRunPoint>;
  /** Points never run that no entry names. */
  unexplained: NeverRunPoint[];
  /** Entries that name no point never run: their code runs now (or changed). */
  stale: DocEntry[];
}

/**
 * Pairs entries with points, each at most once (a bipartite matching by
 * augmenting paths, so an entry that could name two points never takes the
 * one another entry needs). An entry prefers the point nearest its old line.
 */
export function matchEntries(entries: readonly DocEntry[], points: readonly NeverRunPoint[], sourceOf: (file: string) => SourceFile | null): Matching {
  const candidates = entries.map((entry) => {
    const anchor = entry.anchor;
    if (anchor === null) return [];
    return points
      .map((point, k) => ({ point, k }))
      .filter(({ point }) => {
        const source = sourceOf(point.file);
        return source !== null && anchors(entry, anchor, point, source);
      })
      .sort((a, b) => Math.abs(a.point.line - entry.line) - Math.abs(b.point.line - entry.line) || Math.abs(a.point.column + 1 - entry.column) - Math.abs(b.point.column + 1 - entry.column))
      .map(({ k }) => k);
  });
  const owner = new Array<number>(points.length).fill(-1);
  const augment = (e: number, seen: Set<number>): boolean => {
    for (const k of candidates[e]!) {
      if (seen.has(k)) continue;
      seen.add(k);
      if (owner[k] === -1 || augment(owner[k]!, seen)) {
        owner[k] = e;
        return true;
      }
    }
    return false;
  };
  entries.forEach((_, e) => augment(e, new Set()));
  const matched = new Map<DocEntry, NeverRunPoint>();
  owner.forEach((e, k) => {
    if (e >= 0) matched.set(entries[e]!, points[k]!);
  });
  return {
    matched,
    unexplained: points.filter((_, k) => owner[k] === -1),
    stale: entries.filter((entry) => !matched.has(entry)),
  };
}

/** The doc's lines with each matched entry's `file:line:column` (and anchor) written from its point, and each group's count from its entries. */
export function rewriteLines(lines: readonly string[], matched: ReadonlyMap<DocEntry, NeverRunPoint>, sourceOf: (file: string) => SourceFile | null): string[] {
  const out = [...lines];
  for (const [entry, point] of matched) {
    const source = sourceOf(point.file);
    const anchor = entry.anchor ?? (source !== null ? anchorOf(point, source) : null);
    if (anchor !== null) out[entry.at] = entryLine(point, anchor);
  }
  return recountGroups(out);
}

const GROUP = /^(<details><summary>.*: )(\d+)(<\/summary>)\s*$/;

/** `<details><summary>Title: N</summary>`: N becomes the number of entries up to `</details>`. */
export function recountGroups(lines: readonly string[]): string[] {
  const out = [...lines];
  for (let k = 0; k < out.length; k++) {
    const m = GROUP.exec(out[k]!);
    if (m === null) continue;
    let count = 0;
    for (let j = k + 1; j < out.length && !out[j]!.startsWith('</details>'); j++) if (ENTRY.test(out[j]!)) count++;
    out[k] = `${m[1]}${count}${m[3]}`;
  }
  return out;
}
