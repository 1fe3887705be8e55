// A long page in both browsers: past its first screens, marks are written as the reader comes near
// them, while the popup, the badge, the popup's "show me" and the keyboard already count and reach
// the mentions further down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startServer, type TestServer } from '../../scripts/static-server';
import { BROWSERS, badgeOf, inExtension, launchWithExtension, readingPage, waitForMarks, type ExtensionBrowser } from './extension-browser';

const POLL = { polling: 100, timeout: 10_000 };

/** Paragraphs of ordinary text without a word of the story: far more than the first screens. */
function filler(paragraphs: number, label: string): string {
  const sentences = [
    'The harbour committee met again to discuss the timetable for the autumn ferries.',
    'Volunteers repainted the benches along the promenade before the weekend market opened.',
    'A new bakery on the corner now sells rye bread, poppy seed rolls and apple cake.',
    'The library extended its opening hours so that students can study late in the evening.',
    'Cyclists asked the council for a safer crossing near the old railway bridge.',
  ];
  let html = '';
  for (let index = 0; index < paragraphs; index++) {
    html += `<p class="${label}">${sentences.map((_, at) => sentences[(index + at) % sentences.length]).join(' ')}</p>\n`;
  }
  return html;
}

const LONG_PAGE = readingPage(
  'Town news',
  `<h1>Town news</h1>
<p id="near">Chinese Premier Li Qiang arrived in Moscow on Tuesday.</p>
${filler(120, 'before')}
<section id="far"><h2>Further down</h2>
<p>Prime Minister Mikhail Mishustin received Li Qiang at the White House.</p>
<p>Mishustin later spoke of the fighting in the Kursk region.</p>
</section>
${filler(40, 'after')}`,
  ' #far { margin-top: 2em; }',
);

/** Far down: text shown without a box of its own (display: contents), and text hidden. */
const HIDDEN_PAGE = readingPage(
  'Town news',
  `<h1>Town news</h1>
<p id="near">Chinese Premier Li Qiang arrived in Moscow on Tuesday.</p>
${filler(120, 'before')}
<div id="unboxed" style="display: contents">Vladimir Putin spoke of the Kursk region.</div>
<div id="folded" hidden><p>Prime Minister Mikhail Mishustin received Li Qiang.</p></div>
${filler(40, 'after')}`,
);

const marksIn = (page: Page, selector: string) =>
  page.$$eval(`${selector} mark.backstory-mark`, (marks) => marks.map((mark) => (mark as HTMLElement).dataset.entity));

/** Sends 'move-focus' to the page's tab, as the keyboard command does. */
async function moveFocus(extension: ExtensionBrowser, page: Page, direction: 1 | -1): Promise<boolean> {
  const moved = await inExtension(
    extension,
    async (url: string, step: 1 | -1) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      const tabs: { id: number; url?: string }[] = await api.tabs.query({});
      const tab = tabs.find((each) => each.url === url)!;
      return (await api.tabs.sendMessage(tab.id, { type: 'move-focus', direction: step }, { frameId: 0 })) as boolean;
    },
    page.url(),
    direction,
  );
  await page.bringToFront();
  return moved;
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active?.matches('mark.backstory-mark') ? { entity: active.dataset.entity, far: active.closest('#far') !== null } : null;
  });

describe.each(BROWSERS)('%s: a long page', (name) => {
  let server: TestServer;
  let extension: ExtensionBrowser;

  beforeAll(async () => {
    server = await startServer();
    server.route('/long/', { body: LONG_PAGE });
    server.route('/hidden/', { body: HIDDEN_PAGE });
    extension = await launchWithExtension(name);
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  async function openLongPage(): Promise<Page> {
    const page = await extension.open(server.url('/long/'));
    await page.setViewport({ width: 1000, height: 700 });
    await waitForMarks(page, 2);
    return page;
  }

  it('marks the first screen at once, and further down only as the reader comes near', async () => {
    const page = await openLongPage();
    expect(await marksIn(page, '#near')).toEqual(['li-qiang', 'moscow']);
    // Counted already, though not marked: 2 near the top and 4 further down.
    await expect.poll(async () => (await badgeOf(extension, page)).text, POLL).toBe('6');
    expect(await marksIn(page, '#far')).toEqual([]);
    const below = await page.$eval('#far', (far) => far.getBoundingClientRect().top / innerHeight);
    expect(below).toBeGreaterThan(3);

    await page.evaluate(() => document.querySelector('#far')!.scrollIntoView({ block: 'center' }));
    await expect
      .poll(() => marksIn(page, '#far'), POLL)
      .toEqual(['mikhail-mishustin', 'li-qiang', 'mikhail-mishustin', 'kursk']);
    expect((await badgeOf(extension, page)).text).toBe('6');
    await page.close();
  });

  it('marks text without a box of its own at once, and hidden text only once it shows near the reader', async () => {
    const page = await extension.open(server.url('/hidden/'));
    await page.setViewport({ width: 1000, height: 700 });
    await waitForMarks(page, 2);
    await expect.poll(async () => (await badgeOf(extension, page)).text, POLL).toBe('6');
    // Both far down; the text of the one shows all the same, and is marked.
    await expect.poll(() => marksIn(page, '#unboxed'), POLL).toEqual(['vladimir-putin', 'kursk']);
    expect(await marksIn(page, '#folded')).toEqual([]);
    await page.evaluate(() => {
      const folded = document.getElementById('folded')!;
      folded.hidden = false;
      folded.scrollIntoView({ block: 'center' });
    });
    await expect.poll(() => marksIn(page, '#folded'), POLL).toEqual(['mikhail-mishustin', 'li-qiang']);
    expect((await badgeOf(extension, page)).text).toBe('6');
    await page.close();
  });

  it('shows a mention further down from the popup, marking it first', async () => {
    const page = await openLongPage();
    await expect.poll(async () => (await badgeOf(extension, page)).text, POLL).toBe('6');
    const popup = await extension.openPopup(page);
    await popup.waitForSelector('#page-entities li[data-entity="kursk"]', POLL);
    expect(await popup.$eval('#page-entities li[data-entity="kursk"] .count', (count) => count.textContent)).toBe('1');
    expect(await marksIn(page, '#far')).toEqual([]);
    await popup.click('#page-entities li[data-entity="kursk"] button');
    await page.waitForFunction(
      () => (document.querySelector('mark.backstory-flash') as HTMLElement | null)?.closest('#far') !== null,
      POLL,
    );
    await popup.close();
    await page.close();
  });

  it('moves keyboard focus past the written marks to the mentions further down', async () => {
    const page = await openLongPage();
    await expect.poll(async () => (await badgeOf(extension, page)).text, POLL).toBe('6');
    await page.evaluate(() => document.querySelector<HTMLElement>('#near mark[data-entity="moscow"]')!.focus());
    expect(await focused(page)).toEqual({ entity: 'moscow', far: false });
    expect(await moveFocus(extension, page, 1)).toBe(true);
    expect(await focused(page)).toEqual({ entity: 'mikhail-mishustin', far: true });
    // And back up from there.
    expect(await moveFocus(extension, page, -1)).toBe(true);
    expect(await focused(page)).toEqual({ entity: 'moscow', far: false });
    await page.close();
  });

  it('marks every mention on a printed page', async () => {
    const page = await openLongPage();
    await expect.poll(async () => (await badgeOf(extension, page)).text, POLL).toBe('6');
    expect(await marksIn(page, '#far')).toEqual([]);
    await page.pdf();
    expect(await marksIn(page, '#far')).toEqual(['mikhail-mishustin', 'li-qiang', 'mikhail-mishustin', 'kursk']);
    await page.close();
  });

  it('leaves the page as it was when switched off, marks written or not', async () => {
    const page = await openLongPage();
    // The page as served, parsed as the browser parsed it.
    const before = await page.evaluate((html: string) => new DOMParser().parseFromString(html, 'text/html').body.innerHTML, LONG_PAGE);
    await expect.poll(async () => (await badgeOf(extension, page)).text, POLL).toBe('6');
    await page.evaluate(() => document.querySelector('#far')!.scrollIntoView());
    await expect.poll(async () => (await marksIn(page, '#far')).length, POLL).toBe(4);
    const setEnabled = (enabled: boolean) =>
      inExtension(
        extension,
        async (value: boolean) => {
          const api = (globalThis as any).browser ?? (globalThis as any).chrome;
          await api.storage.sync.set({ enabled: value });
        },
        enabled,
      );
    await setEnabled(false);
    await page.waitForFunction(() => document.querySelectorAll('mark.backstory-mark').length === 0, POLL);
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
    await setEnabled(true);
    await page.close();
  });
});
