// The hover card in both browsers: hover intent, grace, Esc, one card at a time, moving between an
// entity's mentions, keyboard focus and the move-focus message, a strict-CSP page and a page whose
// styles reach for everything.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ElementHandle, Page, WebWorker } from 'puppeteer-core';
import { ROOT } from '../../scripts/build';
import { startServer, type TestServer } from '../../scripts/static-server';
import { BROWSERS, launchWithExtension, waitForMarks, type ExtensionBrowser, onlyIn } from './extension-browser';

const STRICT_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'";
const HOVER_DELAY = 300;
/** The card's background in light and in dark mode (src/content/card/card-styles.ts). */
const LIGHT_AND_DARK = { light: 'rgb(255, 255, 255)', dark: 'rgb(34, 38, 44)' };
const GRACE = 300;

interface CardInfo {
  hosts: number;
  hostId: string;
  hostRole: string | null;
  hostLabel: string | null;
  entity: string | undefined;
  category: string | undefined;
  name: string;
  role: string;
  categoryLabel: string;
  text: string;
  count: string;
  position: string;
  labels: string[];
  quotes: string[];
  source: string;
  related: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the open card shows, read through its (open) shadow root; null when none shows. */
function readCard(page: Page): Promise<CardInfo | null> {
  return page.evaluate(() => {
    const hosts = document.querySelectorAll('backstory-card');
    const host = hosts[0] as HTMLElement | undefined;
    const card = host?.shadowRoot?.querySelector<HTMLElement>('.card');
    if (!host || !card) return null;
    const text = (selector: string) => card.querySelector(selector)?.textContent ?? '';
    const all = (selector: string) => [...card.querySelectorAll(selector)].map((node) => node.textContent ?? '');
    return {
      hosts: hosts.length,
      hostId: host.id,
      hostRole: host.getAttribute('role'),
      hostLabel: host.getAttribute('aria-label'),
      entity: card.dataset.entity,
      category: card.dataset.category,
      name: text('.name'),
      role: text('.role'),
      categoryLabel: text('.category'),
      text: card.textContent ?? '',
      count: text('.count'),
      position: text('.position'),
      labels: all('.label'),
      quotes: all('blockquote'),
      source: text('figcaption'),
      related: all('.related li'),
    };
  });
}

const cardCount = (page: Page) => page.evaluate(() => document.querySelectorAll('backstory-card').length);

async function waitForCard(page: Page, entity?: string, timeout = 5_000): Promise<CardInfo> {
  await page.waitForFunction(
    (wanted: string | null) => {
      const card = document.querySelector('backstory-card')?.shadowRoot?.querySelector<HTMLElement>('.card');
      return card !== null && card !== undefined && (wanted === null || card.dataset.entity === wanted);
    },
    { timeout, polling: 50 },
    entity ?? null,
  );
  return (await readCard(page))!;
}

const waitForNoCard = (page: Page, timeout = 5_000) =>
  page.waitForFunction(() => document.querySelector('backstory-card') === null, { timeout, polling: 50 });

/** Moves the pointer onto the page's plain text, away from marks and the card. */
async function moveAway(page: Page): Promise<void> {
  await page.mouse.move(3, 3, { steps: 4 });
}

/** The centre of an element inside the card, in viewport coordinates. */
async function pointInCard(page: Page, selector = '.card'): Promise<{ x: number; y: number }> {
  return page.evaluate((inner: string) => {
    const element = document.querySelector('backstory-card')!.shadowRoot!.querySelector(inner)!;
    const rect = element.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + Math.min(rect.height / 2, 20) };
  }, selector);
}

/** Clicks a control in the card once the card has stopped moving (smooth scrolling ends). */
async function clickInCard(page: Page, selector: string): Promise<void> {
  const centre = () =>
    page.evaluate((inner: string) => {
      const control = document.querySelector('backstory-card')!.shadowRoot!.querySelector(inner)!;
      // Within the card's scrolling body, if it is below the fold there.
      control.scrollIntoView({ block: 'nearest' });
      const rect = control.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }, selector);
  let { x, y } = await centre();
  for (let tries = 0; tries < 30; tries++) {
    await sleep(100);
    const now = await centre();
    if (now.x === x && now.y === y) break;
    ({ x, y } = now);
  }
  await page.mouse.move(x, y, { steps: 6 });
  await page.mouse.click(x, y);
}

/** Index, among the entity's marks, of the one whose aria-describedby points at the card host. */
function describedMark(page: Page, entity: string): Promise<number> {
  return page.evaluate((id: string) => {
    const host = document.querySelector('backstory-card');
    const marks = [...document.querySelectorAll(`mark[data-entity="${id}"]`)];
    return marks.findIndex((mark) => host !== null && mark.getAttribute('aria-describedby') === host.id);
  }, entity);
}

/** Waits until the card sits next to the mark (below or above it) with both in the viewport. */
async function waitForCardBeside(page: Page, entity: string, index: number): Promise<void> {
  await page.waitForFunction(
    (id: string, n: number) => {
      const mark = document.querySelectorAll(`mark[data-entity="${id}"]`)[n];
      const host = document.querySelector('backstory-card');
      if (!mark || !host) return false;
      const m = mark.getBoundingClientRect();
      const c = host.getBoundingClientRect();
      const inView = (r: DOMRect) => r.top >= 0 && r.bottom <= innerHeight + 1 && r.left >= 0 && r.right <= innerWidth + 1;
      const beside = Math.abs(c.top - m.bottom) <= 12 || Math.abs(m.top - c.bottom) <= 12;
      return inView(m) && inView(c) && beside;
    },
    { timeout: 5_000, polling: 50 },
    entity,
    index,
  ).catch(async (error: Error) => {
    const where = await page.evaluate((id: string, n: number) => {
      const mark = document.querySelectorAll(`mark[data-entity="${id}"]`)[n]?.getBoundingClientRect();
      const card = document.querySelector('backstory-card')?.getBoundingClientRect();
      const root = document.querySelector('backstory-card')?.shadowRoot;
      return {
        mark: mark?.toJSON(),
        card: card?.toJSON(),
        viewport: [innerWidth, innerHeight],
        position: root?.querySelector('.position')?.textContent,
        focus: [document.activeElement?.tagName, (root?.activeElement as HTMLElement | null)?.dataset.action],
      };
    }, entity, index);
    throw new Error(`${error.message}: the card is not beside mark ${index} of ${entity}: ${JSON.stringify(where)}`);
  });
}

async function hoverMark(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const mark = (await page.$(selector))!;
  await mark.scrollIntoView();
  await mark.hover();
  return mark;
}

/** Where to run extension APIs: the service worker in Chromium, an extension page in Firefox. */
interface ExtensionContext {
  evaluate<T>(fn: (...args: any[]) => T | Promise<T>, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

async function extensionContext(extension: ExtensionBrowser, page: Page): Promise<ExtensionContext> {
  if (extension.name === 'chromium') {
    const target = await extension.browser.waitForTarget(
      (candidate) => candidate.type() === 'service_worker' && candidate.url().startsWith(extension.base),
    );
    const worker = (await target.worker()) as WebWorker;
    return {
      evaluate: <T>(fn: (...args: never[]) => unknown, ...args: unknown[]) =>
        (worker.evaluate as (...all: unknown[]) => Promise<T>)(fn, ...args),
      close: async () => undefined,
    };
  }
  const extensionPage = await extension.openPopup(page);
  await page.bringToFront();
  return {
    evaluate: <T>(fn: (...args: never[]) => unknown, ...args: unknown[]) =>
      (extensionPage.evaluate as (...all: unknown[]) => Promise<T>)(fn, ...args),
    close: () => extensionPage.close(),
  };
}

/** Sends 'move-focus' to the page's top frame as the background's command handler does. */
function sendMoveFocus(context: ExtensionContext, url: string, direction: 1 | -1): Promise<boolean> {
  return context.evaluate(
    async (pageUrl: string, step: 1 | -1) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      const tabs = await api.tabs.query({});
      const tab = tabs.find((each: { url?: string }) => each.url === pageUrl);
      return (await api.tabs.sendMessage(tab.id, { type: 'move-focus', direction: step }, { frameId: 0 })) as boolean;
    },
    url,
    direction,
  );
}

/** The focused mark's entity and its index among that entity's marks, or null. */
function focusedMark(page: Page): Promise<{ entity: string; index: number; text: string } | null> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || !active.matches('mark.backstory-mark')) return null;
    const entity = active.dataset.entity!;
    const index = [...document.querySelectorAll(`mark[data-entity="${entity}"]`)].indexOf(active);
    return { entity, index, text: active.textContent ?? '' };
  });
}

describe.each(BROWSERS)('%s: the hover card', (name) => {
  let server: TestServer;
  let extension: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    const demo = await readFile(path.join(ROOT, 'assets/demo/index.html'), 'utf8');
    // The demo article under a policy that forbids inline styles and scripts; the inline <style>
    // below is there to show that the policy is in force.
    server.route('/strict-csp/', {
      body: demo
        .replace('href="demo.css"', 'href="/demo/demo.css"')
        .replace('</head>', '<style>body { background: rgb(255, 0, 0) !important; }</style></head>'),
      headers: { 'content-security-policy': STRICT_CSP },
    });
    extension = await launchWithExtension(name);
    page = await extension.open(server.url('/demo/'));
    await page.setViewport({ width: 1100, height: 800 });
    await waitForMarks(page, 10);
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });
  beforeEach(async () => {
    await page.keyboard.press('Escape');
    await moveAway(page);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await waitForNoCard(page);
  });

  it('shows the card after the hover delay, with who it is, the background, the story and related names', async () => {
    const started = Date.now();
    await hoverMark(page, 'mark[data-entity="li-qiang"]');
    await sleep(100);
    expect(await cardCount(page)).toBe(0);
    const card = await waitForCard(page, 'li-qiang');
    expect(Date.now() - started).toBeGreaterThanOrEqual(HOVER_DELAY - 20);
    expect(card.name).toBe('Li Qiang');
    expect(card.role).toContain('Premier of China');
    expect(card.categoryLabel).toBe('Person');
    expect(card.category).toBe('person');
    expect(card.labels.some((label) => /^Background, as of .*2024/.test(label))).toBe(true);
    expect(card.quotes[0]).toBe(
      'Addressing Chinese Premier Li Qiang, Putin said that large-scale joint plans and projects between Russia and China in the economic and humanitarian spheres would continue for many years, according to a Kremlin statement.',
    );
    expect(card.source).toMatch(/CNN, .*2024/);
    expect(card.related).toEqual(expect.arrayContaining(['Xi Jinping', 'Vladimir Putin', 'Mikhail Mishustin']));
    expect(card.hostRole).toBe('dialog');
    expect(card.hostLabel).toBe('Backstory: Li Qiang');
    expect(await describedMark(page, 'li-qiang')).toBe(0);
    const hidden = await page.evaluate(() => document.querySelector('backstory-card')!.closest('[aria-hidden="true"]'));
    expect(hidden).toBeNull();
  });

  it('takes no room in the page: nothing moves when it opens', async () => {
    const layout = () =>
      page.evaluate(() => {
        const article = document.querySelector('article')!.getBoundingClientRect();
        return [document.documentElement.scrollHeight, document.documentElement.scrollWidth, article.top, article.height];
      });
    await hoverMark(page, 'mark[data-entity="li-qiang"]');
    const before = await layout();
    await waitForCard(page, 'li-qiang');
    expect(await layout()).toEqual(before);
  });

  it('shows the rest of the story’s sentences on request', async () => {
    const marks = await page.$$('mark[data-entity="li-qiang"]');
    await marks[1]!.scrollIntoView();
    await marks[1]!.hover();
    const card = await waitForCard(page, 'li-qiang');
    expect(card.quotes).toHaveLength(2);
    await clickInCard(page, '[data-action="more-quotes"]');
    await page.waitForFunction(
      () => document.querySelector('backstory-card')!.shadowRoot!.querySelectorAll('blockquote').length === 6,
      { timeout: 2_000 },
    );
  });

  it('stays in the viewport, next to its mark', async () => {
    await hoverMark(page, 'mark[data-entity="li-qiang"]');
    await waitForCard(page, 'li-qiang');
    await waitForCardBeside(page, 'li-qiang', 0);
  });

  it('closes when the pointer moves away, after a grace period', async () => {
    await hoverMark(page, 'mark[data-entity="li-qiang"]');
    await waitForCard(page, 'li-qiang');
    await moveAway(page);
    await sleep(100);
    expect(await cardCount(page)).toBe(1);
    await waitForNoCard(page, 2_000);
    expect(await describedMark(page, 'li-qiang')).toBe(-1);
  });

  it('stays open while the pointer is on the card', async () => {
    await hoverMark(page, 'mark[data-entity="li-qiang"]');
    await waitForCard(page, 'li-qiang');
    const { x, y } = await pointInCard(page);
    await page.mouse.move(x, y, { steps: 8 });
    await sleep(HOVER_DELAY + GRACE + 400);
    expect((await readCard(page))?.entity).toBe('li-qiang');
    await moveAway(page);
    await waitForNoCard(page, 2_000);
  });

  it('closes on Esc', async () => {
    await hoverMark(page, 'mark[data-entity="li-qiang"]');
    await waitForCard(page, 'li-qiang');
    await page.keyboard.press('Escape');
    expect(await cardCount(page)).toBe(0);
    await sleep(HOVER_DELAY + 100);
    expect(await cardCount(page)).toBe(0);
  });

  it('shows one card at a time', async () => {
    await hoverMark(page, 'mark[data-entity="li-qiang"]');
    await waitForCard(page, 'li-qiang');
    await hoverMark(page, 'mark[data-entity="mikhail-mishustin"]');
    const card = await waitForCard(page, 'mikhail-mishustin');
    expect(card.hosts).toBe(1);
    expect(await cardCount(page)).toBe(1);
    expect(await describedMark(page, 'li-qiang')).toBe(-1);
    expect(await describedMark(page, 'mikhail-mishustin')).toBe(0);
  });

  it('moves between the mentions of one entity with its previous and next buttons', async () => {
    await hoverMark(page, 'mark[data-entity="mikhail-mishustin"]');
    let card = await waitForCard(page, 'mikhail-mishustin');
    expect(card.count).toBe('3 mentions on this page');
    expect(card.position).toBe('1 of 3');

    await clickInCard(page, '[data-action="next"]');
    await page.waitForFunction(
      () => document.querySelector('backstory-card')?.shadowRoot?.querySelector('.position')?.textContent === '2 of 3',
      { timeout: 5_000 },
    );
    expect(await describedMark(page, 'mikhail-mishustin')).toBe(1);
    await waitForCardBeside(page, 'mikhail-mishustin', 1);

    await clickInCard(page, '[data-action="next"]');
    await waitForCardBeside(page, 'mikhail-mishustin', 2);
    card = (await readCard(page))!;
    expect(card.position).toBe('3 of 3');
    expect(await describedMark(page, 'mikhail-mishustin')).toBe(2);

    await clickInCard(page, '[data-action="previous"]');
    await waitForCardBeside(page, 'mikhail-mishustin', 1);
    expect((await readCard(page))!.position).toBe('2 of 3');
    expect(await cardCount(page)).toBe(1);
  });

  it('shows the card when a mark gets focus, and Esc closes it and keeps focus on the mark', async () => {
    await page.evaluate(() => {
      const mark = document.querySelector<HTMLElement>('mark[data-entity="kursk"]')!;
      mark.scrollIntoView({ block: 'center' });
      mark.focus();
    });
    const card = await waitForCard(page, 'kursk', 1_000);
    expect(card.role).toContain('Kursk oblast');
    const described = await page.evaluate(
      () => document.activeElement!.getAttribute('aria-describedby') === document.querySelector('backstory-card')!.id,
    );
    expect(described).toBe(true);

    // Tab enters the card; Esc closes it and gives focus back to the mark.
    await page.keyboard.press('Tab');
    const inCard = await page.evaluate(
      () => (document.querySelector('backstory-card')?.shadowRoot?.activeElement as HTMLElement | null)?.dataset.action,
    );
    expect(inCard).toBe('previous');
    await page.keyboard.press('Escape');
    await waitForNoCard(page, 1_000);
    expect(await focusedMark(page)).toMatchObject({ entity: 'kursk', index: 0 });
    expect(await page.evaluate(() => document.activeElement!.hasAttribute('aria-describedby'))).toBe(false);
  });

  it('moves focus to the next and previous mention on the move-focus message', async () => {
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      const mark = document.querySelector<HTMLElement>('mark[data-entity="mikhail-mishustin"]')!;
      mark.focus({ preventScroll: true });
    });
    await waitForCard(page, 'mikhail-mishustin');
    const context = await extensionContext(extension, page);
    try {
      expect(await sendMoveFocus(context, page.url(), 1)).toBe(true);
      // In document order, after "Mikhail Mishustin": "Li" in the same sentence.
      expect(await focusedMark(page)).toMatchObject({ entity: 'li-qiang' });
      const next = await focusedMark(page);
      let card = await waitForCard(page, next!.entity);
      expect(card.hosts).toBe(1);
      expect(await page.evaluate(() => document.activeElement!.getAttribute('aria-describedby'))).toBe(card.hostId);

      expect(await sendMoveFocus(context, page.url(), -1)).toBe(true);
      expect(await focusedMark(page)).toMatchObject({ entity: 'mikhail-mishustin', index: 0 });
      card = await waitForCard(page, 'mikhail-mishustin');
      await waitForCardBeside(page, 'mikhail-mishustin', 0);
    } finally {
      await context.close();
    }
  });

  it('styles the card on a page whose CSP forbids inline styles and scripts', async () => {
    const strict = await extension.open(server.url('/strict-csp/'));
    try {
      await strict.setViewport({ width: 1000, height: 760 });
      await waitForMarks(strict, 10);
      // The policy is in force: the page's own inline style did not apply.
      expect(await strict.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(255, 0, 0)');
      await hoverMark(strict, 'mark[data-entity="li-qiang"]');
      await waitForCard(strict, 'li-qiang');
      const styles = await strict.evaluate(() => {
        const host = document.querySelector('backstory-card')!;
        const card = host.shadowRoot!.querySelector('.card')!;
        const cardStyle = getComputedStyle(card);
        const hostStyle = getComputedStyle(host);
        return {
          position: hostStyle.position,
          zIndex: hostStyle.zIndex,
          background: cardStyle.backgroundColor,
          radius: cardStyle.borderTopLeftRadius,
          width: cardStyle.width,
          fontSize: cardStyle.fontSize,
          display: cardStyle.display,
        };
      });
      expect(styles).toEqual({
        position: 'fixed',
        zIndex: '2147483647',
        background: 'rgb(255, 255, 255)',
        radius: '10px',
        width: '360px',
        fontSize: '14px',
        display: 'flex',
      });
      await waitForCardBeside(strict, 'li-qiang', 0);
    } finally {
      await strict.close();
    }
  });

  it('is not broken by page styles that reach for everything', async () => {
    const hostile = await extension.open(server.url('/pages/hostile-css.html'));
    try {
      await hostile.setViewport({ width: 1000, height: 760 });
      await waitForMarks(hostile, 3);
      await hoverMark(hostile, 'mark[data-entity="mikhail-mishustin"]');
      await waitForCard(hostile, 'mikhail-mishustin');
      const styles = await hostile.evaluate(() => {
        const host = document.querySelector('backstory-card')!;
        const card = host.shadowRoot!.querySelector('.card')!;
        const name = host.shadowRoot!.querySelector('.name')!;
        return {
          hostDisplay: getComputedStyle(host).display,
          hostOpacity: getComputedStyle(host).opacity,
          hostTransform: getComputedStyle(host).transform,
          cardFontSize: getComputedStyle(card).fontSize,
          cardColor: getComputedStyle(card).color,
          cardTextTransform: getComputedStyle(card).textTransform,
          nameFontSize: getComputedStyle(name).fontSize,
        };
      });
      expect(styles).toEqual({
        hostDisplay: 'block',
        hostOpacity: '1',
        hostTransform: 'none',
        cardFontSize: '14px',
        cardColor: 'rgb(31, 35, 40)',
        cardTextTransform: 'none',
        nameFontSize: '17px',
      });
      await waitForCardBeside(hostile, 'mikhail-mishustin', 0);
    } finally {
      await hostile.close();
    }
  });

  const cardBackground = (on: Page) =>
    on.evaluate(() => getComputedStyle(document.querySelector('backstory-card')!.shadowRoot!.querySelector('.card')!).backgroundColor);

  onlyIn(name === 'chromium')('follows the reader’s dark mode', async () => {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    try {
      await hoverMark(page, 'mark[data-entity="li-qiang"]');
      await waitForCard(page, 'li-qiang');
      expect(await cardBackground(page)).toBe(LIGHT_AND_DARK.dark);
    } finally {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    }
  });

  // Firefox cannot be told to emulate dark mode from outside: a browser of its own, set to show
  // pages dark, as a reader's dark theme does.
  onlyIn(name === 'firefox')('follows the reader’s dark mode', async () => {
    await hoverMark(page, 'mark[data-entity="li-qiang"]');
    await waitForCard(page, 'li-qiang');
    expect(await cardBackground(page)).toBe(LIGHT_AND_DARK.light);
    const dark = await launchWithExtension('firefox', { firefoxPrefs: { 'layout.css.prefers-color-scheme.content-override': 0 } });
    try {
      const darkPage = await dark.open(server.url('/demo/'));
      await darkPage.setViewport({ width: 1100, height: 800 });
      await waitForMarks(darkPage, 10);
      await hoverMark(darkPage, 'mark[data-entity="li-qiang"]');
      await waitForCard(darkPage, 'li-qiang');
      expect(await cardBackground(darkPage)).toBe(LIGHT_AND_DARK.dark);
    } finally {
      await dark.close();
    }
  });

  it('removes the card, its listeners and the marks’ focusability when Backstory is switched off', async () => {
    await hoverMark(page, 'mark[data-entity="li-qiang"]');
    await waitForCard(page, 'li-qiang');
    expect(await page.evaluate(() => document.querySelectorAll('mark.backstory-mark[tabindex="-1"]').length)).toBeGreaterThan(0);
    const context = await extensionContext(extension, page);
    try {
      await context.evaluate(async () => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        await api.storage.sync.set({ enabled: false });
      });
      await page.waitForFunction(() => document.querySelectorAll('mark.backstory-mark').length === 0, { timeout: 5_000 });
      await waitForNoCard(page, 2_000);
      // The listeners are gone: focusing text where a mark was shows nothing.
      await page.mouse.move(3, 3);
      await sleep(HOVER_DELAY + 100);
      expect(await cardCount(page)).toBe(0);
      expect(await page.evaluate(() => document.querySelectorAll('[tabindex="-1"], [aria-describedby]').length)).toBe(0);
    } finally {
      await context.evaluate(async () => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        await api.storage.sync.set({ enabled: true });
      });
      await context.close();
    }
    await waitForMarks(page, 10);
    await hoverMark(page, 'mark[data-entity="li-qiang"]');
    await waitForCard(page, 'li-qiang');
  });
});
