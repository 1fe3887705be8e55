// Real saved pages (../shared/corpus/readability): the extension must never break one. Each page is
// served on 127.0.0.1 with every other request blocked, and loaded with and without the extension.
// Run with `npm run test:corpus`; it needs ../shared, which a plain clone does not have.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { ROOT } from '../../scripts/build';
import { launchChromium, launchFirefox } from '../../scripts/browsers';
import { startServer, type TestServer } from '../../scripts/static-server';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from '../browser/extension-browser';

const CORPUS = path.resolve(ROOT, '../shared/corpus/readability');
const FIREFOX_SAMPLE = 22;

const FORBIDDEN = 'input, textarea, select, [contenteditable]:not([contenteditable="false"]), script, style, noscript, template, pre, code, svg, math';

function corpusPages(): string[] {
  if (!existsSync(CORPUS)) {
    throw new Error(`The corpus is missing: expected saved pages in ${CORPUS} (the shared folder beside the repository).`);
  }
  return readdirSync(CORPUS)
    .filter((name) => existsSync(path.join(CORPUS, name, 'source.html')))
    .sort();
}

interface PageResult {
  name: string;
  marks: number;
  extensionErrors: string[];
  /** Where the page's text differs from the page without the extension, or null. */
  textDiff: string | null;
  forbiddenMarks: number;
  restored: boolean | null;
  extensionRequests: string[];
}

/** Blocks every request that does not go to the test server. */
async function blockOutside(page: Page, origin: string, record?: (request: HTTPRequest) => void): Promise<void> {
  // Some saved pages call alert(); a dialog left open would stall the page.
  page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    record?.(request);
    const url = request.url();
    // A request the browser dropped meanwhile (its page closed or moved on) needs no answer: both
    // calls then reject, and an unhandled rejection would fail the run.
    const answer = url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:') ? request.continue() : request.abort();
    void answer.catch(() => undefined);
  });
}

/** Waits until the number of marks has not changed for a while after load. */
async function settle(page: Page): Promise<number> {
  let last = -1;
  let stable = 0;
  for (let round = 0; round < 60 && stable < 4; round++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const count = await page.evaluate(() => document.querySelectorAll('mark.backstory-mark').length).catch(() => -1);
    stable = count === last ? stable + 1 : 0;
    last = count;
  }
  return last;
}

/**
 * Scrolls the page from top to bottom and back, a screen at a time, as a reader would, so that
 * every mark Backstory writes as the reader comes near is written. It marks up to a screen ahead,
 * so each part of the page is near for three steps: time enough, on a busy machine too, for the
 * observer to tell of a section and then of its paragraphs. With a step of two screens, some
 * parts were near for a single step, which on a slowed machine (the CPU throttled 30×) was over
 * before their marks were written in about a third of the read-throughs. The pages without the
 * extension are scrolled the same way, so that whatever a page does on scrolling it does in both.
 */
async function readThrough(page: Page): Promise<void> {
  await page
    .evaluate(async () => {
      const frame = () =>
        new Promise<void>((resolve) => {
          // rAF waits while the tab is hidden; a second is far past any frame.
          const timer = setTimeout(resolve, 1000);
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              clearTimeout(timer);
              resolve();
            }),
          );
        });
      const step = Math.max(innerHeight, 200);
      for (let y = 0, steps = 0; y < document.documentElement.scrollHeight && steps < 300; y += step, steps++) {
        window.scrollTo(0, y);
        await frame();
      }
      window.scrollTo(0, 0);
      await frame();
    })
    .catch(() => undefined);
}

const bodyText = (page: Page) => page.evaluate(() => document.body?.innerText ?? '');

/** Where two texts first part, with some text around it from each, or null where they are equal. */
function firstDifference(expected: string, actual: string): string | null {
  if (expected === actual) return null;
  let at = 0;
  while (at < expected.length && expected[at] === actual[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 60), at + 60));
  return `at ${at} of ${expected.length} (now ${actual.length}): without ${around(expected)}, with ${around(actual)}`;
}

/** The page's text as loaded, settled and read through without the extension. */
async function plainText(plain: Browser, server: TestServer, url: string): Promise<string> {
  const page = await plain.newPage();
  await blockOutside(page, server.origin);
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
  await settle(page);
  await readThrough(page);
  await settle(page);
  const text = await bodyText(page);
  await page.close();
  return text;
}

async function checkPage(
  name: string,
  server: TestServer,
  extension: ExtensionBrowser,
  plain: Browser,
): Promise<PageResult> {
  const url = server.url(`/corpus/${name}/source.html`);
  // Ours only: a saved page may itself refer to some other extension's files.
  const isExtensionUrl = (candidate: string | undefined) => !!candidate && candidate.startsWith(extension.base);

  const expectedText = await plainText(plain, server, url);
  const page = await extension.browser.newPage();
  const extensionErrors: string[] = [];
  const extensionRequests: string[] = [];
  page.on('console', (message) => {
    const location = message.location().url;
    if (message.type() === 'error' && (isExtensionUrl(location) || message.text().includes('Backstory'))) {
      extensionErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => {
    if (String((error as Error).stack ?? error).includes(extension.base)) extensionErrors.push(String(error));
  });
  await blockOutside(page, server.origin, (request) => {
    const initiator = request.initiator();
    const fromExtension =
      isExtensionUrl(initiator?.url) || (initiator?.stack?.callFrames ?? []).some((frame) => isExtensionUrl(frame.url));
    if (fromExtension && /^https?:/.test(request.url())) extensionRequests.push(request.url());
  });
  await page.evaluateOnNewDocument(
    `document.addEventListener('DOMContentLoaded', () => { window.__beforeBackstory = document.body && document.body.cloneNode(true); });`,
  );
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
  await settle(page);
  await readThrough(page);
  const marks = await settle(page);
  const actualText = await bodyText(page);
  // Some pages write random or time-based text (cache-busting numbers in a script shown as text, a
  // clock): a second load without the extension, after this one, tells whether the page is stable.
  // Loaded before and after, it brackets the load with the extension: a page that writes the time
  // to five minutes differs between the two where a five-minute mark fell between them.
  const pageIsStable = (await plainText(plain, server, url)) === expectedText;
  const comparable = (text: string) => (pageIsStable ? text : text.replace(/\d+/g, '#'));
  const textDiff = firstDifference(comparable(expectedText), comparable(actualText));
  const forbiddenMarks = await page.evaluate(
    (selector: string) => [...document.querySelectorAll('mark.backstory-mark')].filter((mark) => mark.parentElement?.closest(selector)).length,
    FORBIDDEN,
  );

  // Switching off must restore the DOM exactly. Only a page with marks was changed at all; its
  // own scripts may also have changed it since DOMContentLoaded, so restore is checked against
  // a snapshot taken while Backstory was off, after a read-through of its own (a page that
  // loads its images as they are scrolled to may load some only on a later pass).
  let restored: boolean | null = null;
  if (marks > 0) {
    await extension.setStorage('sync', { enabled: false });
    await page.bringToFront();
    await page.waitForFunction(() => document.querySelectorAll('mark.backstory-mark').length === 0, { polling: 100, timeout: 10_000 });
    await readThrough(page);
    await settle(page);
    await page.evaluate(() => void ((window as any).__offSnapshot = document.body.cloneNode(true)));
    await extension.setStorage('sync', { enabled: true });
    await page.bringToFront();
    await settle(page);
    await readThrough(page);
    await page.waitForFunction(() => document.querySelectorAll('mark.backstory-mark').length > 0, { polling: 100, timeout: 10_000 });
    await settle(page);
    await extension.setStorage('sync', { enabled: false });
    await page.bringToFront();
    await page.waitForFunction(() => document.querySelectorAll('mark.backstory-mark').length === 0, { polling: 100, timeout: 10_000 });
    restored = await page.evaluate(() => (window as any).__offSnapshot.isEqualNode(document.body));
    await extension.setStorage('sync', { enabled: true });
  }
  await page.close();
  return { name, marks, extensionErrors, textDiff, forbiddenMarks, restored, extensionRequests };
}

function summarise(browser: BrowserName, results: PageResult[]): string {
  const withMarks = results.filter((result) => result.marks > 0);
  return [
    `${browser}: ${results.length} pages run`,
    `${withMarks.length} with highlights (${withMarks.reduce((sum, result) => sum + result.marks, 0)} marks)`,
    `${results.filter((result) => result.extensionErrors.length > 0).length} with extension errors`,
    `${results.filter((result) => result.textDiff !== null).length} with text diffs`,
    `${results.filter((result) => result.forbiddenMarks > 0).length} with marks in forbidden elements`,
    `${withMarks.filter((result) => result.restored === false).length} not restored exactly by switching off`,
    `${results.reduce((sum, result) => sum + result.extensionRequests.length, 0)} requests made by the extension`,
  ].join(', ');
}

const PAGES = corpusPages();
const RUNS: { browser: BrowserName; pages: string[] }[] = [
  { browser: 'chromium', pages: PAGES },
  // Firefox on a fixed sample spread evenly over the corpus.
  {
    browser: 'firefox',
    pages: [...new Set(Array.from({ length: FIREFOX_SAMPLE }, (_, index) => PAGES[Math.floor((index * PAGES.length) / FIREFOX_SAMPLE)]!))],
  },
];

describe.each(RUNS)('corpus in $browser', ({ browser: name, pages }) => {
  let server: TestServer;
  let extension: ExtensionBrowser;
  let plain: Browser;
  const results: PageResult[] = [];

  beforeAll(async () => {
    server = await startServer({ '/corpus/': CORPUS });
    extension = await launchWithExtension(name);
    plain = (name === 'chromium' ? await launchChromium() : await launchFirefox()).browser;
  });
  afterAll(async () => {
    console.log(summarise(name, results));
    await plain?.close();
    await extension?.close();
    await server?.close();
  });

  it.each(pages)('%s', async (page) => {
    const result = await checkPage(page, server, extension, plain);
    results.push(result);
    expect(result.extensionErrors).toEqual([]);
    expect(result.textDiff, 'innerText differs from the page without the extension').toBeNull();
    expect(result.forbiddenMarks).toBe(0);
    if (result.restored !== null) expect(result.restored, 'switching off did not restore the DOM').toBe(true);
    expect(result.extensionRequests).toEqual([]);
  });

  it('covers the required number of pages', () => {
    expect(results.length).toBe(pages.length);
    expect(results.length).toBeGreaterThanOrEqual(name === 'chromium' ? 130 : 20);
  });
});
