// The HTML viewer in a real browser driven by playwright-core: the Chromium
// that @sparticuz/chromium ships inside its npm package, so `npm ci` is all a
// fresh machine needs (a system chromium is used only when one is installed
// and actually starts). Checks what is drawn, that a hostile trace runs no
// script and fetches nothing, and that a 10k-event trace stays navigable. The
// screenshots land in a temp dir whose path the test prints.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import packagedChromium from '@sparticuz/chromium';
import { renderHtmlViewer } from '../../../traces/export/html-viewer.ts';
import {
  HOSTILE_MSG, HOSTILE_NODE, bigTrace, hostileEvents, hostileHeader, hostileViolation,
  sampleDeliveries, sampleEvents, sampleHeader, sampleViolation,
} from './fixtures.ts';

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
    // The violation list jumps to the violation.
    await page.locator('.violation').click();
    await page.waitForSelector('#diagram [data-kind="violation-ring"]');
    expect(await page.locator('#diagram [data-kind="violation-ring"]').count()).toBe(2);
    expect(await status.textContent()).toMatch(/#4\d{3}–#5\d{3}/);
    await page.screenshot({ path: join(dir, 'big.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
