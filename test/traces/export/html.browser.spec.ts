// The HTML viewer in a real browser driven by playwright-core: the Chromium
// that @sparticuz/chromium ships inside its npm package, so `npm ci` is all a
// fresh machine needs (a system chromium is used only when one is installed
// and actually starts). Checks what is drawn, that a hostile trace runs no
// script and fetches nothing, and that a 10k-event trace stays navigable. The
// screenshots land in a temp dir whose path the test prints; with
// VSYNCLAB_SCREENSHOT=1 the failing run's page is also saved as
// docs/img/viewer.png (the README's picture).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import packagedChromium from '@sparticuz/chromium';
import { renderHtmlViewer } from '../../../traces/export/html-viewer.ts';
import { checkEvents } from '../../../checkers/index.ts';
import { groupedViolations } from '../../../cli/commands/view.ts';
import type { TraceEvent, UnnumberedEvent } from '../../../traces/schema.ts';
import { netEvents, netHeader, netStates } from './net-fixtures.ts';
import {
  HOSTILE_MSG, HOSTILE_NODE, bigTrace, hostileEvents, hostileHeader, hostileViolation,
  numbered, sampleDeliveries, sampleEvents, sampleHeader, sampleViolation,
} from './fixtures.ts';

const README_SCREENSHOT = fileURLToPath(new URL('../../../docs/img/viewer.png', import.meta.url));

interface Box { text: string; left: number; right: number; top: number; bottom: number }

/** The drawn labels of the plot (texts laid out by the label layout) with their boxes on screen. */
async function labelBoxes(page: Page): Promise<Box[]> {
  return page.locator('#diagram text[data-label]').evaluateAll((nodes) =>
    nodes.map((node) => {
      const r = (node as SVGTextElement).getBoundingClientRect();
      return { text: node.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }));
}

/** Waits until the page has drawn what the last input asked for (it redraws on the next animation frame). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) {
      const p = boxes[a]!, q = boxes[b]!;
      if (p.left < q.right - 0.5 && q.left < p.right - 0.5 && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5) found.push(`${p.text} / ${q.text}`);
    }
  }
  return found;
}

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const SYSTEM_CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// @sparticuz/chromium's flags are tuned for serverless hosts. Dropped here:
// --single-process (the browser dies when its first page closes) and the two
// that relax web security (the hostile-trace test must run with it on).
const UNWANTED_PACKAGED_ARGS = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

/** The system chromium when it is there and starts; otherwise the packaged one. */
async function launchBrowser(): Promise<{ browser: Browser; source: string }> {
  if (existsSync(SYSTEM_CHROMIUM)) {
    try {
      const system = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: SYSTEM_CHROMIUM_ARGS, headless: true });
      return { browser: system, source: SYSTEM_CHROMIUM };
    } catch {
      // A broken or partial install: fall through to the packaged browser.
    }
  }
  const executablePath = await packagedChromium.executablePath();
  const packaged = await chromium.launch({ executablePath, args: packagedChromium.args.filter((arg) => !UNWANTED_PACKAGED_ARGS.has(arg)), headless: true });
  return { browser: packaged, source: `@sparticuz/chromium (${executablePath})` };
}

let browser: Browser;
let dir: string;

beforeAll(async () => {
  const launched = await launchBrowser();
  browser = launched.browser;
  dir = mkdtempSync(join(tmpdir(), 'vsynclab-viewer-'));
  process.stdout.write(`viewer in ${launched.source}; screenshots in ${dir}\n`);
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  requests: string[];
  problems: string[];
  dialogs: string[];
}

async function open(name: string, html: string): Promise<Opened> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 1400, height: 720 } });
  const opened: Opened = { page, requests: [], problems: [], dialogs: [] };
  page.on('request', (request) => opened.requests.push(request.url()));
  page.on('pageerror', (error) => opened.problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') opened.problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
  return opened;
}

describe('HTML viewer in chromium', () => {
  it('draws an arrow per delivery, the processes, views, faults and the violation', async () => {
    const html = renderHtmlViewer(sampleHeader, sampleEvents, { violations: [sampleViolation], showOtherEvents: true });
    const { page, problems } = await open('sample', html);
    expect(await page.locator('#diagram [data-kind="arrow"]').count()).toBe(sampleDeliveries);
    expect(await page.locator('#diagram [data-kind="lane-name"]').allTextContents()).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(await page.locator('#diagram [data-kind="view-band"]').count()).toBe(8);
    expect(await page.locator('#diagram [data-kind="partition"]').count()).toBe(1);
    expect(await page.locator('#diagram [data-kind="partition-span"]').count()).toBe(1);
    expect(await page.locator('#diagram [data-kind="heal"]').count()).toBe(1);
    expect(await page.locator('#diagram [data-type="crash"]').count()).toBe(1);
    expect(await page.locator('#diagram [data-type="exit"]').count()).toBe(1);
    // The violation: its two events ringed in red, its arrows red, its message listed.
    expect(await page.locator('#diagram [data-kind="violation-ring"]').count()).toBe(2);
    expect(await page.locator('#diagram .violated-arrow').count()).toBe(2);
    const item = page.locator('.violation');
    expect(await item.textContent()).toContain(sampleViolation.message);
    expect(await item.evaluate((node) => getComputedStyle(node).borderLeftColor)).toBe('rgb(220, 38, 38)');
    // Hover shows the event; click pins its details.
    const deliver = page.locator('#diagram .hit[data-col="12"]');
    await deliver.hover();
    expect(await page.locator('#tooltip').isVisible()).toBe(true);
    expect(await page.locator('#tooltip').textContent()).toContain('deliver m2 from p2 v1');
    await deliver.click();
    expect(await page.locator('#details-body').textContent()).toContain(sampleViolation.message);
    expect(await page.locator('#details-body pre').textContent()).toContain('"msg": "m2"');
    await page.screenshot({ path: join(dir, 'sample.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('runs no script from a hostile trace and fetches nothing', async () => {
    const html = renderHtmlViewer(hostileHeader, hostileEvents, { violations: [hostileViolation], showOtherEvents: true });
    const { page, problems, requests, dialogs } = await open('hostile', html);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(requests.every((url) => url.startsWith('file://') && url.endsWith('hostile.html'))).toBe(true);
    expect(await page.locator('img, iframe, script:not(#vsynclab-data)').count()).toBe(1);
    // The strings are shown as text, intact.
    expect(await page.locator('#diagram [data-kind="lane"] > title').first().textContent()).toBe(HOSTILE_NODE);
    expect(await page.locator('.violation').textContent()).toContain(HOSTILE_MSG);
    expect(await page.title()).toBe(`vsynclab: ${hostileHeader.scenario}`);
    expect(await page.locator('#diagram [data-kind="arrow"]').count()).toBe(1);
    await page.locator('#diagram .hit[data-col="6"]').click();
    expect(await page.locator('#details-body pre').textContent()).toContain('<iframe');
    await page.screenshot({ path: join(dir, 'hostile.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('stays usable at 10k events: a window of the trace, panned by slider, wheel and the violation list', async () => {
    const events = bigTrace(10_000);
    const violation = { property: 'fifo-order', message: 'p3 delivered m7 before m2', events: [5000, 5003] };
    const started = process.hrtime.bigint();
    const { page, problems } = await open('big', renderHtmlViewer(sampleHeader, events, { violations: [violation] }));
    const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(loadMs).toBeLessThan(15_000);
    // Only the window is in the DOM.
    const shapes = await page.locator('#diagram *').count();
    expect(shapes).toBeLessThan(3000);
    const status = page.locator('#window-status');
    expect(await status.textContent()).toMatch(/^events #0–#\d+ · \d+ of 10000 shown$/);
    // Slider to the middle.
    await page.locator('#pan').evaluate((input: HTMLInputElement) => {
      input.value = String(Math.floor(Number(input.max) / 2));
      input.dispatchEvent(new Event('input'));
    });
    await page.waitForFunction(() => !document.getElementById('window-status')!.textContent!.startsWith('events #0–'));
    // Zoom out with ctrl+wheel: more events shown.
    const shownBefore = Number(/· (\d+) of/.exec((await status.textContent())!)![1]);
    await page.locator('#diagram-wrap').hover();
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, 300);
    await page.keyboard.up('Control');
    await page.waitForFunction((n) => Number(/· (\d+) of/.exec(document.getElementById('window-status')!.textContent!)![1]) > n, shownBefore);
    // A click on the overview strip centres there.
    const strip = (await page.locator('#overview').boundingBox())!;
    await page.mouse.click(strip.x + strip.width * 0.75, strip.y + strip.height / 2);
    await page.waitForFunction(() => /^events #7\d{3}–#\d+ /.test(document.getElementById('window-status')!.textContent!));
    // The violation list jumps to the violation.
    await page.locator('.violation').click();
    await page.waitForSelector('#diagram [data-kind="violation-ring"]');
    expect(await page.locator('#diagram [data-kind="violation-ring"]').count()).toBe(2);
    expect(await status.textContent()).toMatch(/#4\d{3}–#5\d{3}/);
    // fit: the whole trace in the window, drawn from a sample of its columns (and every violation).
    await page.locator('#btn-fit').click();
    await page.waitForFunction(() => document.getElementById('window-status')!.textContent === 'events #0–#9999 · 10000 of 10000 shown');
    expect(await page.locator('#diagram *').count()).toBeLessThan(6000);
    expect(await page.locator('#diagram [data-kind="violation-ring"]').count()).toBe(2);
    await page.screenshot({ path: join(dir, 'big.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('tells the story of a failing run: frames, drops, grouped violations, conflicting views, the state panel', async () => {
    const { violations, groups } = groupedViolations(checkEvents(netEvents));
    const html = renderHtmlViewer(netHeader, netEvents, { violations, violationGroups: groups, states: netStates });
    const { page, problems } = await open('net', html);
    const count = (selector: string): Promise<number> => page.locator(selector).count();
    // Every frame: received ones as arrows, lost ones dashed up to a red cross on the receiver's lane.
    expect(await count('#diagram [data-kind="frame"]')).toBe(6);
    expect(await count('#diagram [data-kind="frame-dropped"]')).toBe(2);
    expect(await count('#diagram [data-kind="drop"]')).toBe(2);
    expect(await page.locator('#diagram [data-kind="drop"] > title').allTextContents()).toEqual([
      'drop mc p1:1 ← p1: loss', 'drop mc p1:2 ← p1: duplicate',
    ]);
    expect(await count('#diagram [data-kind="dup"]')).toBe(1);
    expect(await count('#diagram [data-kind="timer"]')).toBe(1);
    expect(await count('#diagram [data-kind="suspect"]')).toBe(2);
    expect(await count('#diagram [data-kind="partition-span"]')).toBe(1);
    expect(await count('#diagram [data-kind="link"]')).toBe(1);
    expect(await count('#diagram [data-kind="choice"]')).toBe(1);
    // The consequences of the lost frame are one group.
    const group = page.locator('.violation-group');
    expect(await group.count()).toBe(1);
    expect(await group.locator('.group-cause').textContent()).toBe('p3 never received p1:1: 3 violations');
    expect(await count('.violation')).toBe(groups.length);
    expect(groups.length).toBeLessThan(violations.length);
    // View 2 was installed with two member lists: two colours, two rows in the Views panel.
    const fills = await page.locator('#diagram [data-kind="view-band"][data-view="2"]').evaluateAll((nodes) =>
      nodes.map((n) => `${n.getAttribute('data-variant')} ${n.getAttribute('fill')}`));
    expect(new Set(fills).size).toBe(2);
    expect(await page.locator('#views-body .view-row[data-view="2"]').allTextContents()).toEqual([
      'v2p1, p2', 'v2bp3\u26a0 view 2 was installed with different members',
    ]);
    // No two labels overlap.
    const boxes = await labelBoxes(page);
    expect(boxes.length).toBeGreaterThan(10);
    expect(overlaps(boxes)).toEqual([]);
    // The event panel: p1's state after its view 2 install, and what the install changed.
    await page.locator('#diagram .hit[data-col="31"]').click();
    const panel = page.locator('#state-panel');
    expect(await panel.locator('h3').textContent()).toBe('state of p1 after #31');
    expect(await panel.locator('li').allTextContents()).toEqual(['view = {"id":2,"members":["p1","p2"]}', 'pending.p1:1 removed']);
    const shownState = JSON.parse((await panel.locator('pre').textContent())!) as unknown;
    expect(shownState).toEqual({ view: { id: 2, members: ['p1', 'p2'] }, delivered: ['p1:1', 'p1:2'], pending: { 'p1:2': ['p2', 'p3'] } });
    if (process.env.VSYNCLAB_SCREENSHOT === '1') {
      // Tall enough for the state panel, and without the tooltip of the click above.
      // p3's delivery that broke fifo-order, with p3's state after it.
      await page.setViewportSize({ width: 1500, height: 1300 });
      await settle(page);
      await page.locator('#btn-fit').click();
      await settle(page);
      await page.locator('#diagram .hit[data-col="21"]').click();
      await settle(page);
      await page.mouse.move(300, 900);
      await settle(page);
      mkdirSync(join(README_SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: README_SCREENSHOT });
      await page.setViewportSize({ width: 1400, height: 720 });
      await page.locator('#diagram .hit[data-col="31"]').click();
      await settle(page);
    }
    // Toggle a kind: the mc frames go, the flush frame stays.
    await page.locator('input[data-kind-toggle="mc"]').uncheck();
    await settle(page);
    expect(await count('#diagram [data-msg-kind="mc"]')).toBe(0);
    expect(await count('#diagram [data-msg-kind="flush"]')).toBe(1);
    await page.locator('input[data-kind-toggle="mc"]').check();
    // Filter by message text, then by the violation group's story.
    await page.locator('#filter-msg').fill('v2');
    await settle(page);
    expect(await count('#diagram [data-msg-kind="mc"]')).toBe(0);
    expect(await count('#diagram [data-kind="frame"]')).toBe(3);
    await page.locator('#filter-msg').fill('');
    await page.locator('#filter-violation').selectOption('0');
    await settle(page);
    expect(await page.locator('#window-status').textContent()).not.toMatch(/ 40 of 40 shown$/);
    expect(await count('#diagram [data-msg-kind="flush"]')).toBe(0);
    expect(await count('#diagram [data-kind="drop"]')).toBe(2);
    await page.locator('#filter-violation').selectOption('-1');
    // Hide a process: its lane's events go.
    await page.locator('input[data-lane="2"]').uncheck();
    await settle(page);
    expect(await count('#diagram [data-kind="drop"]')).toBe(0);
    await page.locator('input[data-lane="2"]').check();
    await settle(page);
    expect(await count('#diagram [data-kind="drop"]')).toBe(2);
    // Fit shows the whole trace.
    await page.locator('#btn-zoom-in').click();
    await page.locator('#btn-zoom-in').click();
    await page.locator('#btn-fit').click();
    await page.waitForFunction(() => document.getElementById('window-status')!.textContent === 'events #0\u2013#39 \u00b7 40 of 40 shown');
    expect(overlaps(await labelBoxes(page))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lays out crowded labels without overlap: many partitions, link changes and violations close together', async () => {
    const raw: UnnumberedEvent[] = [
      { type: 'start', t: 0, node: 'p1' }, { type: 'start', t: 0, node: 'p2' },
      { type: 'view', t: 1, node: 'p1', view: { id: 1, members: ['p1', 'p2'] } },
      { type: 'view', t: 1, node: 'p2', view: { id: 1, members: ['p1', 'p2'] } },
    ];
    for (let k = 0; k < 60; k++) {
      raw.push({ type: 'partition', t: 10 + k, groups: [['p1'], ['p2']] });
      raw.push({ type: 'link', t: 10 + k, from: 'p1', to: 'p2', change: 'slow', delay: 1000 + k });
      raw.push({ type: 'view', t: 10 + k, node: k % 2 === 0 ? 'p1' : 'p2', view: { id: 2 + k, members: ['p1', 'p2'] } });
      raw.push({ type: 'heal', t: 10 + k });
    }
    raw.push({ type: 'end', t: 100, quiescent: false });
    const events: TraceEvent[] = numbered(raw);
    const marks = events.filter((e) => e.type === 'view').map((e) => ({ property: 'view-agreement', message: `made up at ${e.i}`, events: [e.i] }));
    const { page, problems } = await open('crowded', renderHtmlViewer(undefined, events, { violations: marks }));
    for (const zoom of ['#btn-fit', '#btn-zoom-in', '#btn-zoom-in', '#btn-zoom-in']) {
      await page.locator(zoom).click();
      await settle(page);
      const boxes = await labelBoxes(page);
      expect(boxes.length).toBeGreaterThan(0);
      expect(overlaps(boxes)).toEqual([]);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
