// @vitest-environment happy-dom
// Mentions painted instead of marked on a page of many elements (see paintApi): what comes near is
// painted, what a reader asks for gets its marks in place of its paint, what the page removes or
// no longer names loses its paint, and stop() leaves neither marks nor paint.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/match';
import { SEED_PACK } from '../../../src/story/seed-pack';
import { createAnnotator, type Annotator } from '../../../src/content/annotator';
import { installNodeIterator } from '../support/node-iterator';
import { standInPaint } from '../support/stand-in-paint';
import { standInViewport } from '../support/stand-in-viewport';

const matcher = compileMatcher(SEED_PACK);

const PAGE = [
  '<h1>Town news</h1>',
  '<p id="one">Li Qiang arrived in <b>Mos</b>cow.</p>',
  '<p id="two">Mikhail Mishustin met him.</p>',
  '<p id="three">Premier Li spoke of Kursk.</p>',
].join('');

const marksIn = (element: Element) => [...element.querySelectorAll('mark.backstory-mark')].map((mark) => (mark as HTMLElement).dataset.entity);

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

/** The page above, with more elements than paintAboveElements (unless told a higher bar). */
async function paintedPage(paintAboveElements = 5, firstScreensChars?: number) {
  document.body.innerHTML = PAGE;
  const viewport = standInViewport();
  const paint = standInPaint();
  annotator = createAnnotator({ doc: document, matcher, wanted: () => true, viewportObserver: viewport.Observer, paintApi: paint.api, paintAboveElements, firstScreensChars });
  await annotator.start();
  await annotator.idle();
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
    expect(document.body.innerHTML).toBe(PAGE);
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
    expect(marksIn(byId('one'))).toEqual(['li-qiang', 'moscow', 'moscow']);
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
    expect([marksIn(byId('one')), marksIn(byId('two')), marksIn(byId('three'))]).toEqual([
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
    expect(document.body.innerHTML).toBe(PAGE);
    expect(annotator.report().total).toBe(0);
  });

  it('paints a page that mentions the story only once it adds text that does', async () => {
    document.body.innerHTML = '<h1>Town news</h1><p id="quiet">The ferries run late.</p>';
    const viewport = standInViewport();
    const paint = standInPaint();
    annotator = createAnnotator({ doc: document, matcher, wanted: () => true, viewportObserver: viewport.Observer, paintApi: paint.api, paintAboveElements: 2 });
    await annotator.start();
    await annotator.idle();
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

  it('writes marks as before on a page of fewer elements', async () => {
    // The first block (the heading, with no mention) is read before an allowance of 1 runs out.
    const { annotator, viewport, byId, registry } = await paintedPage(1_000, 1);
    expect(marksIn(byId('one'))).toEqual([]);
    viewport.reportOn([byId('three')], true);
    await annotator.idle();
    expect(marksIn(byId('three'))).toEqual(['li-qiang', 'kursk']);
    expect(registry.size).toBe(0);
    expect(annotator.report().total).toBe(5);
  });
});
