// @vitest-environment happy-dom
// Highlighting one block and undoing it: small blocks in one mark.js call, big ones a mention at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlightBlock, undoHighlight } from '../../../src/content/highlight';
import { iterateTextBlocks } from '../../../src/content/text-blocks';
import { compileMatcher } from '../../../src/match';
import { SEED_PACK } from '../../../src/story/seed-pack';
import { installNodeIterator } from '../support/node-iterator';

const matcher = compileMatcher(SEED_PACK);

let restoreIterator: () => void;
beforeAll(() => {
  restoreIterator = installNodeIterator(document);
});
afterAll(() => restoreIterator());

/**
 * Highlights every block of html (null: of the page as it is); returns what each mark reads, and
 * whether undo restored the page.
 */
function highlightAll(html: string | null, whileMarked?: () => void): { marked: string[]; restored: boolean } {
  if (html !== null) document.body.innerHTML = html;
  const before = document.body.cloneNode(true);
  const highlights = [...iterateTextBlocks(document.body)].map((block) => highlightBlock(block, matcher.find(block.text)));
  whileMarked?.();
  const marked = highlights.flatMap((highlight) =>
    highlight.mentions.map(({ mention, marks }) => `${mention.entityId}:${marks.map((mark) => mark.textContent).join('|')}`),
  );
  for (const highlight of highlights.reverse()) undoHighlight(highlight);
  return { marked, restored: document.body.isEqualNode(before) };
}

describe('highlightBlock', () => {
  const names = 'Li <b>Qiang</b> met Mishu<i>stin</i> in Moscow; Moscow and Moscow again.';

  it('marks names split by markup, several in one text node, and undoes it exactly', () => {
    expect(highlightAll(`<p>${names}</p>`)).toEqual({
      marked: ['li-qiang:Li |Qiang', 'mikhail-mishustin:Mishu|stin', 'moscow:Moscow', 'moscow:Moscow', 'moscow:Moscow'],
      restored: true,
    });
  });

  it('marks a name that a line-break opportunity (<wbr>) splits as one, and undoes it exactly', () => {
    expect(highlightAll('<p>Mishu<wbr>stin met Li<wbr> Qiang in Mos<wbr>cow.</p>')).toEqual({
      marked: ['mikhail-mishustin:Mishu|stin', 'li-qiang:Li| Qiang', 'moscow:Mos|cow'],
      restored: true,
    });
  });

  it('does the same in a block of thousands of text nodes', () => {
    const filler = Array.from({ length: 300 }, (_, index) => `<span>w${index}</span> `).join('');
    const { marked, restored } = highlightAll(`<p>${filler}${names} ${filler}${names}</p>`);
    expect(restored).toBe(true);
    expect(marked).toEqual([
      ...['li-qiang:Li |Qiang', 'mikhail-mishustin:Mishu|stin', 'moscow:Moscow', 'moscow:Moscow', 'moscow:Moscow'],
      ...['li-qiang:Li |Qiang', 'mikhail-mishustin:Mishu|stin', 'moscow:Moscow', 'moscow:Moscow', 'moscow:Moscow'],
    ]);
  });

  it('does the same in a text node of megabytes, which keeps its text up to the first name', () => {
    const filler = 'Lorem ipsum dolor sit amet. '.repeat(40_000);
    document.body.innerHTML = `<p>${filler}${names} ${filler}${names}</p>`;
    const long = document.body.querySelector('p')!.firstChild as Text;
    const { marked, restored } = highlightAll(null, () => {
      // While highlighted, the page's own node holds the text before the first name.
      expect(document.body.querySelector('p')!.firstChild).toBe(long);
      expect(long.data).toBe(filler);
    });
    expect(restored).toBe(true);
    expect(marked).toEqual([
      ...['li-qiang:Li |Qiang', 'mikhail-mishustin:Mishu|stin', 'moscow:Moscow', 'moscow:Moscow', 'moscow:Moscow'],
      ...['li-qiang:Li |Qiang', 'mikhail-mishustin:Mishu|stin', 'moscow:Moscow', 'moscow:Moscow', 'moscow:Moscow'],
    ]);
  });

  it('reads the block nodes alone where the container holds more than the block', () => {
    expect(highlightAll(`<div>Moscow<code>Moscow</code>Moscow<p>Kursk</p></div>`)).toEqual({
      marked: ['moscow:Moscow', 'moscow:Moscow', 'kursk:Kursk'],
      restored: true,
    });
  });
});
