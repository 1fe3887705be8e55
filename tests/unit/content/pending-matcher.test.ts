// @vitest-environment happy-dom
// An imported pack's matcher, pending: the page is tested with the pre-test stored beside the pack,
// and the pack is read (load) only once the page passes it.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PagePretest, pendingMatcher, preparePretest, type PendingMatcher } from '../../../src/match';
import { samplePack } from '../../support/sample-pack';
import { SEED_PACK } from '../../../src/story/seed-pack';
import { createAnnotator } from '../../../src/content/annotator';
import { installNodeIterator } from '../support/node-iterator';

/** The seed pack, pending: read() is counted, and waits for `gate` where one is given. */
function pending(options: { fails?: boolean; gate?: Promise<void> } = {}) {
  const load = vi.fn(async () => {
    await options.gate;
    if (options.fails) throw new Error('The pack cannot be read.');
    return { pack: structuredClone(SEED_PACK), own: true };
  });
  return { matcher: pendingMatcher(PagePretest.fromPrepared(preparePretest(SEED_PACK)), load), load };
}

const marks = () => [...document.querySelectorAll('mark.backstory-mark')].map((mark) => mark.textContent);
const mutationsDone = () => new Promise((resolve) => setTimeout(resolve, 100));

/** Annotators a test started, stopped after it whether it passed or not. */
const started: { stop(): void }[] = [];
const annotate = (matcher: PendingMatcher) => {
  const annotator = createAnnotator({ doc: document, matcher, wanted: () => true });
  started.push(annotator);
  return annotator;
};

/** The page from html, annotated with the seed pack pending, once the annotator is idle. */
async function annotated(html: string, options: Parameters<typeof pending>[0] = {}) {
  document.body.innerHTML = html;
  const { matcher, load } = pending(options);
  const annotator = annotate(matcher);
  await annotator.start();
  await annotator.idle();
  return { annotator, load };
}

/** Adds html at the end of the page, and waits for the annotator to follow. */
async function added(annotator: { idle(): Promise<void> }, html: string): Promise<void> {
  document.body.insertAdjacentHTML('beforeend', html);
  await mutationsDone();
  await annotator.idle();
}

let restoreIterator: () => void;
beforeAll(() => {
  restoreIterator = installNodeIterator(document);
});
afterAll(() => restoreIterator());
afterEach(() => {
  for (const annotator of started.splice(0)) annotator.stop();
  document.body.innerHTML = '';
});

describe('a pack read only once a page passes its pre-test (pendingMatcher)', () => {
  it('is never read on a page that does not mention the story', async () => {
    const { annotator, load } = await annotated('<p>The weather in Lisbon stays mild all week.</p>');
    expect(load).not.toHaveBeenCalled();
    expect(annotator.report().total).toBe(0);
  });

  it('is read once on a page that does, and the page is highlighted as with the whole matcher', async () => {
    const { annotator, load } = await annotated('<p>Li Qiang met Vladimir Putin in Moscow.</p><p>Mishustin spoke after.</p>');
    expect(load).toHaveBeenCalledTimes(1);
    expect(marks()).toEqual(['Li Qiang', 'Vladimir Putin', 'Moscow', 'Mishustin']);
    await added(annotator, '<p>Golovchenko waited in Belarus.</p>');
    expect(marks()).toEqual(['Li Qiang', 'Vladimir Putin', 'Moscow', 'Mishustin', 'Golovchenko', 'Belarus']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('is read when a page that did not mention the story adds a mention', async () => {
    const { annotator, load } = await annotated('<p>Markets were calm.</p>');
    expect(load).not.toHaveBeenCalled();
    await added(annotator, '<p>Mishustin welcomed Li Qiang.</p>');
    expect(load).toHaveBeenCalledTimes(1);
    expect(marks()).toEqual(['Mishustin', 'Li Qiang']);
  });

  it('leaves the page as it is when the pack cannot be read', async () => {
    const html = '<p>Li Qiang met Vladimir Putin in Moscow.</p>';
    const { annotator, load } = await annotated(html, { fails: true });
    expect(load).toHaveBeenCalled();
    expect(document.body.innerHTML).toBe(html);
    expect(annotator.report().total).toBe(0);
  });

  it('writes nothing when stopped while the pack was being read', async () => {
    const html = '<p>Li Qiang met Vladimir Putin in Moscow.</p>';
    document.body.innerHTML = html;
    let open = () => {};
    const { matcher, load } = pending({ gate: new Promise<void>((resolve) => (open = resolve)) });
    const annotator = annotate(matcher);
    void annotator.start();
    await vi.waitFor(() => expect(load).toHaveBeenCalled());
    annotator.stop();
    open();
    await mutationsDone();
    expect(document.body.innerHTML).toBe(html);
  });

  it('compiles a pack that stands in for the one the pre-test was made for with its own pre-test', async () => {
    const standIn = structuredClone(SEED_PACK);
    const matcher = pendingMatcher(PagePretest.fromPrepared(preparePretest(samplePack() as never)), async () => ({ pack: standIn, own: false }));
    expect(matcher.pretestSession().add('Vladimir Putin arrived.')).toBe(false);
    const loaded = await matcher.load();
    expect(loaded.mightMention('Vladimir Putin arrived.')).toBe(true);
    expect(loaded.mightMention('The harbour was closed.')).toBe(false);
    expect(await matcher.load()).toBe(loaded);
  });
});
