// Validation of trace lines against TRACE_FORMAT.md. Each function takes the
// parsed JSON of one line and either returns it typed or throws InputError
// "FILE:LINE: what was expected". Unknown event types and unknown fields are
// allowed (the contract lets writers add them); for known types every
// required field is checked, because the checkers trust them.
import type { TraceEvent, TraceHeader } from './schema.ts';
import { DELIVERY_ORDERS, TRACE_FORMAT, TRACE_VERSION } from './schema.ts';
import { InputError, locate, quote } from './input-error.ts';
import { exactInteger, topLevelNumberText } from './exact-time.ts';

const HEADER_EXAMPLE = `{"type":"header","format":"${TRACE_FORMAT}","version":${TRACE_VERSION}}`;

type Json = Record<string, unknown>;

function fail(file: string, line: number, what: string): never {
  throw new InputError(locate(file, line, what));
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${quote(value, 40)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Line 1. `format` and `version` are required; `type`, when present, must be "header". */
export function validateHeader(value: unknown, file: string, line = 1): TraceHeader {
  if (!isObject(value)) fail(file, line, `expected the header object ${HEADER_EXAMPLE}; found ${describeValue(value)}`);
  if (value.format === undefined && value.type !== 'header') {
    const found = typeof value.type === 'string' ? `an event of type ${quote(value.type)}` : 'an object without "format"';
    fail(file, line, `no header: line 1 must be ${HEADER_EXAMPLE}; found ${found}`);
  }
  // Only `format` and `version` are required; everything else, `type`
  // included, is "optional and free" (TRACE_FORMAT.md): line 1 is the header
  // whatever its `type` says.
  if (value.format !== TRACE_FORMAT) {
    fail(file, line, `header field "format" must be "${TRACE_FORMAT}"; found ${value.format === undefined ? 'nothing' : describeValue(value.format)}`);
  }
  if (value.version !== TRACE_VERSION) {
    const found = value.version === undefined ? 'nothing' : describeValue(value.version);
    fail(file, line, `header field "version" must be ${TRACE_VERSION} (the only version this reader knows); found ${found}`);
  }
  return { ...value, type: 'header' } as TraceHeader;
}

/**
 * Checks the fields of one event. Sequence rules (`i`, `t`) are the
 * caller's: see EventSequence.
 */
export function validateEvent(value: unknown, file: string, line: number, text?: string): TraceEvent {
  if (!isObject(value)) fail(file, line, `expected an event object; found ${describeValue(value)}`);
  const type = value.type;
  if (typeof type !== 'string') {
    fail(file, line, type === undefined ? 'missing required field "type" (a string)' : `field "type" must be a string; found ${describeValue(type)}`);
  }
  requireInteger(value, 'i', file, line, type, 0);
  // "an integer number of microseconds": any integer, negative too (only its order matters).
  requireTime(value, file, line, type);
  switch (type) {
    case 'start':
    case 'crash':
      requireString(value, 'node', file, line, type);
      break;
    case 'view':
      requireString(value, 'node', file, line, type);
      requireView(value, file, line);
      break;
    case 'bcast':
      requireString(value, 'node', file, line, type);
      requireMessageId(value, file, line, type, text);
      requireOneOf(value, 'order', DELIVERY_ORDERS, file, line, type);
      requireInteger(value, 'view', file, line, type);
      break;
    case 'deliver':
      requireString(value, 'node', file, line, type);
      requireMessageId(value, file, line, type, text);
      requireString(value, 'from', file, line, type);
      requireInteger(value, 'view', file, line, type);
      break;
    case 'exit':
      requireString(value, 'node', file, line, type);
      requireOneOf(value, 'reason', ['left', 'excluded'], file, line, type);
      break;
    case 'partition':
      requireGroups(value, file, line);
      break;
    case 'end':
      if (typeof value.quiescent !== 'boolean') {
        fail(file, line, fieldProblem('quiescent', 'a boolean', value.quiescent, type));
      }
      break;
    default:
      // heal has no fields; other types are free.
      break;
  }
  return value as unknown as TraceEvent;
}

/** The order rules: `i` counts events from 0 by 1, `t` never decreases, nothing after `end`. */
export class EventSequence {
  private nextI = 0;
  private lastT = 0;
  /** The previous `t` exactly, when it was beyond 2^53 (read from its line's text), else null. */
  private lastExactT: bigint | null = null;
  private endLine = 0;

  constructor(private readonly file: string) {}

  get eventCount(): number {
    return this.nextI;
  }

  /**
   * `text`, the line's JSON text, lets a `t` beyond 2^53 be read exactly
   * (a double cannot hold it); without it, such a `t` is compared rounded.
   */
  accept(event: TraceEvent, line: number, text?: string): void {
    if (this.endLine > 0) {
      fail(this.file, line, `an event after the end event (line ${this.endLine}): the end event must be the last line`);
    }
    if (event.i !== this.nextI) {
      fail(this.file, line, `field "i" must be ${this.nextI} (events are numbered from 0 by 1); found ${event.i}`);
    }
    const exactT = Number.isSafeInteger(event.t) || text === undefined ? null : this.exactTime(event, line, text);
    if (this.nextI > 0 && this.goesBack(event.t, exactT)) {
      const shown = exactT === null ? String(event.t) : exactT.toString();
      const previous = this.lastExactT === null ? String(this.lastT) : this.lastExactT.toString();
      fail(this.file, line, `field "t" must not go backwards: ${shown} is before the previous event's ${previous}`);
    }
    this.nextI += 1;
    this.lastT = event.t;
    this.lastExactT = exactT;
    if (event.type === 'end') this.endLine = line;
  }

  /** A `t` beyond 2^53, exactly, from the line's text; not an integer there is invalid. */
  private exactTime(event: TraceEvent, line: number, text: string): bigint | null {
    const written = topLevelNumberText(text, 't');
    if (written === null) return null;
    const exact = exactInteger(written);
    if (exact === null) fail(this.file, line, `field "t" of ${anEvent(event.type)} must be an integer (microseconds); found ${written}`);
    return exact;
  }

  private goesBack(t: number, exactT: bigint | null): boolean {
    if (exactT === null && this.lastExactT === null) return t < this.lastT;
    // One of the two is beyond 2^53: compare exact values (a safe one converts exactly).
    const now = exactT ?? BigInt(t);
    const before = this.lastExactT ?? BigInt(this.lastT);
    return now < before;
  }
}

function anEvent(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${quote(type).slice(1, -1)} event`;
}

function fieldProblem(field: string, expected: string, found: unknown, type: string): string {
  if (found === undefined) return `missing required field "${field}" (${expected}) in ${anEvent(type)}`;
  return `field "${field}" of ${anEvent(type)} must be ${expected}; found ${describeValue(found)}`;
}

/** A process id: "Process ids are strings" (any string, the empty one too). */
function requireString(value: Json, field: string, file: string, line: number, type: string): void {
  const found = value[field];
  if (typeof found !== 'string') fail(file, line, fieldProblem(field, 'a string', found, type));
}

/**
 * `msg`: "an id unique in the trace", of no type the contract names. A
 * string is kept as it is; a number is read as its decimal text (17 and
 * "17" name one message), so every reader downstream sees a string. An
 * integer beyond 2^53 (a 64-bit id, say) is read exactly from the line's
 * `text`: as a double, 12345678901234567891 and 12345678901234567890 would
 * be one message.
 */
function requireMessageId(value: Json, file: string, line: number, type: string, text: string | undefined): void {
  const found = value.msg;
  if (typeof found === 'string') return;
  if (typeof found === 'number' && Number.isFinite(found)) {
    const written = Number.isInteger(found) && !Number.isSafeInteger(found) && text !== undefined ? topLevelNumberText(text, 'msg') : null;
    const exact = written === null ? null : exactInteger(written);
    value.msg = exact?.toString() ?? written ?? String(found);
    return;
  }
  fail(file, line, fieldProblem('msg', 'a message id (a string or a number)', found, type));
}

const SAFE_RANGE = 'between -(2^53 - 1) and 2^53 - 1, the integers JSON readers compare exactly';

function requireInteger(value: Json, field: string, file: string, line: number, type: string, min?: number): void {
  const found = value[field];
  if (typeof found === 'number' && Number.isSafeInteger(found) && (min === undefined || found >= min)) return;
  if (typeof found === 'number' && Number.isInteger(found) && (min === undefined || found >= min)) {
    fail(file, line, fieldProblem(field, `an integer ${SAFE_RANGE}`, found, type));
  }
  const expected = min === undefined ? 'an integer' : `an integer >= ${min}`;
  fail(file, line, fieldProblem(field, expected, found, type));
}

/** `t`: an integer; its size does not matter, only that it never decreases. */
function requireTime(value: Json, file: string, line: number, type: string): void {
  const found = value.t;
  if (typeof found === 'number' && Number.isInteger(found)) return;
  fail(file, line, fieldProblem('t', 'an integer (microseconds)', found, type));
}

function requireOneOf(value: Json, field: string, allowed: readonly string[], file: string, line: number, type: string): void {
  const found = value[field];
  if (typeof found === 'string' && allowed.includes(found)) return;
  fail(file, line, fieldProblem(field, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, found, type));
}

function requireView(value: Json, file: string, line: number): void {
  const view = value.view;
  if (!isObject(view)) fail(file, line, fieldProblem('view', 'an object {id, members}', view, 'view'));
  if (typeof view.id !== 'number' || !Number.isSafeInteger(view.id)) {
    const expected = typeof view.id === 'number' && Number.isInteger(view.id) ? `an integer ${SAFE_RANGE}` : 'an integer';
    fail(file, line, fieldProblem('view.id', expected, view.id, 'view'));
  }
  const members = view.members;
  if (!Array.isArray(members)) fail(file, line, fieldProblem('view.members', 'an array of process ids (strings)', members, 'view'));
  const bad = members.findIndex((member) => typeof member !== 'string');
  if (bad >= 0) {
    // Name the element: "found an array" would not say which.
    fail(file, line, fieldProblem(`view.members[${bad}]`, 'a process id (a string)', members[bad], 'view'));
  }
}

function requireGroups(value: Json, file: string, line: number): void {
  const groups = value.groups;
  if (!Array.isArray(groups)) fail(file, line, fieldProblem('groups', 'an array of arrays of process ids', groups, 'partition'));
  for (const [g, group] of groups.entries()) {
    if (!Array.isArray(group)) fail(file, line, fieldProblem(`groups[${g}]`, 'an array of process ids', group, 'partition'));
    const bad = group.findIndex((member) => typeof member !== 'string');
    if (bad >= 0) fail(file, line, fieldProblem(`groups[${g}][${bad}]`, 'a process id (a string)', group[bad], 'partition'));
  }
}
