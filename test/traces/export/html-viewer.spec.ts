import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { renderHtmlViewer } from '../../../traces/export/html-viewer.ts';
import type { DiagramModel } from '../../../traces/export/diagram-model.ts';
import {
  HOSTILE_MSG, HOSTILE_NODE, hostileEvents, hostileHeader, hostileViolation, numbered, sampleEvents, sampleHeader, sampleViolation,
} from './fixtures.ts';
import { netEvents, netHeader, netStates } from './net-fixtures.ts';

function embeddedModel(html: string): DiagramModel {
  const match = /<script id="vsynclab-data" type="application\/json">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('no data block');
  return JSON.parse(match[1]!) as DiagramModel;
}

describe('renderHtmlViewer', () => {
  const html = renderHtmlViewer(sampleHeader, sampleEvents, { violations: [sampleViolation] });

  it('is one self-contained page: no external URL, no src or href attribute', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('is deterministic: same input, same bytes', () => {
    expect(renderHtmlViewer(sampleHeader, sampleEvents, { violations: [sampleViolation] })).toBe(html);
  });

  it('embeds the diagram model as JSON', () => {
    const model = embeddedModel(html);
    expect(model.meta.scenario).toBe('crash-during-flush');
    expect(model.arrows).toHaveLength(5);
    expect(model.violations[0]!.message).toBe(sampleViolation.message);
  });

  it('allows by CSP only its own script and style, by hash, and no fetches', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!;
    expect(csp).toContain("default-src 'none'");
    const script = /<script>([\s\S]*)<\/script>\s*<\/body>/.exec(html)![1]!;
    const style = /<style>([\s\S]*)<\/style>/.exec(html)![1]!;
    const hash = (text: string): string => createHash('sha256').update(text).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
  });

  it('keeps every hostile trace string out of the markup', () => {
    const hostile = renderHtmlViewer(hostileHeader, hostileEvents, { violations: [hostileViolation], showOtherEvents: true });
    expect(hostile).not.toContain(HOSTILE_NODE);
    expect(hostile).not.toContain(HOSTILE_MSG);
    expect(hostile).not.toContain('<img');
    expect(hostile).not.toContain('<iframe');
    expect(hostile).not.toContain('<svg onload');
    // Exactly two script elements: the data block and the viewer.
    expect(hostile.match(/<script/g)).toHaveLength(2);
    expect(hostile.match(/<\/script>/g)).toHaveLength(2);
    // ...and the strings survive intact in the data.
    const model = embeddedModel(hostile);
    expect(model.lanes[0]!.id).toBe(HOSTILE_NODE);
    expect(model.arrows[0]!.msg).toBe(HOSTILE_MSG);
    expect(model.meta.scenario).toBe(hostileHeader.scenario);
  });
});

describe('renderHtmlViewer with network events and states', () => {
  it('embeds the frames, the kinds, the violation groups and the states', () => {
    const groups = [{ cause: 'p3 never received p1:1', count: 3, members: [0] }];
    const model = embeddedModel(renderHtmlViewer(netHeader, netEvents, {
      violations: [{ property: 'fifo-order', message: 'x', events: [21] }], violationGroups: groups, states: netStates,
    }));
    expect(model.frames).toHaveLength(8);
    expect(model.kinds.map((k) => k.kind)).toEqual(['flush', 'fok', 'install', 'mc']);
    expect(model.groups[0]).toMatchObject({ cause: 'p3 never received p1:1', count: 3, members: [0] });
    expect(model.states!.steps).toHaveLength(netStates.steps.length);
  });

  it('keeps hostile frame kinds, keys and state values out of the markup', () => {
    const events = numbered([
      { type: 'start', t: 0, node: 'p1' },
      { type: 'send', t: 1, node: 'p1', to: 'p1', kind: HOSTILE_MSG, key: HOSTILE_NODE, net: 1 },
      { type: 'recv', t: 2, node: 'p1', from: 'p1', kind: HOSTILE_MSG, key: HOSTILE_NODE, net: 1 },
    ]);
    const states = { steps: [{ i: 0, node: 'p1', changes: [{ path: [], value: { [HOSTILE_NODE]: HOSTILE_MSG } }] }] };
    const html = renderHtmlViewer(undefined, events, { states });
    expect(html).not.toContain(HOSTILE_NODE);
    expect(html).not.toContain(HOSTILE_MSG);
    expect(html.match(/<script/g)).toHaveLength(2);
    const model = embeddedModel(html);
    expect(model.frames[0]!.kind).toBe(HOSTILE_MSG);
    expect(model.states!.steps[0]!.changes[0]!.value).toEqual({ [HOSTILE_NODE]: HOSTILE_MSG });
  });
});
