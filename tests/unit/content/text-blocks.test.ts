// @vitest-environment happy-dom
// Reading a page into blocks of running text, as the scan does, pausing now and then.
import { afterEach, describe, expect, it } from 'vitest';
import { iterateTextBlocks, walkTextBlocks } from '../../../src/content/text-blocks';

afterEach(() => {
  document.body.innerHTML = '';
});

const texts = (blocks: Iterable<{ text: string } | null>): string[] => [...blocks].flatMap((block) => (block ? [block.text] : []));

describe('walkTextBlocks', () => {
  it('reads every block past skipped elements, wherever its pauses fall', () => {
    document.body.innerHTML = Array.from(
      { length: 12 },
      (_, index) => `<p>para ${index} <code>x = ${index}</code> <b>end</b></p><pre>skipped</pre><textarea>also</textarea>`,
    ).join('');
    const whole = texts(iterateTextBlocks(document.body));
    expect(whole).toHaveLength(24);
    expect(whole.join(' ')).not.toMatch(/skipped|also|x = /);
    // A pause after every node lands on skipped elements too; the walk must go on past them.
    for (const pauseEvery of [1, 2, 3, 5, 7]) {
      expect(texts(walkTextBlocks(document.body, { pauseEvery }))).toEqual(whole);
    }
  });

  // With pageMoves, the walk looks nodes up among those read only once the page has moved nodes:
  // the nodes read before the move count too, in the block being read and in those before it. With
  // changes too (as the annotator runs it), it does so only after a pause in which the page ran.
  for (const told of ['', 'moves', 'moves and changes'] as const) {
    it(`never reads a node twice when the page moves it on ahead while the walk pauses${told ? ` (told of ${told})` : ''}`, () => {
      for (const [html, movedAt] of [
        ['Putin met <b>Li</b> Qiang in <i>Moscow</i> today', 3],
        ['<p>Putin met Li Qiang</p><p>in <i>Moscow</i> today</p><p>and <b>then</b> Minsk</p>', 6],
      ] as const) {
        document.body.innerHTML = html;
        const first = document.body.firstChild!.firstChild ?? document.body.firstChild!;
        const read: Text[] = [];
        let pauses = 0;
        let moves = 0;
        let ran = 0;
        const options = {
          pauseEvery: 1,
          pageMoves: told ? () => moves : undefined,
          changes: told === 'moves and changes' ? () => ran : undefined,
        };
        for (const block of walkTextBlocks(document.body, options)) {
          // Once the walk is past it, the page runs and moves the first text to the end.
          if (block === null && ++pauses === movedAt) {
            ran += 1;
            document.body.lastChild!.appendChild(first);
            moves += 1;
          } else if (block) read.push(...block.nodes);
        }
        expect(read).toContain(first);
        expect(new Set(read).size).toBe(read.length);
      }
    });
  }

  // The annotator tells the walk which blocks it found something in: only their nodes must never be
  // read twice (a second read would mark them twice); the rest it need not hold on to.
  it('reads a node moved on ahead again only where the caller kept nothing of its block', () => {
    const readAfterMove = (kept: (block: { text: string }) => boolean): string[] => {
      document.body.innerHTML = '<p>Putin met Li Qiang</p><p>in <i>Moscow</i> today</p><p>and <b>then</b> Minsk</p>';
      const first = document.body.firstChild!.firstChild!;
      const read: string[] = [];
      let pauses = 0;
      let moves = 0;
      let ran = 0;
      for (const block of walkTextBlocks(document.body, { pauseEvery: 1, pageMoves: () => moves, changes: () => ran, kept })) {
        if (block === null && ++pauses === 4) {
          ran += 1;
          document.body.lastChild!.appendChild(first);
          moves += 1;
        } else if (block) read.push(block.text);
      }
      return read;
    };
    expect(readAfterMove((block) => block.text.includes('Putin'))).toEqual(['Putin met Li Qiang', 'in Moscow today', 'and then Minsk']);
    expect(readAfterMove(() => false)).toEqual(['Putin met Li Qiang', 'in Moscow today', 'and then MinskPutin met Li Qiang']);
  });

  it('leaves ruby annotations out of the running text, joining the text either side of them', () => {
    document.body.innerHTML = '<p>Li met <ruby>中<rp>(</rp><rt>zhōng</rt><rp>)</rp>国<rt>guó</rt><rtc>China</rtc></ruby> envoys</p>';
    const blocks = [...iterateTextBlocks(document.body)];
    expect(blocks.map((block) => block.text)).toEqual(['Li met 中国 envoys']);
    expect(blocks[0]!.nodes.map((node) => node.data)).toEqual(['Li met ', '中', '国', ' envoys']);
  });

  it('splits running text where a skipped element stands in it', () => {
    document.body.innerHTML = '<p>Li <code>x</code>Qiang and <span contenteditable="true">typed</span> more</p>';
    expect(texts(iterateTextBlocks(document.body))).toEqual(['Li ', 'Qiang and ', ' more']);
  });
});
