// The toolbar popup in both browsers: what the page mentions, the story, the switches for this site
// and for all sites (taking effect in the open tab), pages the extension cannot read, and
// Firefox's request for host access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startServer, type TestServer } from '../../scripts/static-server';
import { BROWSERS, inExtension, launchWithExtension, waitForMarks, type ExtensionBrowser, onlyIn } from './extension-browser';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const POLL = { polling: 100, timeout: 10_000 };

const markCount = (page: Page) => page.$$eval('mark.backstory-mark', (marks) => marks.length);

async function waitForNoMarks(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('mark.backstory-mark').length === 0, POLL);
}

const text = (popup: Page, selector: string) => popup.$eval(selector, (element) => element.textContent ?? '');

/** The popup of a page no extension may read: it says so, offers no site switch, and shows the story. */
async function expectCannotRead(popup: Page): Promise<void> {
  await popup.waitForFunction(() => document.getElementById('page-status')!.textContent !== '', POLL);
  expect(await text(popup, '#page-status')).toMatch(/^Backstory can't read this page/);
  expect(await popup.$eval('#site-row', (row) => (row as HTMLElement).hidden)).toBe(true);
  expect(await text(popup, '#summary')).toContain('Li Qiang');
}

async function waitForReport(popup: Page): Promise<void> {
  await popup.waitForFunction(() => document.querySelectorAll('#page-entities li').length > 0, POLL);
}

describe.each(BROWSERS)('%s: the popup', (name) => {
  let server: TestServer;
  let extension: ExtensionBrowser;
  let demo: Page;

  beforeAll(async () => {
    server = await startServer();
    extension = await launchWithExtension(name);
    demo = await extension.open(server.url('/demo/'));
    await waitForMarks(demo, 10);
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  it('shows the story and what the demo page mentions of it', async () => {
    const popup = await extension.openPopup(demo);
    await waitForReport(popup);
    expect(await text(popup, '#page-status')).toMatch(/^Mentions \d+ of 26 story entities$/);
    expect(await text(popup, '#page-entities li[data-entity="mikhail-mishustin"] .count')).toBe('3');
    expect(await text(popup, '#page-entities li[data-entity="mikhail-mishustin"] .name')).toBe('Mikhail Mishustin');
    // Grouped by category, each group headed by its name.
    const groups = await popup.$$eval('#page-entities .group', (nodes) =>
      nodes.map((node) => [(node as HTMLElement).dataset.category, node.querySelector('h3')!.textContent]),
    );
    expect(groups.slice(0, 2)).toEqual([
      ['person', 'People'],
      ['place', 'Places'],
    ]);
    // The trade figures found, each compared with the story's.
    await popup.waitForFunction(() => document.querySelectorAll('#page-figures li').length > 0, POLL);
    const figures = await popup.$$eval('#page-figures li', (items) =>
      items.map((item) => ({
        found: item.querySelector('.found')!.textContent,
        verdict: item.querySelector('.verdict')!.textContent,
        story: item.querySelector('.in-story')!.textContent,
      })),
    );
    expect(figures).toContainEqual({
      found: '$240 billion',
      verdict: 'Same as the story',
      story: 'The story: more than $240 billion (2023)',
    });
    // The story: summary, key figures, timeline with background marked, documents.
    expect(await text(popup, '#headline')).toMatch(/Li Qiang visits Moscow/);
    expect(await text(popup, '#source')).toBe('CNN');
    expect(await text(popup, '#summary')).toContain('annual talks between the Chinese and Russian heads of government');
    expect(await popup.$$eval('#key-figures li', (items) => items.length)).toBe(3);
    const timeline = await popup.$$eval('#timeline li', (items) =>
      items.map((item) => ({
        date: item.querySelector('time')!.getAttribute('datetime'),
        tag: item.querySelector('.tag')?.textContent ?? null,
      })),
    );
    expect(timeline[0]).toEqual({ date: '1996', tag: null });
    expect(timeline.find((event) => event.date === '2024-08-06')?.tag).toBe('Background, as of August 21, 2024');
    expect(await popup.$$eval('#documents li', (items) => items.map((item) => item.textContent))).toContain(
      'maritime search and rescue',
    );
    await popup.close();
  });

  it('keeps a fixed width, in light and dark themes', async () => {
    const popup = await extension.openPopup(demo);
    const before = await popup.evaluate(() => document.body.getBoundingClientRect().width);
    await waitForReport(popup);
    const after = await popup.evaluate(() => ({
      width: document.body.getBoundingClientRect().width,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }));
    expect(before).toBe(380);
    expect(after.width).toBe(380);
    expect(after.overflow).toBeLessThanOrEqual(0);
    // Firefox's WebDriver BiDi cannot emulate a colour scheme.
    if (name === 'firefox') return void (await popup.close());
    const background = () => popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    const light = await background();
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const dark = await background();
    expect(light).toBe('rgb(255, 255, 255)');
    expect(dark).not.toBe(light);
    await popup.close();
  });

  it('scrolls the page to an entity’s next mention and flashes it', async () => {
    const popup = await extension.openPopup(demo);
    await waitForReport(popup);
    await demo.evaluate(() => window.scrollTo(0, 0));
    await popup.click('#page-entities li[data-entity="kursk"] button');
    await demo.waitForFunction(
      () => (document.querySelector('mark.backstory-flash') as HTMLElement | null)?.dataset.entity === 'kursk',
      POLL,
    );
    await popup.close();
  });

  it('switches Backstory off and on for this site, at once in the open tab', async () => {
    const popup = await extension.openPopup(demo);
    await waitForReport(popup);
    const site = new URL(server.origin).hostname;
    expect(await text(popup, '#site-label')).toBe(`Highlight on ${site}`);
    expect(await popup.$eval('#site-switch', (box) => (box as HTMLInputElement).checked)).toBe(true);
    await popup.click('#site-switch');
    await waitForNoMarks(demo);
    await popup.waitForFunction(() => document.getElementById('page-status')!.textContent!.startsWith('Backstory is off on this site'), POLL);
    await popup.click('#site-switch');
    await waitForMarks(demo, 10);
    await waitForReport(popup);
    await popup.close();
  });

  it('pauses Backstory everywhere and resumes it', async () => {
    const other = await extension.open(server.url('/demo/?other'));
    await waitForMarks(other, 10);
    const popup = await extension.openPopup(demo);
    await waitForReport(popup);
    await popup.click('#everywhere-switch');
    await waitForNoMarks(demo);
    await waitForNoMarks(other);
    await popup.waitForFunction(() => document.getElementById('page-status')!.textContent === 'Backstory is paused on all websites.', POLL);
    expect(await popup.$eval('#site-switch', (box) => (box as HTMLInputElement).disabled)).toBe(true);
    await popup.click('#everywhere-switch');
    await waitForMarks(demo, 10);
    await waitForMarks(other, 10);
    // Both tabs are highlighted again in slices: they end with the same marks. Equal counts are
    // taken as the end only once they hold for a while (both may pass the same count midway).
    const deadline = Date.now() + 20_000;
    let steady = 0;
    let last = -1;
    while (Date.now() < deadline && steady < 5) {
      const [here, there] = [await markCount(demo), await markCount(other)];
      steady = here === there && here === last ? steady + 1 : 0;
      last = here === there ? here : -1;
      await sleep(100);
    }
    expect(await markCount(demo)).toBe(await markCount(other));
    await popup.close();
    await other.close();
  });

  // Written from the service worker: an extension page would take the notice itself (the options
  // test shows it there, in both browsers).
  onlyIn(name === 'chromium')('says once that a corrupted setting was reset', async () => {
    await inExtension(extension, async () => {
      await (globalThis as any).chrome.storage.sync.set({ hoverDelay: 'fast', showBadge: true });
    });
    const popup = await extension.openPopup(demo);
    await popup.waitForFunction(() => !document.getElementById('healed')!.hidden, POLL);
    expect(await text(popup, '#healed')).toBe(
      'Some settings could not be read and were put back to their defaults: hover delay.',
    );
    await popup.close();
    const again = await extension.openPopup(demo);
    await waitForReport(again);
    expect(await again.$eval('#healed', (notice) => (notice as HTMLElement).hidden)).toBe(true);
    await again.close();
  });

  it('says when the chosen story pack is gone, and shows the built-in story', async () => {
    await extension.setStorage('sync', { activePack: 'gone-pack' });
    const popup = await extension.openPopup(demo);
    await popup.waitForFunction(() => !document.getElementById('pack-problem')!.hidden, POLL);
    expect(await text(popup, '#pack-problem')).toBe(
      'The story pack “gone-pack” is no longer there, so Backstory shows the built-in story.',
    );
    expect(await text(popup, '#headline')).toMatch(/Li Qiang visits Moscow/);
    await popup.close();
    await extension.setStorage('sync', { activePack: 'li-qiang-moscow-2024' });
  });

  it('opens the options page', async () => {
    const popup = await extension.openPopup(demo);
    await popup.click('#open-options');
    // Polled by address: Firefox does not report the new tab's navigation to puppeteer.
    const wanted = `${extension.base}options/options.html`;
    let options: Page | undefined;
    for (let tries = 0; !options && tries < 100; tries++) {
      for (const candidate of await extension.browser.pages()) {
        if ((await candidate.evaluate(() => location.href).catch(() => '')) === wanted) options = candidate;
      }
      if (!options) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!options) throw new Error('The options page did not open');
    await options.waitForFunction(() => document.body.dataset.ready === 'true', POLL);
    expect(await options.$eval('h1', (heading) => heading.textContent)).toBe('Backstory options');
    await options.close();
    if (!popup.isClosed()) await popup.close().catch(() => undefined);
  });

  onlyIn(name === 'chromium')('says plainly where it cannot run, and still shows the story', async () => {
    const page = await extension.browser.newPage();
    await page.goto('chrome://version');
    const popup = await extension.openPopup(page);
    await expectCannotRead(popup);
    await popup.close();
    await page.close();
  });

  onlyIn(name === 'firefox')('says plainly where it cannot run, and still shows the story', async () => {
    const page = await extension.browser.newPage();
    // Firefox never reports about: pages as loaded to puppeteer; the tab is there all the same.
    void page.goto('about:robots').catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Firefox hides the address of a page without host access, so the newest such tab is the one.
    const helper = await extension.openExtensionPage('options/options.html');
    const tabId = await helper.evaluate(async () => {
      const tabs: { id: number; url?: string }[] = await (globalThis as any).browser.tabs.query({});
      return Math.max(...tabs.filter((tab) => tab.url === undefined).map((tab) => tab.id));
    });
    await helper.close();
    const popup = await extension.openExtensionPage(`popup/popup.html?tab=${tabId}`);
    await expectCannotRead(popup);
    await popup.close();
    await page.close();
  });
});

describe('firefox: without host access', () => {
  let server: TestServer;
  let extension: ExtensionBrowser;

  beforeAll(async () => {
    server = await startServer();
    extension = await launchWithExtension('firefox');
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  it('shows the notice and the button that grants access, and still shows the story', async () => {
    const page = await extension.openExtensionPage('options/options.html');
    const removed = await page.evaluate(() =>
      (globalThis as any).browser.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }),
    );
    expect(removed).toBe(true);
    await page.close();
    const demo = await extension.open(server.url('/demo/'));
    const popup = await extension.openPopup(demo);
    await popup.waitForFunction(() => !document.getElementById('access')!.hidden, POLL);
    expect(await text(popup, '#access p')).toBe(
      'Backstory needs your permission to read the pages you visit before it can highlight them.',
    );
    expect(await text(popup, '#grant-access')).toBe('Allow on all websites');
    expect(await text(popup, '#headline')).toMatch(/Li Qiang/);
    expect(await markCount(demo)).toBe(0);
  });
});
