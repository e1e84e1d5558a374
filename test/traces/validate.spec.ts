import { describe, expect, it } from 'vitest';
import { EventSequence, validateEvent, validateHeader } from '../../traces/validate.ts';
import { InputError } from '../../traces/input-error.ts';
import type { TraceEvent } from '../../traces/schema.ts';

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('validateHeader', () => {
  it('accepts format and version, keeps the free fields, and adds the type', () => {
    expect(validateHeader({ format: 'vsynclab-trace', version: 1, seed: '7', config: { x: 1 } }, 't.jsonl')).toEqual({
      type: 'header',
      format: 'vsynclab-trace',
      version: 1,
      seed: '7',
      config: { x: 1 },
    });
  });

  it('says "no header" when line 1 is an event', () => {
    expect(errorOf(() => validateHeader({ type: 'start', i: 0, t: 0, node: 'p1' }, 't.jsonl'))).toBe(
      't.jsonl:1: no header: line 1 must be {"type":"header","format":"vsynclab-trace","version":1}; found an event of type "start"',
    );
  });

  it('names a wrong format or version', () => {
    expect(errorOf(() => validateHeader({ type: 'header', format: 'other', version: 1 }, 't.jsonl'))).toBe(
      't.jsonl:1: header field "format" must be "vsynclab-trace"; found the string "other"',
    );
    expect(errorOf(() => validateHeader({ type: 'header', format: 'vsynclab-trace' }, 't.jsonl'))).toBe(
      't.jsonl:1: header field "version" must be 1 (the only version this reader knows); found nothing',
    );
    expect(errorOf(() => validateHeader([1], 't.jsonl'))).toMatch(/^t\.jsonl:1: expected the header object/);
  });
});

describe('validateEvent', () => {
  it('accepts every known type with its fields, and unknown types with extra fields', () => {
    const good = [
      { type: 'start', i: 0, t: 0, node: 'p1' },
      { type: 'view', i: 1, t: 0, node: 'p1', view: { id: 1, members: ['p1'] } },
      { type: 'bcast', i: 2, t: 1, node: 'p1', msg: 'm', order: 'total', view: 1 },
      { type: 'deliver', i: 3, t: 1, node: 'p1', msg: 'm', from: 'p1', view: 1 },
      { type: 'crash', i: 4, t: 1, node: 'p2' },
      { type: 'exit', i: 5, t: 1, node: 'p3', reason: 'excluded' },
      { type: 'partition', i: 6, t: 1, groups: [['p1'], []] },
      { type: 'heal', i: 7, t: 1 },
      { type: 'send', i: 8, t: 2, anything: [1, 2] },
      { type: 'end', i: 9, t: 2, quiescent: false, extra: 'ignored' },
    ];
    for (const [line, event] of good.entries()) expect(validateEvent(event, 't.jsonl', line + 2)).toBe(event);
  });

  it('names the missing field and the event type', () => {
    expect(errorOf(() => validateEvent({ type: 'bcast', i: 0, t: 0, node: 'p1', order: 'fifo', view: 1 }, 't.jsonl', 2))).toBe(
      't.jsonl:2: missing required field "msg" (a message id (a string or a number)) in a bcast event',
    );
    expect(errorOf(() => validateEvent({ i: 0, t: 0 }, 't.jsonl', 2))).toBe('t.jsonl:2: missing required field "type" (a string)');
    expect(errorOf(() => validateEvent({ type: 'heal', t: 0 }, 't.jsonl', 9))).toBe(
      't.jsonl:9: missing required field "i" (an integer >= 0) in a heal event',
    );
  });

  it('names a wrong type and what was expected', () => {
    expect(errorOf(() => validateEvent({ type: 'view', i: 0, t: 0, node: 'p1', view: { id: '1', members: [] } }, 'f', 3))).toBe(
      'f:3: field "view.id" of a view event must be an integer; found the string "1"',
    );
    expect(errorOf(() => validateEvent({ type: 'view', i: 0, t: 0, node: 'p1', view: { id: 1, members: [1] } }, 'f', 3))).toBe(
      'f:3: field "view.members[0]" of a view event must be a process id (a string); found number 1',
    );
    expect(errorOf(() => validateEvent({ type: 'view', i: 0, t: 0, node: 'p1', view: { id: 1, members: 'p1' } }, 'f', 3))).toBe(
      'f:3: field "view.members" of a view event must be an array of process ids (strings); found the string "p1"',
    );
    expect(errorOf(() => validateEvent({ type: 'partition', i: 0, t: 0, groups: [['p1'], ['p2', null]] }, 'f', 3))).toBe(
      'f:3: field "groups[1][1]" of a partition event must be a process id (a string); found null',
    );
    expect(errorOf(() => validateEvent({ type: 'bcast', i: 0, t: 0, node: 'p1', msg: 'm', order: 'agreed', view: 1 }, 'f', 4))).toBe(
      'f:4: field "order" of a bcast event must be one of "fifo", "causal", "total"; found the string "agreed"',
    );
    expect(errorOf(() => validateEvent({ type: 'end', i: 0, t: 1.5, quiescent: true }, 'f', 5))).toBe(
      'f:5: field "t" of an end event must be an integer (microseconds); found number 1.5',
    );
    expect(errorOf(() => validateEvent({ type: 'end', i: 0, t: 1, quiescent: 'yes' }, 'f', 5))).toMatch(/"quiescent" of an end event must be a boolean/);
    expect(errorOf(() => validateEvent({ type: 'exit', i: 0, t: 1, node: 'p', reason: 'bored' }, 'f', 5))).toMatch(/"reason"/);
    expect(errorOf(() => validateEvent({ type: 'partition', i: 0, t: 1, groups: ['p1'] }, 'f', 5))).toMatch(/"groups\[0\]" of a partition event must be an array of process ids; found the string "p1"/);
    expect(errorOf(() => validateEvent('start', 'f', 6))).toBe('f:6: expected an event object; found the string "start"');
  });
});

describe('validateEvent: message ids written as numbers', () => {
  const bcast = (msg: string): [unknown, string] => {
    const text = `{"type":"bcast","i":0,"t":0,"node":"p","msg":${msg},"order":"fifo","view":1}`;
    return [JSON.parse(text), text];
  };

  it('reads a safe number as its decimal text', () => {
    const [value, text] = bcast('17');
    expect((validateEvent(value, 'f', 2, text) as { msg: string }).msg).toBe('17');
  });

  it('reads a 64-bit integer id exactly from the line, so two ids a double rounds alike stay two', () => {
    const ids = ['12345678901234567891', '12345678901234567890', '9007199254740993', '1.2345678901234567891e19'].map((written) => {
      const [value, text] = bcast(written);
      return (validateEvent(value, 'f', 2, text) as { msg: string }).msg;
    });
    expect(ids).toEqual(['12345678901234567891', '12345678901234567890', '9007199254740993', '12345678901234567891']);
  });
});

describe('EventSequence', () => {
  const event = (i: number, t: number, type = 'heal'): TraceEvent => ({ type, i, t });

  it('wants i from 0 by 1', () => {
    const sequence = new EventSequence('f');
    sequence.accept(event(0, 0), 2);
    expect(errorOf(() => sequence.accept(event(2, 0), 3))).toBe(
      'f:3: field "i" must be 1 (events are numbered from 0 by 1); found 2',
    );
    expect(errorOf(() => new EventSequence('f').accept(event(1, 0), 2))).toMatch(/field "i" must be 0/);
  });

  it('wants t never to go backwards, and allows equal times', () => {
    const sequence = new EventSequence('f');
    sequence.accept(event(0, 10), 2);
    sequence.accept(event(1, 10), 3);
    expect(errorOf(() => sequence.accept(event(2, 9), 4))).toBe(
      "f:4: field \"t\" must not go backwards: 9 is before the previous event's 10",
    );
  });

  it('compares a t beyond 2^53 exactly, from the line text (a double rounds 2^53 + 1 to 2^53)', () => {
    const line = (i: number, t: string): [TraceEvent, string] => {
      const text = `{"type":"heal","i":${i},"t":${t}}`;
      return [JSON.parse(text) as TraceEvent, text];
    };
    const sequence = new EventSequence('f');
    for (const [k, t] of ['9007199254740991', '9007199254740993', '9007199254740993', '9.007199254740994e15'].entries()) {
      const [value, text] = line(k, t);
      sequence.accept(value, k + 2, text);
    }
    const [back, backText] = line(4, '9007199254740993');
    expect(errorOf(() => sequence.accept(back, 6, backText))).toBe(
      "f:6: field \"t\" must not go backwards: 9007199254740993 is before the previous event's 9007199254740994",
    );
    const [fraction, fractionText] = line(0, '9007199254740993.5');
    expect(errorOf(() => new EventSequence('f').accept(fraction, 2, fractionText))).toBe(
      'f:2: field "t" of a heal event must be an integer (microseconds); found 9007199254740993.5',
    );
  });

  it('wants nothing after the end event', () => {
    const sequence = new EventSequence('f');
    sequence.accept(event(0, 0, 'end'), 2);
    expect(errorOf(() => sequence.accept(event(1, 0), 3))).toBe(
      'f:3: an event after the end event (line 2): the end event must be the last line',
    );
  });
});
