// Validation of trace lines against TRACE_FORMAT.md. Each function takes the
// parsed JSON of one line and either returns it typed or throws InputError
// "FILE:LINE: what was expected". Unknown event types and unknown fields are
// allowed (the contract lets writers add them); for known types every
// required field is checked, because the checkers trust them.
import type { TraceEvent, TraceHeader } from './schema.ts';
import { DELIVERY_ORDERS, TRACE_FORMAT, TRACE_VERSION } from './schema.ts';
import { InputError, locate, quote } from './input-error.ts';

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
export function validateEvent(value: unknown, file: string, line: number): TraceEvent {
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
      requireMessageId(value, file, line, type);
      requireOneOf(value, 'order', DELIVERY_ORDERS, file, line, type);
      requireInteger(value, 'view', file, line, type);
      break;
    case 'deliver':
      requireString(value, 'node', file, line, type);
      requireMessageId(value, file, line, type);
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
  private endLine = 0;

  constructor(private readonly file: string) {}

  get eventCount(): number {
    return this.nextI;
  }

  accept(event: TraceEvent, line: number): void {
    if (this.endLine > 0) {
      fail(this.file, line, `an event after the end event (line ${this.endLine}): the end event must be the last line`);
    }
    if (event.i !== this.nextI) {
      fail(this.file, line, `field "i" must be ${this.nextI} (events are numbered from 0 by 1); found ${event.i}`);
    }
    if (this.nextI > 0 && event.t < this.lastT) {
      fail(this.file, line, `field "t" must not go backwards: ${event.t} is before the previous event's ${this.lastT}`);
    }
    this.nextI += 1;
    this.lastT = event.t;
    if (event.type === 'end') this.endLine = line;
  }
}

function fieldProblem(field: string, expected: string, found: unknown, type: string): string {
  const anEvent = `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${quote(type).slice(1, -1)} event`;
  if (found === undefined) return `missing required field "${field}" (${expected}) in ${anEvent}`;
  return `field "${field}" of ${anEvent} must be ${expected}; found ${describeValue(found)}`;
}

/** A process id: "Process ids are strings" (any string, the empty one too). */
function requireString(value: Json, field: string, file: string, line: number, type: string): void {
  const found = value[field];
  if (typeof found !== 'string') fail(file, line, fieldProblem(field, 'a string', found, type));
}

/**
 * `msg`: "an id unique in the trace", of no type the contract names. A
 * string is kept as it is; a number is read as its decimal text (17 and
 * "17" name one message), so every reader downstream sees a string.
 */
function requireMessageId(value: Json, file: string, line: number, type: string): void {
  const found = value.msg;
  if (typeof found === 'string') return;
  if (typeof found === 'number' && Number.isFinite(found)) {
    value.msg = String(found);
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
  if (!Array.isArray(members) || !members.every((member) => typeof member === 'string')) {
    fail(file, line, fieldProblem('view.members', 'an array of process ids (strings)', members, 'view'));
  }
}

function requireGroups(value: Json, file: string, line: number): void {
  const groups = value.groups;
  const ok =
    Array.isArray(groups) &&
    groups.every((group) => Array.isArray(group) && group.every((member) => typeof member === 'string'));
  if (!ok) fail(file, line, fieldProblem('groups', 'an array of arrays of process ids', groups, 'partition'));
}
