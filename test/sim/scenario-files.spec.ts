import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProtocols, loadScenarioFile, loadScenarios, parseScenarioJson, parseScenarioText } from '../../sim/scenario-files.ts';
import { MAX_SCENARIO_FILE_BYTES } from '../../sim/scenario-json.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-scenario-files-'));
const isis = (name: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ ...baseScenario({ name, protocol: { name: 'isis' } }), ...extra });

describe('loadScenarios', () => {
  it('refuses two files with one name, naming both', () => {
    const suite = join(dir, 'suite');
    mkdirSync(join(suite, 'regressions'), { recursive: true });
    writeFileSync(join(suite, 'a.json'), isis('same'));
    writeFileSync(join(suite, 'regressions', 'b.json'), isis('same'));
    expect(() => loadScenarios([suite])).toThrow(/a\.json and .*regressions\/b\.json are named "same"/);
  });

  it('refuses the same file given twice', () => {
    const file = join(dir, 'once.json');
    writeFileSync(file, isis('once'));
    expect(() => loadScenarios([file, file])).toThrow('is given twice');
  });
});

describe('paths that reading would hang on or never finish (issue 10)', () => {
  it('refuses a FIFO found in a suite folder (nobody writes to it), naming it, before reading anything', () => {
    const suite = join(dir, 'fifo-suite');
    mkdirSync(suite);
    writeFileSync(join(suite, 'a.json'), isis('fifo-a'));
    expect(spawnSync('mkfifo', [join(suite, 'b.json')]).status).toBe(0);
    expect(() => loadScenarios([suite])).toThrow(/fifo-suite\/b\.json: expected a scenario file \(JSON\), but it is a FIFO \(named pipe\)$/);
  });

  it('refuses a device (/dev/zero never ends), named on the command line or read alone', () => {
    expect(() => loadScenarios(['/dev/zero'])).toThrow(/^\/dev\/zero: expected a scenario file \(JSON\), but it is a device$/);
    expect(() => loadScenarioFile('/dev/zero')).toThrow(/^\/dev\/zero: expected a scenario file \(JSON\), but it is a device$/);
  });

  it('refuses a file larger than any scenario before reading it', () => {
    const file = join(dir, 'huge.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, MAX_SCENARIO_FILE_BYTES + 1); // sparse: no 64 MB written
    closeSync(fd);
    expect(() => loadScenarios([file])).toThrow(/huge\.json: expected a scenario file of at most 67108864 bytes \(64 MB\), but it has 67108865 bytes$/);
  });

  it('a folder whose scenarios are all in a subfolder says the subfolder must be named', () => {
    const suite = join(dir, 'only-nested');
    mkdirSync(join(suite, 'sub'), { recursive: true });
    writeFileSync(join(suite, 'sub', 'a.json'), isis('nested-a'));
    expect(() => loadScenarios([suite])).toThrow(/only-nested: no scenario files \(\*\.json\) found \(a subfolder other than regressions\/ is a suite of its own: name it\)$/);
  });
});

describe('parseScenarioText', () => {
  it('accepts a valid explore block and refuses one explore would refuse', () => {
    expect(parseScenarioText(isis('e', { explore: { crashes: 1 } }), 'e.json').name).toBe('e');
    expect(() => parseScenarioText(isis('e', { explore: { crashes: 99 } }), 'e.json')).toThrow('e.json: explore.crashes: expected an integer from 0 to 16, got 99');
    expect(() => parseScenarioText(isis('e', { explore: { nope: 1 } }), 'e.json')).toThrow('e.json: explore.nope: unknown field');
  });

  it('refuses JSON nested too deep, naming the line', () => {
    expect(() => parseScenarioJson(`{\n"a":\n${'['.repeat(300)}${']'.repeat(300)}}`, 'd.json')).toThrow('d.json:3: JSON nested deeper than 256 levels');
    // A leading byte-order mark is ignored (RFC 8259), and only a leading one.
    expect(parseScenarioJson('\ufeff{"a":1}', 'bom.json')).toEqual({ a: 1 });
    expect(() => parseScenarioJson('{"a":\ufeff1}', 'mid.json')).toThrow('mid.json:1: not valid JSON');
  });
});

describe('checkProtocols', () => {
  it('names the file and field of an unknown protocol or a bad option', () => {
    const unknown = parseScenarioText(JSON.stringify(baseScenario({ protocol: { name: 'nope' } })), 'u.json');
    expect(() => checkProtocols([unknown])).toThrow(/^u\.json: protocol\.name: unknown protocol "nope", expected one of .*isis/);
    const option = parseScenarioText(JSON.stringify(baseScenario({ protocol: { name: 'isis', options: { heartbeatIntervalUs: -1 } } })), 'o.json');
    expect(() => checkProtocols([option])).toThrow(/^o\.json: protocol\.options\.heartbeatIntervalUs: expected/);
    const good = parseScenarioText(isis('fine'), 'g.json');
    expect(checkProtocols([good])).toEqual([good]);
  });
});
