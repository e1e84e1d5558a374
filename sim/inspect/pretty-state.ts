// A process state for a reader: indented `key: value` lines, short arrays
// and objects on one line, long ones cut after a few items with a count of
// what was left out and a hint how to see it all (`--json`). Every string
// that comes from the state is escaped for the terminal.
import { escapeControl } from '../../core/input-error.ts';
import { isPlainObject, type StateChangeWithBefore } from './state-diff.ts';

export interface PrettyOptions {
  /** Items of an array (or keys of an object) shown before the rest is counted. */
  maxItems: number;
  /** Nesting shown before a value is summarized. */
  maxDepth: number;
  /** Width under which an array or object stays on one line. */
  inlineChars: number;
  /** What to say after a count of left-out items. */
  hint: string;
}

export const DEFAULT_PRETTY: PrettyOptions = { maxItems: 8, maxDepth: 8, inlineChars: 72, hint: '--json shows all' };

/** Lines that render `value`, each indented by `indent` spaces. */
export function prettyLines(value: unknown, indent: number, options: PrettyOptions = DEFAULT_PRETTY): string[] {
  const out: string[] = [];
  // A state is shown key by key, even when it would fit on one line.
  if (value !== null && typeof value === 'object' && (Array.isArray(value) ? value.length : Object.keys(value).length) > 0) {
    expand(value, indent, 0, options, out);
  } else {
    out.push(' '.repeat(indent) + scalarOrEmpty(value));
  }
  return out;
}

function block(value: unknown, indent: number, depth: number, o: PrettyOptions, out: string[]): void {
  const pad = ' '.repeat(indent);
  const inline = inlineOf(value, o.inlineChars, o);
  if (inline !== null) {
    out.push(pad + inline);
    return;
  }
  if (depth >= o.maxDepth) {
    out.push(pad + summary(value) + `  (${o.hint})`);
    return;
  }
  expand(value, indent, depth, o, out);
}

/** An array item by item, an object key by key (at most so many, then a count). */
function expand(value: unknown, indent: number, depth: number, o: PrettyOptions, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    value.slice(0, o.maxItems).forEach((item, k) => entry(`[${k}]`, item, indent, depth, o, out));
    if (value.length > o.maxItems) out.push(`${pad}… ${value.length - o.maxItems} more items (${value.length} in all; ${o.hint})`);
    return;
  }
  const keys = Object.keys(value as Record<string, unknown>).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  keys.slice(0, o.maxItems * 4).forEach((key) => entry(keyText(key), (value as Record<string, unknown>)[key], indent, depth, o, out));
  if (keys.length > o.maxItems * 4) out.push(`${pad}… ${keys.length - o.maxItems * 4} more keys (${keys.length} in all; ${o.hint})`);
}

/** `name: value` on one line when it fits, else `name:` and the value indented below. */
function entry(name: string, value: unknown, indent: number, depth: number, o: PrettyOptions, out: string[]): void {
  const pad = ' '.repeat(indent);
  const inline = inlineOf(value, Math.max(16, o.inlineChars - name.length - 2), o);
  if (inline !== null) {
    out.push(`${pad}${name}: ${inline}`);
    return;
  }
  out.push(`${pad}${name}: ${depth + 1 >= o.maxDepth ? `${summary(value)}  (${o.hint})` : ''}`.trimEnd());
  if (depth + 1 < o.maxDepth) block(value, indent + 2, depth + 1, o, out);
}

function keyText(key: string): string {
  return /^[A-Za-z_$][\w$#-]*$/.test(key) ? key : escapeControl(JSON.stringify(key));
}

/** The value on one line if it fits in `width` characters (and is not cut), else null. */
function inlineOf(value: unknown, width: number, o: PrettyOptions): string | null {
  // A scalar has no shorter form: it stays on its line, however long.
  if (value === null || typeof value !== 'object') return scalar(value);
  const text = compact(value, width + 1, o);
  return text !== null && text.length <= width ? text : null;
}

/** A one-line rendering, or null as soon as it grows past `limit` characters. */
function compact(value: unknown, limit: number, o: PrettyOptions): string | null {
  if (value === null || typeof value !== 'object') return scalar(value);
  const items: string[] = [];
  let used = 2;
  if (Array.isArray(value)) {
    if (value.length > o.maxItems) return null;
    for (const item of value) {
      const text = compact(item, limit - used, o);
      if (text === null) return null;
      used += text.length + 2;
      if (used > limit) return null;
      items.push(text);
    }
    return `[${items.join(', ')}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined);
  if (keys.length > o.maxItems) return null;
  for (const key of keys) {
    const text = compact(record[key], limit - used, o);
    if (text === null) return null;
    const field = `${keyText(key)}: ${text}`;
    used += field.length + 2;
    if (used > limit) return null;
    items.push(field);
  }
  return items.length === 0 ? '{}' : `{${items.join(', ')}}`;
}

function scalar(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return escapeControl(JSON.stringify(value));
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function' || typeof value === 'symbol') return `(${typeof value})`;
  return String(value);
}

function scalarOrEmpty(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (isPlainObject(value)) return '{}';
  return scalar(value);
}

/** A few words for a value too big or too deep to show. */
export function summary(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  if (isPlainObject(value)) return `{${Object.keys(value).length} keys}`;
  return scalar(value);
}

/** One value on one line, cut to `maxChars` (for a diff's before -> after). */
export function oneLine(value: unknown, maxChars = 60): string {
  if (value === undefined) return '(none)';
  const text = compact(value, maxChars, { ...DEFAULT_PRETTY, maxItems: Number.MAX_SAFE_INTEGER });
  if (text !== null && text.length <= maxChars) return text;
  const json = escapeControl(JSON.stringify(value) ?? String(value));
  return `${json.slice(0, maxChars - 1)}… ${summary(value)}`;
}

/** A diff's lines: `path: before -> after`, one change a line. */
export function prettyChanges(changes: readonly StateChangeWithBefore[], indent: number, maxChars = 60): string[] {
  const pad = ' '.repeat(indent);
  return changes.map((c) => {
    const where = c.path.length === 0 ? '(state)' : c.path.map(keyText).join('.');
    return `${pad}${where}: ${oneLine(c.before, maxChars)} -> ${c.after === undefined ? '(removed)' : oneLine(c.after, maxChars)}`;
  });
}
