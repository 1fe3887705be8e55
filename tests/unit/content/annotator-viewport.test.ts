// @vitest-environment happy-dom
// Marks written as the reader comes near them: what waits is counted and listed, what comes near is
// written, what the page removes is let go, and stop() leaves the page as it was. On a page of many
// elements (see paintApi) what comes near is painted instead, what a reader asks for gets its
// marks in place of its paint, what the page removes or no longer names loses its paint, and
// stop() leaves neither marks nor paint.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileMatcher } from '../../../src/match';
import { SEED_PACK } from '../../../src/story/seed-pack';
import { createAnnotator, type Annotator } from '../../../src/content/annotator';
import { installNodeIterator } from '../support/node-iterator';
import { standInPaint } from '../support/stand-in-paint';
import { standInViewport } from '../support/stand-in-viewport';

const matcher = compileMatcher(SEED_PACK);

// The first block is read before the first screens' allowance (here 0) runs out: it says nothing.
const PAGE = [
  '<h1>Town news</h1>',
  '<p id="one">Li Qiang arrived in Moscow.</p>',
  '<p id="two">Mikhail Mishustin met him.</p>',
  '<p id="three">They spoke of Kursk.</p>',
].join('');

const marksIn = (id: string) =>
  [...document.querySelectorAll(`#${id} mark.backstory-mark`)].map((mark) => (mark as HTMLElement).dataset.entity);

let restoreIterator: () => void;
let annotator: Annotator | null = null;
beforeAll(() => {
  restoreIterator = installNodeIterator(document);
});
afterAll(() => restoreIterator());
afterEach(() => {
  annotator?.stop();
  annotator = null;
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

/** Blocks in sections, which they are watched through. */
const SECTIONS_PAGE = [
  '<h1>Town news</h1>',
  '<section id="first"><p id="one">Li Qiang arrived in Moscow.</p><p id="two">Mikhail Mishustin met him.</p></section>',
  '<section id="second"><p id="three">They spoke of Kursk.</p></section>',
].join('');

/** The page (PAGE unless told) with every block past the first screens (here: all of them) waiting. */
async function waitingPage(html = PAGE) {
  document.body.innerHTML = html;
  const viewport = standInViewport();
  annotator = createAnnotator({ doc: document, matcher, wanted: () => true, firstScreensChars: 0, viewportObserver: viewport.Observer });
  await annotator.start();
  await annotator.idle();
  return { annotator, viewport: viewport.current()!, byId: (id: string) => document.getElementById(id)! };
}

describe('marks written near the viewport', () => {
  it('counts and lists the mentions whose marks wait, in document order', async () => {
    const { annotator, viewport, byId } = await waitingPage();
    expect(document.querySelectorAll('mark').length).toBe(0);
    expect(annotator.report().total).toBe(4);
    expect(annotator.mentions().map(({ mention, marks }) => [mention.entityId, marks.length])).toEqual([
      ['li-qiang', 0],
      ['moscow', 0],
      ['mikhail-mishustin', 0],
      ['kursk', 0],
    ]);
    expect([...viewport.watched]).toEqual([byId('one'), byId('two'), byId('three')]);
  });

  it('writes a block once it comes near, and stops watching it', async () => {
    const { annotator, viewport, byId } = await waitingPage();
    viewport.reportOn([byId('two')], true);
    await annotator.idle();
    expect(marksIn('two')).toEqual(['mikhail-mishustin']);
    expect(marksIn('one')).toEqual([]);
    expect(viewport.watched.has(byId('two'))).toBe(false);
    expect(annotator.report().total).toBe(4);
    // A block that stays away is not written.
    viewport.reportOn([byId('one')], false);
    await annotator.idle();
    expect(marksIn('one')).toEqual([]);
  });

  it('writes a block without a box of its own at once where its text shows, and not where it is hidden', async () => {
    const { annotator, viewport, byId } = await waitingPage();
    // Stands in for the layout: the text of #three is laid out (display: contents), that of #one
    // is not (display: none).
    vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
      const shown = byId('three').contains(this.startContainer);
      return (shown ? [{ width: 80, height: 20 }] : []) as unknown as DOMRectList;
    });
    viewport.reportOn([byId('one'), byId('three')], false, true);
    await annotator.idle();
    expect(marksIn('three')).toEqual(['kursk']);
    expect(marksIn('one')).toEqual([]);
    // The hidden block is watched still: the observer tells when it shows.
    expect(viewport.watched.has(byId('one'))).toBe(true);
    viewport.reportOn([byId('one')], true);
    await annotator.idle();
    expect(marksIn('one')).toEqual(['li-qiang', 'moscow']);
  });

  it('writes a waiting mention at once when asked for its marks', async () => {
    const { annotator, viewport, byId } = await waitingPage();
    const kursk = annotator.mentions().find(({ mention }) => mention.entityId === 'kursk')!;
    const written = annotator.written(kursk);
    expect(written?.marks.map((mark) => mark.textContent)).toEqual(['Kursk']);
    expect(marksIn('three')).toEqual(['kursk']);
    expect(viewport.watched.has(byId('three'))).toBe(false);
    expect(annotator.mentions().find(({ mention }) => mention.entityId === 'kursk')?.marks).toEqual(written?.marks);
  });

  it('reveals a mention whose marks wait', async () => {
    const { annotator } = await waitingPage();
    expect(annotator.reveal('mikhail-mishustin')).toBe(true);
    expect(marksIn('two')).toEqual(['mikhail-mishustin']);
    expect(document.querySelector('#two mark')!.classList.contains('backstory-flash')).toBe(true);
  });

  it('writes every waiting mark before the page is printed', async () => {
    const { viewport } = await waitingPage();
    window.dispatchEvent(new Event('beforeprint'));
    expect([marksIn('one'), marksIn('two'), marksIn('three')]).toEqual([['li-qiang', 'moscow'], ['mikhail-mishustin'], ['kursk']]);
    expect(viewport.watched.size).toBe(0);
  });

  it('lets go of a waiting block the page removes', async () => {
    const { annotator, viewport, byId } = await waitingPage();
    const two = byId('two');
    two.remove();
    await annotator.idle();
    expect(viewport.watched.has(two)).toBe(false);
    expect(annotator.report().total).toBe(3);
    expect(annotator.mentions().map(({ mention }) => mention.entityId)).toEqual(['li-qiang', 'moscow', 'kursk']);
  });

  it('watches the blocks of a section through it, and each of them only while it is near', async () => {
    const { annotator, viewport, byId } = await waitingPage(SECTIONS_PAGE);
    expect([...viewport.watched]).toEqual([byId('first'), byId('second')]);
    expect(annotator.report().total).toBe(4);
    viewport.reportOn([byId('first')], true);
    expect([...viewport.watched]).toEqual([byId('first'), byId('second'), byId('one'), byId('two')]);
    await annotator.idle();
    expect(marksIn('one')).toEqual([]);
    viewport.reportOn([byId('one')], true);
    await annotator.idle();
    expect(marksIn('one')).toEqual(['li-qiang', 'moscow']);
    expect(marksIn('two')).toEqual([]);
    // The section goes away again: its blocks are watched through it again, and a report on one
    // of them from before (already queued) writes nothing.
    viewport.reportOn([byId('first')], false);
    expect([...viewport.watched]).toEqual([byId('first'), byId('second')]);
    viewport.reportOn([byId('two')], true);
    await annotator.idle();
    expect(marksIn('two')).toEqual([]);
    // A section with no height (its blocks floated, say) does not tell where they are: they are
    // watched one by one. Once all a section's blocks are written, the section is let go.
    viewport.reportOn([byId('second')], false, { width: 600, height: 0 });
    expect(viewport.watched.has(byId('three'))).toBe(true);
    viewport.reportOn([byId('three')], true);
    await annotator.idle();
    expect(marksIn('three')).toEqual(['kursk']);
    expect([...viewport.watched]).toEqual([byId('first')]);
    expect(annotator.report().total).toBe(4);
  });

  it('writes a block that holds blocks of its own once both it and what it is watched through are near', async () => {
    const page = '<h1>Town news</h1><section id="outer"><div id="own">Vladimir Putin spoke. <p id="inner">They spoke of Kursk.</p></div></section>';
    const { annotator, viewport, byId } = await waitingPage(page);
    expect([...viewport.watched]).toEqual([byId('outer'), byId('own')]);
    // The inner block's parent comes near first: the parent's own text waits for the section.
    viewport.reportOn([byId('own')], true);
    await annotator.idle();
    expect(marksIn('own')).toEqual([]);
    expect(viewport.watched.has(byId('inner'))).toBe(true);
    viewport.reportOn([byId('outer')], true);
    await annotator.idle();
    expect(marksIn('own')).toEqual(['vladimir-putin']);
    expect(marksIn('inner')).toEqual([]);
    viewport.reportOn([byId('inner')], true);
    await annotator.idle();
    expect(marksIn('inner')).toEqual(['kursk']);
    expect(viewport.watched.size).toBe(0);
  });

  it('leaves the page as it was on stop(), written or not, and lets go of the observer', async () => {
    const { annotator, viewport, byId } = await waitingPage();
    viewport.reportOn([byId('one')], true);
    await annotator.idle();
    expect(marksIn('one')).toEqual(['li-qiang', 'moscow']);
    annotator.stop();
    expect(document.body.innerHTML).toBe(PAGE);
    expect(viewport.watched.size).toBe(0);
    expect(annotator.report().total).toBe(0);
  });
});

const PAINT_PAGE = [
  '<h1>Town news</h1>',
  '<p id="one">Li Qiang arrived in <b>Mos</b>cow.</p>',
  '<p id="two">Mikhail Mishustin met him.</p>',
  '<p id="three">Premier Li spoke of Kursk.</p>',
].join('');

const marksInside = (element: Element) => [...element.querySelectorAll('mark.backstory-mark')].map((mark) => (mark as HTMLElement).dataset.entity);

/** The page annotated with stand-ins for the viewport and the paint, and scanned. */
async function annotatedWithPaint(html: string, paintAboveElements?: number, firstScreensChars?: number) {
  document.body.innerHTML = html;
  const viewport = standInViewport();
  const paint = standInPaint();
  annotator = createAnnotator({ doc: document, matcher, wanted: () => true, viewportObserver: viewport.Observer, paintApi: paint.api, paintAboveElements, firstScreensChars });
  await annotator.start();
  await annotator.idle();
  return { annotator, viewport, paint };
}

/** PAINT_PAGE, with more elements than paintAboveElements (unless told a higher bar). */
async function paintedPage(paintAboveElements = 5, firstScreensChars?: number) {
  const { annotator, viewport, paint } = await annotatedWithPaint(PAINT_PAGE, paintAboveElements, firstScreensChars);
  const byId = (id: string) => document.getElementById(id)!;
  return { annotator, viewport: viewport.current()!, byId, ...paint };
}

describe('mentions painted on a page of many elements', () => {
  it('paints the blocks that come near, with no mark, and counts every mention', async () => {
    const { annotator, viewport, byId, paintedIn } = await paintedPage();
    // Even the first screens wait for the viewport: nothing is painted or marked before.
    expect(paintedIn(document.body)).toEqual([]);
    expect(annotator.report().total).toBe(5);
    viewport.reportOn([byId('one'), byId('three')], true);
    await annotator.idle();
    expect(paintedIn(byId('one'))).toEqual(['person:Li Qiang', 'place:Moscow']);
    expect(paintedIn(byId('three'))).toEqual(['person:Premier Li', 'place:Kursk']);
    expect(paintedIn(byId('two'))).toEqual([]);
    expect(document.querySelectorAll('mark')).toHaveLength(0);
    expect(document.body.innerHTML).toBe(PAINT_PAGE);
    expect(annotator.report().total).toBe(5);
    expect(annotator.mentions().map(({ mention, marks }) => `${mention.entityId}:${marks.length}`)).toEqual([
      'li-qiang:0',
      'moscow:0',
      'mikhail-mishustin:0',
      'li-qiang:0',
      'kursk:0',
    ]);
    expect(viewport.watched.has(byId('one'))).toBe(false);
  });

  it('writes the marks of a painted mention asked for, in place of its block\'s paint', async () => {
    const { annotator, viewport, byId, paintedIn } = await paintedPage();
    viewport.reportOn([byId('one'), byId('three')], true);
    await annotator.idle();
    const moscow = annotator.mentions().find(({ mention }) => mention.entityId === 'moscow')!;
    const written = annotator.written(moscow);
    expect(written?.marks.map((mark) => mark.textContent)).toEqual(['Mos', 'cow']);
    expect(marksInside(byId('one'))).toEqual(['li-qiang', 'moscow', 'moscow']);
    expect(paintedIn(byId('one'))).toEqual([]);
    expect(paintedIn(byId('three'))).toEqual(['person:Premier Li', 'place:Kursk']);
    expect(annotator.report().total).toBe(5);
  });

  it('takes the paint off what the page removes, and off a short form no longer named', async () => {
    const { annotator, viewport, byId, paintedIn, registry } = await paintedPage();
    viewport.reportOn([byId('one'), byId('two'), byId('three')], true);
    await annotator.idle();
    expect(paintedIn(byId('three'))).toEqual(['person:Premier Li', 'place:Kursk']);
    // "Premier Li" counts only where the page names Li Qiang in full, as #one did.
    const one = byId('one');
    one.remove();
    await annotator.idle();
    expect(paintedIn(one)).toEqual([]);
    expect(paintedIn(byId('three'))).toEqual(['place:Kursk']);
    expect(paintedIn(byId('two'))).toEqual(['person:Mikhail Mishustin']);
    expect([...registry.values()].reduce((sum, ranges) => sum + ranges.size, 0)).toBe(2);
    expect(annotator.report().total).toBe(2);
  });

  it('writes every painted mention before the page is printed', async () => {
    const { annotator, viewport, byId, paintedIn } = await paintedPage();
    viewport.reportOn([byId('one')], true);
    await annotator.idle();
    window.dispatchEvent(new Event('beforeprint'));
    expect([marksInside(byId('one')), marksInside(byId('two')), marksInside(byId('three'))]).toEqual([
      ['li-qiang', 'moscow', 'moscow'],
      ['mikhail-mishustin'],
      ['li-qiang', 'kursk'],
    ]);
    expect(paintedIn(document.body)).toEqual([]);
  });

  it('leaves neither marks nor paint on stop()', async () => {
    const { annotator, viewport, byId, registry } = await paintedPage();
    viewport.reportOn([byId('one'), byId('two')], true);
    await annotator.idle();
    annotator.written(annotator.mentions()[0]!);
    expect(registry.size).toBeGreaterThan(0);
    annotator.stop();
    expect(registry.size).toBe(0);
    expect(document.body.innerHTML).toBe(PAINT_PAGE);
    expect(annotator.report().total).toBe(0);
  });

  it('paints a page that mentions the story only once it adds text that does', async () => {
    const { annotator, viewport, paint } = await annotatedWithPaint('<h1>Town news</h1><p id="quiet">The ferries run late.</p>', 2);
    expect(annotator.report().total).toBe(0);
    const added = document.createElement('p');
    added.textContent = 'Li Qiang arrived in Moscow.';
    document.body.append(added);
    await annotator.idle();
    expect(annotator.report().total).toBe(2);
    viewport.current()!.reportOn([added], true);
    await annotator.idle();
    expect(paint.paintedIn(added)).toEqual(['person:Li Qiang', 'place:Moscow']);
    expect(added.querySelectorAll('mark')).toHaveLength(0);
  });

  it('paints what a growing page adds once it has grown past the bar, keeping the marks written before', async () => {
    // Elements, marks included: PAINT_PAGE's 8 with <html>, <head> and <body>, then 6 marks.
    const { annotator, viewport, paint } = await annotatedWithPaint(PAINT_PAGE, 15);
    const one = document.getElementById('one')!;
    expect(marksInside(one)).toEqual(['li-qiang', 'moscow', 'moscow']);
    const four = document.createElement('p');
    four.textContent = 'Vladimir Putin met him.';
    // 15 with it, at the bar: still marked.
    document.body.append(four);
    await annotator.idle();
    expect(marksInside(four)).toEqual(['vladimir-putin']);
    // 16 with its mark, and three elements more: past the bar.
    const more = document.createElement('section');
    more.innerHTML = '<p id="five">Talks in Kursk.</p><p>The ferries run late.</p>';
    document.body.append(more);
    await annotator.idle();
    const five = document.getElementById('five')!;
    expect(paint.paintedIn(five)).toEqual([]);
    // Watched through its section until that comes near.
    viewport.current()!.reportOn([more], true);
    viewport.current()!.reportOn([five], true);
    await annotator.idle();
    expect(paint.paintedIn(five)).toEqual(['place:Kursk']);
    expect(marksInside(more)).toEqual([]);
    expect(marksInside(one)).toEqual(['li-qiang', 'moscow', 'moscow']);
    expect(marksInside(four)).toEqual(['vladimir-putin']);
    expect(annotator.report().total).toBe(7);
  });

  it('counts the elements again when started again, after the page grew while it was stopped', async () => {
    const { annotator, viewport, paint } = await annotatedWithPaint(PAINT_PAGE, 15);
    expect(marksInside(document.body)).toHaveLength(6);
    annotator.stop();
    document.body.insertAdjacentHTML('beforeend', '<section><p>Talks in Kursk.</p><p>The ferries run late.</p><p>Rain.</p></section>'.repeat(2));
    await annotator.start();
    await annotator.idle();
    expect(marksInside(document.body)).toEqual([]);
    viewport.current()!.reportOn([document.getElementById('one')!], true);
    await annotator.idle();
    expect(paint.paintedIn(document.getElementById('one')!)).toEqual(['person:Li Qiang', 'place:Moscow']);
  });

  it('paints a paragraph of more than 100 000 characters on a page of few elements, and marks the rest', async () => {
    const book = 'The harbour committee met again. '.repeat(3_100);
    const { annotator, viewport, paint } = await annotatedWithPaint(
      `<p id="short">Li Qiang arrived in Moscow.</p><p id="book">${book}Mishustin spoke of Kursk.</p>`,
    );
    const short = document.getElementById('short')!;
    const long = document.getElementById('book')!;
    expect(marksInside(short)).toEqual(['li-qiang', 'moscow']);
    expect(paint.paintedIn(long)).toEqual([]);
    viewport.current()!.reportOn([long], true);
    await annotator.idle();
    expect(paint.paintedIn(long)).toEqual(['person:Mishustin', 'place:Kursk']);
    expect(marksInside(long)).toEqual([]);
    expect(paint.paintedIn(short)).toEqual([]);
    expect(annotator.report().total).toBe(4);
  });

  it('paints a block of many inline elements by the text its mentions stand on, never text the page changed there', async () => {
    // Three blocks of 300 inline elements each, Kursk in the 100th.
    const block = (id: string) => `<p id="${id}">${Array.from({ length: 300 }, (_, index) => `<span>${index === 100 ? 'Kursk' : `w${index}`}</span> `).join('')}</p>`;
    const { annotator, viewport, paint } = await annotatedWithPaint(['a', 'b', 'c'].map(block).join(''), 5);
    const [a, b, c] = (['a', 'b', 'c'] as const).map((id) => document.getElementById(id)!) as [HTMLElement, HTMLElement, HTMLElement];
    expect(annotator.report().total).toBe(3);
    // Before the page's records are read: the text after a's Kursk now runs on from it, b's Kursk
    // is another word, and far from c's Kursk a word changed.
    a.querySelectorAll('span')[100]!.nextSibling!.textContent = 'x';
    b.querySelectorAll('span')[100]!.firstChild!.textContent = 'Kazan';
    c.querySelectorAll('span')[5]!.firstChild!.textContent = 'w5 and more';
    viewport.current()!.reportOn([a, b, c], true);
    expect([paint.paintedIn(a), paint.paintedIn(b), paint.paintedIn(c)]).toEqual([[], [], ['place:Kursk']]);
    expect(paint.ranges()[0]!.startContainer).toBe(c.querySelectorAll('span')[100]!.firstChild);
    // Read again: c's Kursk is the one mention left.
    await annotator.idle();
    viewport.current()!.reportOn([a, b, c], true);
    await annotator.idle();
    expect([paint.paintedIn(a), paint.paintedIn(b), paint.paintedIn(c)]).toEqual([[], [], ['place:Kursk']]);
    expect(annotator.report().total).toBe(1);
  });

  it('reads a text node of many mentions once to paint them', async () => {
    const { annotator, viewport, paint } = await annotatedWithPaint(`<h1>Town news</h1><p id="long">${'Kursk was quiet. '.repeat(50)}</p>`, 1);
    const paragraph = document.getElementById('long')!;
    const node = paragraph.firstChild as Text;
    // The annotator's reads of the node's text counted (in Firefox each read of a big node's text
    // is costly; the stand-in DOM's ranges read it too, and are left out).
    const data = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Text.prototype), 'data')!;
    let reads = 0;
    Object.defineProperty(node, 'data', {
      configurable: true,
      get() {
        // The line below this getter's own in the stack: who read the text.
        if (new Error().stack?.split('\n')[2]?.includes('src/content/annotator.ts')) reads++;
        return data.get!.call(node);
      },
    });
    viewport.current()!.reportOn([paragraph], true);
    await annotator.idle();
    const readsToPaint = reads;
    expect(paint.paintedIn(paragraph)).toEqual(Array(50).fill('place:Kursk'));
    expect(readsToPaint).toBe(1);
  });

  it('writes marks as before on a page of fewer elements', async () => {
    // The first block (the heading, with no mention) is read before an allowance of 1 runs out.
    const { annotator, viewport, byId, registry } = await paintedPage(1_000, 1);
    expect(marksInside(byId('one'))).toEqual([]);
    viewport.reportOn([byId('three')], true);
    await annotator.idle();
    expect(marksInside(byId('three'))).toEqual(['li-qiang', 'kursk']);
    expect(registry.size).toBe(0);
    expect(annotator.report().total).toBe(5);
  });

  it('paints only a page of more elements than the bar, not one of as many', async () => {
    document.body.innerHTML = PAINT_PAGE;
    const elements = document.getElementsByTagName('*').length;
    // The first screens are marked as they are read: nothing waits for the viewport.
    const atTheBar = await paintedPage(elements);
    expect(marksInside(atTheBar.byId('one'))).toEqual(['li-qiang', 'moscow', 'moscow']);
    expect(atTheBar.paintedIn(document.body)).toEqual([]);
    atTheBar.annotator.stop();

    const pastTheBar = await paintedPage(elements - 1);
    pastTheBar.viewport.reportOn([pastTheBar.byId('one')], true);
    await pastTheBar.annotator.idle();
    expect(marksInside(pastTheBar.byId('one'))).toEqual([]);
    expect(pastTheBar.paintedIn(pastTheBar.byId('one'))).toEqual(['person:Li Qiang', 'place:Moscow']);
  });
});
