import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { renderHtmlViewer } from '../../../traces/export/html-viewer.ts';
import type { DiagramModel } from '../../../traces/export/diagram-model.ts';
import {
  HOSTILE_MSG, HOSTILE_NODE, hostileEvents, hostileHeader, hostileViolation, sampleEvents, sampleHeader, sampleViolation,
} from './fixtures.ts';

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
