// @vitest-environment happy-dom
// The page pre-test as the annotator runs it: which pages wake it, read the way the scan reads them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/match';
import { SEED_PACK } from '../../../src/story/seed-pack';
import { createAnnotator } from '../../../src/content/annotator';
import { pretestChunks } from '../../../src/content/text-blocks';
import { installNodeIterator } from '../support/node-iterator';

const matcher = compileMatcher(SEED_PACK);

/** Highlights a page built from html and returns the entities marked on it. */
async function marked(html: string): Promise<string[]> {
  document.body.innerHTML = html;
  const annotator = createAnnotator({ doc: document, matcher, wanted: () => true });
  await annotator.start();
  await annotator.idle();
  const entities = annotator.mentions().map(({ mention }) => mention.entityId);
  annotator.stop();
  return entities;
}

const SVG = 'http://www.w3.org/2000/svg';

const bodyText = (): string => [...pretestChunks(document.body, { chunk: Infinity, pauseEvery: Infinity })].join('');

const textFor = (html: string): string => {
  document.body.innerHTML = html;
  return bodyText();
};

let restoreIterator: () => void;
beforeAll(() => {
  restoreIterator = installNodeIterator(document);
});
afterAll(() => restoreIterator());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('page pre-test', () => {
  it('keeps the text of two blocks apart, so a name that starts a block still counts', async () => {
    expect(await marked('<ul><li>Home</li><li>Putin visits</li></ul>')).toEqual(['vladimir-putin']);
    expect(await marked('<p>Breaking<br>Putin met Li Qiang</p>')).toContain('li-qiang');
    expect(await marked('<div><p>Live</p>Mishustin spoke</div>')).toEqual(['mikhail-mishustin']);
  });

  it('keeps text apart where the scan skips an element between or around it', async () => {
    expect(await marked('<p>r<s contenteditable="true"></s>Мишустина</p>')).toEqual(['mikhail-mishustin']);
    expect(await marked('<p><span contenteditable="true">ab</span>Putin visits</p>')).toEqual(['vladimir-putin']);
  });

  it('joins text across inline elements, as the scan does', async () => {
    expect(await marked('<p>Li <b>Qiang</b> arrived</p>')).toEqual(['li-qiang']);
    expect(textFor('<p>Mishu<b>stin</b></p>')).toContain('Mishustin');
    // A line-break opportunity inside a word, as pages put in long words, is no break in it.
    expect(await marked('<p>President Vladi<wbr>mir Putin and Mishu<wbr>stin</p>')).toEqual(['vladimir-putin', 'mikhail-mishustin']);
  });

  it('skips the text of scripts and style sheets', () => {
    expect(textFor('<p>Weather</p><script>var putin = 1;</script><style>.putin{}</style>')).not.toContain('putin');
    // An SVG's style sheet too (made here by hand: this parser drops its text), not its words.
    document.body.innerHTML = '<svg></svg>';
    const svg = document.body.firstElementChild!;
    const make = (name: string, text: string) => svg.appendChild(document.createElementNS(SVG, name)).append(text);
    make('style', '.putin{}');
    make('text', 'Weather');
    const text = bodyText();
    expect(text).toContain('Weather');
    expect(text).not.toContain('putin');
  });

  it('skips the text of a script the page adds, and of a style sheet in a shadow root', () => {
    document.body.innerHTML = '<p>Weather</p><div id="host"></div>';
    const script = document.createElement('script');
    script.textContent = 'var putin = 1;';
    document.body.append(script);
    // Read from the script itself, as for an element the page added.
    expect([...pretestChunks(script, { chunk: Infinity, pauseEvery: Infinity })].join('')).not.toContain('putin');
    document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<style>.putin{}</style><p>Rain</p>';
    const text = bodyText();
    expect(text).toContain('Rain');
    expect(text).not.toContain('putin');
  });

  // Pinyin set over Han text would otherwise run into it: "普pǔ京jīng" holds no 普京.
  it('reads a ruby annotation as no part of the text it is set over', async () => {
    const html = '<p><ruby>普<rp>(</rp><rt>pǔ</rt><rp>)</rp>京<rt>jīng</rt></ruby>抵达<ruby>莫<rt>mò</rt>斯<rt>sī</rt>科<rt>kē</rt><rtc>Moscow</rtc></ruby>。</p>';
    expect(textFor(html)).toContain('普京抵达莫斯科。');
    expect(await marked(html)).toEqual(['vladimir-putin', 'moscow']);
  });

  it('reads open shadow roots', async () => {
    document.body.innerHTML = '<p>Intro</p><div id="host"></div>';
    document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Mishustin</p>';
    expect(bodyText()).toContain('Mishustin');
    // Read from the host itself, as for an element the page added.
    expect([...pretestChunks(document.getElementById('host')!, { chunk: Infinity, pauseEvery: Infinity })].join('')).toContain('Mishustin');
  });

  it('stays asleep on a page whose words only contain the names', async () => {
    expect(await marked('<p>function getCookieValue() {}</p><p>Casino nights</p>')).toEqual([]);
  });

  it('reads the indentation between tags as one space, and splits no word to do so', () => {
    const text = textFor('<div>\n      <p>Li</p>\n      <p>Mishu<b>stin</b></p>\n    </div>');
    expect(text.trim().split(/\s+/)).toEqual(['Li', 'Mishustin']);
    expect(text).not.toMatch(/ {2}/);
  });

  it('gives the text in chunks when asked', () => {
    const chunks = [...pretestChunks((textFor('<p>a</p>'.repeat(50)), document.body), { chunk: 20, pauseEvery: 1_000 })];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join('').replace(/\n+/g, ' ').trim()).toBe(Array(50).fill('a').join(' '));
  });

  it('gives a text node of many chunks in pieces', () => {
    const book = 'Li Qiang met Mishustin. '.repeat(1_000);
    document.body.innerHTML = `<h1>A book</h1><p>${book}</p><p>The end.</p>`;
    const chunks = [...pretestChunks(document.body, { chunk: 1_000, pauseEvery: 1_000 })];
    expect(chunks.length).toBeGreaterThan(20);
    expect(Math.max(...chunks.map((chunk) => chunk!.length))).toBeLessThan(2_000);
    expect(chunks.join('').replace(/\s+/g, ' ').trim()).toBe(`A book ${book.trim()} The end.`);
  });
});
