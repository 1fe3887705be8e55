// Starts Chromium or Firefox headless with dist/<browser> installed, and opens the popup the way
// each browser allows.
import path from 'node:path';
import { it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { ROOT } from '../../scripts/build';
import { launchChromium, launchFirefox } from '../../scripts/browsers';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

/**
 * Defines a test only where the browser supports what it checks (Firefox's WebDriver BiDi cannot
 * emulate a colour scheme or open browser pages), so nothing is reported as skipped.
 */
export const onlyIn = (applies: boolean) => (applies ? it : (..._args: Parameters<typeof it>) => undefined);

export const GECKO_ID = 'backstory@backstory.news';

/** A test page in a column of reading width: its title, its body's markup and any further style. */
export function readingPage(title: string, body: string, style = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body { font: 16px/1.5 serif; max-width: 40em; margin: 1em auto; }${style}</style></head>
<body>
${body}
</body></html>`;
}
/** Firefox gives each extension a random internal UUID; the tests pin it to open extension pages. */
const FIREFOX_UUID = '5d1f0b52-3c0e-4a51-9d67-6b1f9a3f2c10';

export interface ExtensionBrowser {
  name: BrowserName;
  browser: Browser;
  /** The extension's base URL, such as chrome-extension://id/ or moz-extension://uuid/. */
  base: string;
  open(url: string): Promise<Page>;
  /** Opens the popup reporting on `page`'s tab. */
  openPopup(page: Page): Promise<Page>;
  /** Opens one of the extension's pages in a tab, such as 'popup/popup.html'. */
  openExtensionPage(path: string): Promise<Page>;
  /** Writes to the extension's storage, as the options page would. */
  setStorage(area: 'sync' | 'local', items: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** What both browsers do alike; each adds how it opens the popup and the extension's pages. */
type Common = Omit<ExtensionBrowser, 'openPopup' | 'openExtensionPage'>;

function common(name: BrowserName, browser: Browser, base: string): Common {
  return {
    name,
    browser,
    base,
    open: (url) => openPage(browser, url),
    setStorage(area, items) {
      return setStorage(this as ExtensionBrowser, area, items);
    },
    close: () => browser.close(),
  };
}

/**
 * A browser with the built extension installed. `firefoxPrefs`: preferences for Firefox (which has
 * no way to emulate media features such as dark mode from outside).
 */
export async function launchWithExtension(name: BrowserName, { firefoxPrefs = {} }: { firefoxPrefs?: Record<string, unknown> } = {}): Promise<ExtensionBrowser> {
  const extension = path.join(ROOT, 'dist', name === 'chromium' ? 'chrome' : 'firefox');
  if (name === 'chromium') {
    const { browser, extensionId } = await launchChromium({ extension });
    const base = `chrome-extension://${extensionId}/`;
    return {
      ...common(name, browser, base),
      async openPopup(page) {
        await page.bringToFront();
        const workerTarget = await browser.waitForTarget(
          (target) => target.type() === 'service_worker' && target.url().startsWith(base),
        );
        const worker = await workerTarget.worker();
        await worker!.evaluate('chrome.action.openPopup()');
        const popupTarget = await browser.waitForTarget((target) => target.url() === `${base}popup/popup.html`);
        const popup = (await popupTarget.asPage()) as Page;
        return popup;
      },
      async openExtensionPage(pathname) {
        const page = await browser.newPage();
        await page.goto(base + pathname);
        return page;
      },
    };
  }
  const { browser } = await launchFirefox({
    extension,
    prefs: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }), ...firefoxPrefs },
  });
  const base = `moz-extension://${FIREFOX_UUID}/`;
  return {
    ...common(name, browser, base),
    async openPopup(page) {
      // Firefox has no action.openPopup from outside a user gesture: open the popup as a page and
      // tell it which tab to report on.
      const pageUrl = page.url();
      const popup = await browser.newPage();
      // Firefox 153 opens the moz-extension:// page but never reports the navigation as finished,
      // so wait for the page itself instead of goto's promise.
      void popup.goto(`${base}popup/popup.html`).catch(() => undefined);
      await until(popup, () => location.protocol === 'moz-extension:' && document.readyState === 'complete');
      const tabId = await popup.evaluate(async (url: string) => {
        const tabs = await (globalThis as any).browser.tabs.query({});
        return tabs.find((tab: { url?: string }) => tab.url === url)?.id as number | undefined;
      }, pageUrl);
      await popup.evaluate((search: string) => void (location.search = search), `?tab=${tabId}`).catch(() => undefined);
      await until(popup, () => location.search.startsWith('?tab=') && document.readyState === 'complete');
      return popup;
    },
    async openExtensionPage(pathname) {
      const page = await browser.newPage();
      void page.goto(base + pathname).catch(() => undefined);
      await until(page, () => location.protocol === 'moz-extension:' && document.readyState === 'complete');
      return page;
    },
  };
}

async function setStorage(
  extension: ExtensionBrowser,
  area: 'sync' | 'local',
  items: Record<string, unknown>,
): Promise<void> {
  const page = await extension.openExtensionPage('popup/popup.html');
  await page.evaluate(
    async (storageArea: 'sync' | 'local', values: Record<string, unknown>) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      await api.storage[storageArea].set(values);
    },
    area,
    items,
  );
  await page.close();
}

/** Polls a condition in the page, across navigations that puppeteer does not follow. */
async function until(page: Page, condition: () => boolean, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await page.evaluate(condition).catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeout} ms waiting for ${condition.toString()}`);
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** Waits until the page has at least `count` marks, or throws with what it has. */
export async function waitForMarks(page: Page, count = 1, timeout = 10_000): Promise<void> {
  await page.waitForFunction((n: number) => document.querySelectorAll('mark.backstory-mark').length >= n, { timeout, polling: 100 }, count);
}

/**
 * The mentions highlighted on the page: its marks, and the ranges painted in their place on a page
 * of many elements (CSS Custom Highlight API, highlights named backstory-CATEGORY).
 */
export function highlightsOn(page: Page): Promise<number> {
  return page.evaluate(() => {
    let painted = 0;
    for (const [name, highlight] of CSS.highlights) if (name.startsWith('backstory-')) painted += highlight.size;
    return document.querySelectorAll('mark.backstory-mark').length + painted;
  });
}

/**
 * Runs `fn` where the extension's API is available: Chromium's service worker, or in Firefox an
 * extension page opened for the purpose. `fn` finds the API as globalThis.browser or chrome.
 */
export async function inExtension<T, A extends unknown[]>(
  extension: ExtensionBrowser,
  fn: (...args: A) => Promise<T>,
  ...args: A
): Promise<T> {
  if (extension.name === 'chromium') {
    const target = await extension.browser.waitForTarget(
      (candidate) => candidate.type() === 'service_worker' && candidate.url().startsWith(extension.base),
    );
    const worker = await target.worker();
    return (await worker!.evaluate(fn as (...args: unknown[]) => Promise<T>, ...args)) as T;
  }
  const page = await extension.openExtensionPage('options/options.html');
  try {
    return (await page.evaluate(fn as (...args: unknown[]) => Promise<T>, ...args)) as T;
  } finally {
    await page.close();
  }
}

/** The id of the tab showing `page`, found by its URL. */
export async function tabIdOf(extension: ExtensionBrowser, page: Page): Promise<number> {
  const url = page.url();
  const id = await inExtension(
    extension,
    async (wanted: string) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      const tabs: { id: number; url?: string }[] = await api.tabs.query({});
      return tabs.find((tab) => tab.url === wanted)?.id ?? -1;
    },
    url,
  );
  if (id < 0) throw new Error(`No tab shows ${url}`);
  return id;
}

/** The badge text and title the toolbar button shows for `page`'s tab. */
export async function badgeOf(extension: ExtensionBrowser, page: Page): Promise<{ text: string; title: string }> {
  const tabId = await tabIdOf(extension, page);
  return inExtension(
    extension,
    async (id: number) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      return { text: await api.action.getBadgeText({ tabId: id }), title: await api.action.getTitle({ tabId: id }) };
    },
    tabId,
  );
}

/** Reads the extension's storage. */
export async function readStorage(extension: ExtensionBrowser, area: 'sync' | 'local'): Promise<Record<string, unknown>> {
  return inExtension(
    extension,
    async (storageArea: 'sync' | 'local') => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      return api.storage[storageArea].get(null);
    },
    area,
  );
}
