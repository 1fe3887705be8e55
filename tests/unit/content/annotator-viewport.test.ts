// @vitest-environment happy-dom
// Marks written as the reader comes near them: what waits is counted and listed, what comes near is
// written, what the page removes is let go, and stop() leaves the page as it was.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/match';
import { SEED_PACK } from '../../../src/story/seed-pack';
import { createAnnotator, type Annotator } from '../../../src/content/annotator';
import { installNodeIterator } from '../support/node-iterator';
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
});

/** The page above with every block past the first screens (here: all of them) waiting. */
async function waitingPage() {
  document.body.innerHTML = PAGE;
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
    // A block that stays away is not written; one without a box of its own is written at once.
    viewport.reportOn([byId('one')], false);
    viewport.reportOn([byId('three')], false, true);
    await annotator.idle();
    expect(marksIn('one')).toEqual([]);
    expect(marksIn('three')).toEqual(['kursk']);
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
