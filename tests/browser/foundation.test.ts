// The first slice, end to end in both browsers: the seed article is highlighted with the public
// mark contract, and the popup shows the story.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, launchWithExtension, waitForMarks, type ExtensionBrowser } from './extension-browser';
import { startServer, type TestServer } from '../../scripts/static-server';

interface MarkInfo {
  text: string;
  entity: string | undefined;
  category: string | undefined;
  className: string;
}

const readMarks = (page: Page) =>
  page.$$eval('mark.backstory-mark', (marks) =>
    marks.map((mark) => ({
      text: mark.textContent ?? '',
      entity: (mark as HTMLElement).dataset.entity,
      category: (mark as HTMLElement).dataset.category,
      className: mark.className,
    })),
  ) as Promise<MarkInfo[]>;

describe.each(BROWSERS)('%s with the extension', (name) => {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchWithExtension(name);
    page = await browser.open(server.url('/demo/'));
    await waitForMarks(page, 10);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('highlights Li Qiang, Mishustin and Kursk with the public mark contract', async () => {
    const marks = await readMarks(page);
    const find = (entity: string) => marks.filter((mark) => mark.entity === entity);
    expect(find('li-qiang').map((mark) => mark.text)).toContain('Li Qiang');
    expect(find('mikhail-mishustin').map((mark) => mark.text)).toEqual(['Mikhail Mishustin', 'Mishustin', 'Mishustin']);
    expect(find('kursk').map((mark) => mark.text)).toEqual(['Kursk', 'Kursk']);
    for (const mark of [...find('li-qiang'), ...find('mikhail-mishustin')]) expect(mark.category).toBe('person');
    for (const mark of find('kursk')) expect(mark.category).toBe('place');
    for (const mark of marks) {
      expect(mark.className).toBe('backstory-mark');
      expect(['person', 'place', 'organisation', 'event', 'figure']).toContain(mark.category);
    }
  });

  it('has its highlight styles in the page before the page is built, not added once it is read', async () => {
    // A style sheet added to a built page has the browser restyle all of it (in Firefox, 400–600 ms
    // on a page nested 5 000 deep): the styles come with the page's first bytes instead.
    server.route('/styles-first/', {
      body: `<!doctype html><html><head><meta charset="utf-8"><title>Early</title></head><body>
<p><mark class="backstory-mark" data-category="person" id="probe">probe</mark></p>
<script>
  window.styledAtParse = getComputedStyle(document.getElementById('probe')).borderTopLeftRadius;
  document.addEventListener('DOMContentLoaded', () => {
    window.styledAtReady = getComputedStyle(document.getElementById('probe')).borderTopLeftRadius;
  });
</script></body></html>`,
    });
    const early = await browser.open(server.url('/styles-first/'));
    await early.waitForFunction(() => (window as unknown as { styledAtReady?: string }).styledAtReady !== undefined);
    const styled = await early.evaluate(() => {
      const { styledAtParse, styledAtReady } = window as unknown as { styledAtParse: string; styledAtReady: string };
      return { styledAtParse, styledAtReady };
    });
    expect(styled.styledAtParse).not.toBe('0px');
    expect(styled.styledAtReady).not.toBe('0px');
    await early.close();
  });

  it('leaves the text the reader sees unchanged', async () => {
    const shown = await page.$eval('article', (article) => (article as HTMLElement).innerText);
    const plain = await browser.open(server.url('/demo/'));
    // Compare with the same page read before the content script could change it.
    const original = await plain.evaluate(async () => {
      const response = await fetch(location.href);
      const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
      return doc.querySelector('article')!.textContent!.replace(/\s+/g, ' ').trim();
    });
    expect(shown.replace(/\s+/g, ' ').trim()).toBe(original);
    await plain.close();
  });

  it('shows the story in the popup', async () => {
    const popup = await browser.openPopup(page);
    await popup.waitForFunction(() => document.getElementById('summary')?.textContent !== '');
    const headline = await popup.$eval('#headline', (element) => element.textContent);
    const source = await popup.$eval('#source', (element) => element.textContent);
    const date = await popup.$eval('#date', (element) => element.getAttribute('datetime'));
    const summary = await popup.$eval('#summary', (element) => element.textContent ?? '');
    expect(headline).toMatch(/Li Qiang/);
    expect(source).toBe('CNN');
    expect(date).toBe('2024-08-21');
    for (const name of ['Li Qiang', 'Moscow', 'Mishustin']) expect(summary).toContain(name);
    await popup.waitForFunction(() => document.querySelectorAll('#page-entities li').length > 0);
    const mishustin = await popup.$eval('#page-entities li[data-entity="mikhail-mishustin"] .count', (e) => e.textContent);
    expect(mishustin).toBe('3');
  });
});
