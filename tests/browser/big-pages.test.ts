// Big pages in both browsers: on a page of more than 50 000 elements any change to the DOM costs a
// long frame, so mentions are painted with the CSS Custom Highlight API as the reader comes near
// them, the hover card opens beside the painted text, and a mention's marks are written only where
// the keyboard, the popup or a printout needs them. So too on a page that grows past that while it
// is read, and for a paragraph of more than 100 000 characters on any page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startServer, type TestServer } from '../../scripts/static-server';
import { BROWSERS, badgeOf, launchWithExtension, onlyIn, readingPage, type ExtensionBrowser } from './extension-browser';

const POLL = { polling: 100, timeout: 15_000 };
/** For what needs the whole page read: 2–5 s here, far more on a machine under load. */
const WHOLE_PAGE = { polling: 200, timeout: 45_000 };

/** Ordinary text without a word of the story, each word an element of its own. */
function filler(paragraphs: number): string {
  const words = 'The harbour committee met again to discuss the timetable for the autumn ferries'.split(' ');
  const paragraph = `<p>${words.map((word) => `<span>${word}</span>`).join(' ')}</p>\n`;
  return paragraph.repeat(paragraphs);
}

const BIG_PAGE = readingPage(
  'Town news',
  `<h1>Town news</h1>
<p id="near">Chinese Premier Li Qiang arrived in Moscow on Tuesday.</p>
<p id="edge">The talks were held in Moscow</p>
<p id="split">Later, Vladimir <b>Putin</b> spoke.</p>
${filler(200)}
<section id="far"><h2>Further down</h2>
<p>Prime Minister Mikhail Mishustin received Li Qiang at the White House.</p>
<p>Mishustin later spoke of the fighting in the Kursk region.</p>
</section>
${filler(4_000)}`,
);

/** A page of fewer than 50 000 elements (about 42 000), marked as any other until it grows. */
const GROWING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Live: town news</title></head>
<body>
<h1>Live: town news</h1>
<p id="near">Chinese Premier Li Qiang arrived in Moscow on Tuesday.</p>
${filler(3_000)}
</body></html>`;

/** A page of few elements, one of them a paragraph of 150 000 characters (a book in one run). */
const BOOK_PAGE = readingPage(
  'A book',
  `<p id="near">Chinese Premier Li Qiang arrived in Moscow on Tuesday.</p>
<p id="book">Vladimir Putin received him. ${'The harbour committee met again to discuss the ferries. '.repeat(2_700)}</p>`,
);

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

describe.each(BROWSERS)('%s: big pages, painted', (name) => {
  let server: TestServer;
  let extension: ExtensionBrowser;

  beforeAll(async () => {
    server = await startServer();
    server.route('/big/', { body: BIG_PAGE });
    server.route('/growing/', { body: GROWING_PAGE });
    server.route('/book/', { body: BOOK_PAGE });
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
    await expect.poll(async () => (await badgeOf(extension, page)).text, WHOLE_PAGE).toBe('8');
    expect(await paintedIn(page, '#far')).toEqual([]);

    await page.evaluate(() => document.querySelector('#far')!.scrollIntoView({ block: 'center' }));
    await expect
      .poll(() => paintedIn(page, '#far'), POLL)
      .toEqual(['person:Mikhail Mishustin', 'person:Li Qiang', 'person:Mishustin', 'place:Kursk region']);
    expect(await page.$$('mark')).toHaveLength(0);
    await page.close();
  });

  /** The animation the card that shows has (its entry), or null. */
  const cardAnimation = (page: Page) =>
    page.evaluate(() => {
      const card = document.querySelector('backstory-card')?.shadowRoot?.querySelector('.card');
      return card ? getComputedStyle(card).animationName : null;
    });

  /** The text of the card that shows, or null. */
  const cardText = (page: Page) =>
    page.evaluate(() => document.querySelector('backstory-card')?.shadowRoot?.querySelector('.card')?.textContent ?? null);

  it('shows the card of a painted mention where the pointer rests on it, with no mark written', async () => {
    const page = await openBigPage();
    const point = (await pointOnPainted(page, 'Moscow'))!;
    expect(point).not.toBeNull();
    await page.mouse.move(point.x - 200, point.y + 40);
    await page.mouse.move(point.x, point.y, { steps: 8 });
    await expect.poll(() => cardText(page), POLL).toContain('Moscow');
    expect(await page.$$('mark')).toHaveLength(0);
    expect(await paintedIn(page, '#near')).toEqual(['person:Li Qiang', 'place:Moscow']);
    // Beside the painted text, below its line.
    const placed = await page.evaluate(() => {
      const host = document.querySelector('backstory-card')!.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('#near')!);
      return { cardTop: host.top, lineBottom: range.getBoundingClientRect().bottom };
    });
    expect(placed.cardTop).toBeGreaterThanOrEqual(placed.lineBottom);
    expect(placed.cardTop).toBeLessThan(placed.lineBottom + 40);

    // The pointer goes over to the card: it stays. Then off both onto plain text: it goes.
    const card = await page.$eval('backstory-card', (host) => {
      const box = host.getBoundingClientRect();
      return { x: box.left + 20, y: box.top + 20 };
    });
    await page.mouse.move(card.x, card.y, { steps: 4 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await cardText(page)).toContain('Moscow');
    await page.mouse.move(point.x - 200, point.y + 300, { steps: 4 });
    await expect.poll(() => cardText(page), POLL).toBeNull();
    expect(await page.$$('mark')).toHaveLength(0);
    await page.close();
  });

  it('keeps the card coming while the pointer crosses the markup inside a painted name, and Esc closes it', async () => {
    const page = await openBigPage();
    await expect.poll(() => paintedIn(page, '#split'), POLL).toEqual(['person:Vladimir Putin']);
    const [first, second] = await page.$eval('#split', (split) => {
      const range = document.createRange();
      const middle = (node: Node, from: number, to: number) => {
        range.setStart(node, from);
        range.setEnd(node, to);
        const box = range.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      };
      const text = split.firstChild as Text;
      const at = text.data.indexOf('Vladimir');
      return [middle(text, at, at + 'Vladimir'.length), middle(split.querySelector('b')!.firstChild!, 0, 'Putin'.length)];
    });
    await page.mouse.move(first!.x, first!.y + 60);
    await page.mouse.move(first!.x, first!.y, { steps: 4 });
    // Into the <b> before the hover delay is out.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await page.mouse.move(second!.x, second!.y, { steps: 4 });
    await expect.poll(() => cardText(page), POLL).toContain('Vladimir Putin');

    await page.keyboard.press('Escape');
    expect(await cardText(page)).toBeNull();
    // Not again while the pointer stays on it; again once it left and came back.
    await page.mouse.move(second!.x - 2, second!.y, { steps: 2 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await cardText(page)).toBeNull();
    await page.mouse.move(second!.x, second!.y + 60, { steps: 4 });
    await page.mouse.move(second!.x, second!.y, { steps: 4 });
    await expect.poll(() => cardText(page), POLL).toContain('Vladimir Putin');
    expect(await page.$$('mark')).toHaveLength(0);
    await page.close();
  });

  // A press where the pointer has not moved first (as a tap lands): the card opens at once.
  // Chromium's own input events place it there without a move.
  onlyIn(name === 'chromium')('opens the card of a painted mention pressed without a move first', async () => {
    const page = await openBigPage();
    const point = (await pointOnPainted(page, 'Li Qiang'))!;
    const session = await page.createCDPSession();
    await session.send('Input.dispatchMouseEvent', { type: 'mousePressed', x: point.x, y: point.y, button: 'left', clickCount: 1 });
    // At once: the hover delay is not waited out.
    expect(await cardText(page)).toContain('Li Qiang');
    await session.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: point.x, y: point.y, button: 'left', clickCount: 1 });
    expect(await page.$$('mark')).toHaveLength(0);
    await page.close();
  });

  // In Firefox, as a finger lands: a touch has no move before it (the browser sends a mouse move
  // only after the press).
  onlyIn(name === 'firefox')('opens the card of a painted mention tapped', async () => {
    // The longest hover delay there is: a card that waits for it would not show for 2 s.
    await extension.setStorage('sync', { hoverDelay: 2000 });
    try {
      const page = await openBigPage();
      const point = (await pointOnPainted(page, 'Li Qiang'))!;
      const events = await page.evaluateHandle(() => {
        const seen: string[] = [];
        for (const type of ['pointermove', 'pointerdown']) addEventListener(type, (event) => seen.push(`${type}:${(event as PointerEvent).pointerType}`), true);
        return seen;
      });
      await page.touchscreen.tap(point.x, point.y);
      expect(await cardText(page)).toContain('Li Qiang');
      expect((await events.jsonValue())[0]).toBe('pointerdown:touch');
      expect(await page.$$('mark')).toHaveLength(0);
      await page.close();
    } finally {
      await extension.setStorage('sync', { hoverDelay: 300 });
    }
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
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await cardText(page)).toBeNull();
    expect(await paintedIn(page, '#edge')).toEqual(['place:Moscow']);
    await page.close();
  });

  it('marks every mention before the page is printed', async () => {
    const page = await openBigPage();
    await expect.poll(async () => (await badgeOf(extension, page)).text, WHOLE_PAGE).toBe('8');
    // What the browser sends first when it prints (the long page's test prints for real; Firefox
    // takes over half a minute to print a page this size).
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await marksIn(page, '#near')).toEqual(['li-qiang', 'moscow']);
    expect(await marksIn(page, '#far')).toEqual(['mikhail-mishustin', 'li-qiang', 'mikhail-mishustin', 'kursk']);
    await page.close();
  });

  it('paints what a page adds once it has grown past 50 000 elements, keeping the marks written before', async () => {
    const page = await extension.open(server.url('/growing/'));
    await page.setViewport({ width: 1000, height: 700 });
    await expect.poll(() => marksIn(page, '#near'), POLL).toEqual(['li-qiang', 'moscow']);
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(50_000);
    // The page's own script adds an update at the top and 11 200 elements further down.
    await page.evaluate((more: string) => {
      const update = document.createElement('p');
      update.id = 'update';
      update.textContent = 'Update: Vladimir Putin spoke of the Kursk region.';
      document.querySelector('#near')!.after(update);
      document.body.insertAdjacentHTML('beforeend', more);
    }, filler(800));
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeGreaterThan(50_000);
    await expect.poll(() => paintedIn(page, '#update'), POLL).toEqual(['person:Vladimir Putin', 'place:Kursk region']);
    expect(await marksIn(page, '#update')).toEqual([]);
    expect(await marksIn(page, '#near')).toEqual(['li-qiang', 'moscow']);
    await expect.poll(async () => (await badgeOf(extension, page)).text, WHOLE_PAGE).toBe('4');
    await page.close();
  });

  it('paints a paragraph of more than 100 000 characters on a small page, and its card opens on hover', async () => {
    const page = await extension.open(server.url('/book/'));
    await page.setViewport({ width: 1000, height: 700 });
    await expect.poll(() => paintedIn(page, '#book'), POLL).toEqual(['person:Vladimir Putin']);
    expect(await marksIn(page, '#near')).toEqual(['li-qiang', 'moscow']);
    expect(await marksIn(page, '#book')).toEqual([]);
    const point = (await pointOnPainted(page, 'Vladimir Putin'))!;
    await page.mouse.move(point.x - 200, point.y + 40);
    await page.mouse.move(point.x, point.y, { steps: 8 });
    await expect.poll(() => cardText(page), POLL).toContain('Vladimir Putin');
    expect(await marksIn(page, '#book')).toEqual([]);
    // Each frame costs most on the pages that paint: the card comes without its entry animation,
    // which a mark's card keeps.
    expect(await cardAnimation(page)).toBe('none');
    await page.mouse.move(5, 5);
    await expect.poll(() => cardText(page), POLL).toBeNull();
    const moscow = (await page.$('#near mark[data-entity="moscow"]'))!;
    await moscow.hover();
    await expect.poll(() => cardText(page), POLL).toContain('Moscow');
    expect(await cardAnimation(page)).toBe('backstory-card-in');
    await page.close();
  });
});
