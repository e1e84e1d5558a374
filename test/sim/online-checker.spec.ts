// Property profiles in a run: what the scenario and the protocol promise is
// what the run checks, and what its trace header says, so `vsynclab check`
// of the trace agrees.
import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES, checkEvents } from '../../checkers/index.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { promisedProperties } from '../../sim/online-checker.ts';
import { runScenario } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import type { TraceEvent } from '../../traces/schema.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario } from '../fixtures/scenario.ts';

describe('promisedProperties', () => {
  it('is what both the scenario and the protocol promise, in contract order; nothing when all', () => {
    expect(promisedProperties(undefined, undefined)).toBeUndefined();
    expect(promisedProperties([...ALL_PROPERTIES], undefined)).toBeUndefined();
    expect(promisedProperties(['total-order', 'lifecycle', 'fifo-order'], ['fifo-order', 'total-order'])).toEqual(['fifo-order', 'total-order']);
    expect(promisedProperties(undefined, ['self-inclusion'])).toEqual(['self-inclusion']);
  });
});

describe('a run with a property profile', () => {
  it('checks only the promised properties and writes them to the header, so an offline check agrees', () => {
    const protocol = { ...floodProtocol(), properties: ['lifecycle', 'fifo-order', 'delivery-liveness'] as const };
    const scenario = baseScenario({ properties: ['fifo-order', 'lifecycle', 'self-inclusion'] });
    const sink = new MemoryTraceSink();
    const result = runScenario(scenario, { seed: '1', traceSink: sink, protocol });
    const [headerLine, ...eventLines] = sink.lines;
    const header = JSON.parse(headerLine!);
    expect(header.properties).toEqual(['lifecycle', 'fifo-order']);
    expect(result.checked).toEqual(['lifecycle', 'fifo-order']);
    const offline = checkEvents(eventLines.map((line) => JSON.parse(line) as TraceEvent), { properties: header.properties });
    expect(offline.checked).toEqual(result.checked);
    expect(offline.notPromised).toHaveLength(13);
  });

  it('says nothing in the header when everything is promised', () => {
    const sink = new MemoryTraceSink();
    runScenario(baseScenario(), { seed: '1', traceSink: sink, protocol: floodProtocol() });
    expect(JSON.parse(sink.lines[0]!).properties).toBeUndefined();
  });

  it("validates a scenario's properties: known ids, each once, at least one", () => {
    const plain = JSON.parse(JSON.stringify(baseScenario()));
    expect(validateScenario({ ...plain, properties: ['fifo-order'] }, 's.json').properties).toEqual(['fifo-order']);
    expect(() => validateScenario({ ...plain, properties: ['fifo'] }, 's.json')).toThrow(/properties\[0\]/);
    expect(() => validateScenario({ ...plain, properties: [] }, 's.json')).toThrow(/properties: expected at least one/);
  });
});
