// A page of more than 50 000 elements in both browsers: there any change to the DOM costs a long
// frame, so mentions are painted with the CSS Custom Highlight API as the reader comes near them,
// and a mention's marks are written only where the pointer rests on it, or the keyboard, the popup
// or a printout needs them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startServer, type TestServer } from '../../scripts/static-server';
import { BROWSERS, badgeOf, launchWithExtension, onlyIn, type ExtensionBrowser } from './extension-browser';

const POLL = { polling: 100, timeout: 15_000 };

/** Ordinary text without a word of the story, each word an element of its own. */
function filler(paragraphs: number): string {
  const words = 'The harbour committee met again to discuss the timetable for the autumn ferries'.split(' ');
  const paragraph = `<p>${words.map((word) => `<span>${word}</span>`).join(' ')}</p>\n`;
  return paragraph.repeat(paragraphs);
}

const BIG_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Town news</title>
<style>body { font: 16px/1.5 serif; max-width: 40em; margin: 1em auto; }</style></head>
<body>
<h1>Town news</h1>
<p id="near">Chinese Premier Li Qiang arrived in Moscow on Tuesday.</p>
<p id="edge">The talks were held in Moscow</p>
${filler(200)}
<section id="far"><h2>Further down</h2>
<p>Prime Minister Mikhail Mishustin received Li Qiang at the White House.</p>
<p>Mishustin later spoke of the fighting in the Kursk region.</p>
</section>
${filler(4_000)}
</body></html>`;

/** The painted mentions inside the element, as "category:text", in document order. */
const paintedIn = (page: Page, selector: string) =>
  page.evaluate((inside: string) => {
    const within = document.querySelector(inside)!;
    const painted: { at: Range; label: string }[] = [];
    for (const [name, highlight] of (CSS as any).highlights as Map<string, Set<Range>>) {
      for (const range of highlight) {
        if (within.contains(range.startContainer)) painted.push({ at: range, label: `${name.replace('backstory-', '')}:${range.toString()}` });
      }
    }
    painted.sort((a, b) => a.at.compareBoundaryPoints(Range.START_TO_START, b.at));
    return painted.map(({ label }) => label);
  }, selector);

const marksIn = (page: Page, selector: string) =>
  page.$$eval(`${selector} mark.backstory-mark`, (marks) => marks.map((mark) => (mark as HTMLElement).dataset.entity));

/** The middle of a painted mention's text, in the viewport. */
const pointOnPainted = (page: Page, text: string) =>
  page.evaluate((wanted: string) => {
    for (const highlight of ((CSS as any).highlights as Map<string, Set<Range>>).values()) {
      for (const range of highlight) {
        if (range.toString() !== wanted) continue;
        const box = range.getClientRects()[0]!;
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }
    }
    return null;
  }, text);

describe.each(BROWSERS)('%s: a page of more than 50 000 elements', (name) => {
  let server: TestServer;
  let extension: ExtensionBrowser;

  beforeAll(async () => {
    server = await startServer();
    server.route('/big/', { body: BIG_PAGE });
    extension = await launchWithExtension(name);
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  async function openBigPage(): Promise<Page> {
    const page = await extension.open(server.url('/big/'));
    await page.setViewport({ width: 1000, height: 700 });
    await expect.poll(() => paintedIn(page, '#near'), POLL).toEqual(['person:Li Qiang', 'place:Moscow']);
    return page;
  }

  it('paints the mentions near the reader without adding a mark, and counts them all', async () => {
    const page = await openBigPage();
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeGreaterThan(50_000);
    expect(await page.$$('mark')).toHaveLength(0);
    await expect.poll(async () => (await badgeOf(extension, page)).text, POLL).toBe('7');
    expect(await paintedIn(page, '#far')).toEqual([]);

    await page.evaluate(() => document.querySelector('#far')!.scrollIntoView({ block: 'center' }));
    await expect
      .poll(() => paintedIn(page, '#far'), POLL)
      .toEqual(['person:Mikhail Mishustin', 'person:Li Qiang', 'person:Mishustin', 'place:Kursk region']);
    expect(await page.$$('mark')).toHaveLength(0);
    await page.close();
  });

  it('writes the marks where the pointer rests on a painted mention, and shows its card', async () => {
    const page = await openBigPage();
    const point = (await pointOnPainted(page, 'Moscow'))!;
    expect(point).not.toBeNull();
    await page.mouse.move(point.x - 200, point.y + 40);
    await page.mouse.move(point.x, point.y, { steps: 8 });
    await expect.poll(() => marksIn(page, '#near'), POLL).toEqual(['li-qiang', 'moscow']);
    // The block's paint gives way to its marks.
    expect(await paintedIn(page, '#near')).toEqual([]);
    await page.mouse.move(point.x + 1, point.y, { steps: 2 });
    await page.waitForFunction(
      () => document.querySelector('backstory-card')?.shadowRoot?.querySelector('.card')?.textContent?.includes('Moscow'),
      POLL,
    );
    await page.close();
  });

  // A press where the pointer has not moved first (as a tap lands): the marks are written as it
  // lands. Chromium's own input events place it there without a move.
  onlyIn(name === 'chromium')('writes the marks of a painted mention pressed without a move first, and opens its card', async () => {
    const page = await openBigPage();
    const point = (await pointOnPainted(page, 'Li Qiang'))!;
    const session = await page.createCDPSession();
    for (const type of ['mousePressed', 'mouseReleased'] as const) {
      await session.send('Input.dispatchMouseEvent', { type, x: point.x, y: point.y, button: 'left', clickCount: 1 });
    }
    expect(await marksIn(page, '#near')).toEqual(['li-qiang', 'moscow']);
    await page.waitForFunction(
      () => document.querySelector('backstory-card')?.shadowRoot?.querySelector('.card')?.textContent?.includes('Li Qiang'),
      POLL,
    );
    await page.close();
  });

  it('leaves the paint alone where the pointer only passes beside a mention', async () => {
    const page = await openBigPage();
    await expect.poll(() => paintedIn(page, '#edge'), POLL).toEqual(['place:Moscow']);
    // Right of the line's end, where the caret would stand at the end of "Moscow".
    const end = await page.$eval('#edge', (edge) => {
      const range = document.createRange();
      range.selectNodeContents(edge);
      const box = range.getBoundingClientRect();
      return { x: box.right, y: box.top + box.height / 2 };
    });
    await page.mouse.move(end.x + 200, end.y, { steps: 4 });
    await page.mouse.move(end.x + 20, end.y, { steps: 8 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await marksIn(page, '#edge')).toEqual([]);
    expect(await paintedIn(page, '#edge')).toEqual(['place:Moscow']);
    await page.close();
  });

  it('marks every mention before the page is printed', async () => {
    const page = await openBigPage();
    await expect.poll(async () => (await badgeOf(extension, page)).text, POLL).toBe('7');
    // What the browser sends first when it prints (the long page's test prints for real; Firefox
    // takes over half a minute to print a page this size).
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await marksIn(page, '#near')).toEqual(['li-qiang', 'moscow']);
    expect(await marksIn(page, '#far')).toEqual(['mikhail-mishustin', 'li-qiang', 'mikhail-mishustin', 'kursk']);
    await page.close();
  });
});
