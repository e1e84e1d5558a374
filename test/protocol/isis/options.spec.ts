import { describe, expect, it } from 'vitest';
import { DEFAULT_ISIS_OPTIONS, FULL_OPTION_FIELDS, parseIsisOptions, STATIC_OPTION_FIELDS, suspectAfterBeats } from '../../../protocol/isis/options.ts';
import { InputError } from '../../../traces/input-error.ts';

function error(raw: Record<string, unknown>, fields = FULL_OPTION_FIELDS): string {
  try {
    parseIsisOptions(raw, fields);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseIsisOptions', () => {
  it('returns the defaults for no options and keeps the given ones', () => {
    expect(parseIsisOptions({}, FULL_OPTION_FIELDS)).toEqual(DEFAULT_ISIS_OPTIONS);
    const o = parseIsisOptions({ heartbeatIntervalUs: 5000, failureDetector: 'external', reliableNetwork: true }, FULL_OPTION_FIELDS);
    expect(o).toMatchObject({ heartbeatIntervalUs: 5000, failureDetector: 'external', reliableNetwork: true });
  });

  it('names the field and what was expected', () => {
    expect(error({ heartbeatIntervalUs: -5 })).toMatch(/^protocol\.options\.heartbeatIntervalUs: expected an integer from 1 to .* got -5$/);
    expect(error({ windowFrames: 2.5 })).toMatch(/protocol\.options\.windowFrames: expected an integer/);
    expect(error({ failureDetector: 'oracle' })).toBe('protocol.options.failureDetector: expected "heartbeat" or "external", got "oracle"');
    expect(error({ reliableNetwork: 'yes' })).toBe('protocol.options.reliableNetwork: expected true or false, got "yes"');
    expect(error({ heartbeatIntervalUs: 10_000, suspectTimeoutUs: 15_000 })).toMatch(/protocol\.options\.suspectTimeoutUs: expected at least twice/);
    expect(error({ windowFrames: 100, maxUnackedFrames: 50 })).toMatch(/protocol\.options\.maxUnackedFrames: expected at least windowFrames/);
    expect(error({ ackDelayUs: -1 })).toMatch(/^protocol\.options\.ackDelayUs: expected an integer from 0 to/);
    expect(error({ ackDelayUs: 9000, retransmitTimeoutUs: 8000 })).toMatch(/protocol\.options\.ackDelayUs: expected less than retransmitTimeoutUs/);
    expect(parseIsisOptions({ ackDelayUs: 0 }, FULL_OPTION_FIELDS).ackDelayUs).toBe(0);
    expect(parseIsisOptions({ orderBatchUs: 0 }, FULL_OPTION_FIELDS).orderBatchUs).toBe(0);
    expect(error({ orderBatchUs: 1.5 })).toMatch(/^protocol\.options\.orderBatchUs: expected an integer from 0 to/);
    expect(error({ orderBatchUs: 10 }, STATIC_OPTION_FIELDS)).toMatch(/^protocol\.options\.orderBatchUs: unknown option/);
  });

  it('rejects unknown options, and options a static variant does not take', () => {
    expect(error({ heartbeat: 1 })).toMatch(/^protocol\.options\.heartbeat: unknown option, expected one of /);
    expect(error({ heartbeatIntervalUs: 1000 }, STATIC_OPTION_FIELDS)).toMatch(/protocol\.options\.heartbeatIntervalUs: unknown option/);
  });

  it('counts suspicion in whole heartbeat periods', () => {
    expect(suspectAfterBeats({ ...DEFAULT_ISIS_OPTIONS, heartbeatIntervalUs: 10_000, suspectTimeoutUs: 55_000 })).toBe(6);
  });
});
