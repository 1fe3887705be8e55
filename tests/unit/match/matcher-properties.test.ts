import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PagePretest, compileMatcher, findMentionsInText, preparePretest, type Mention } from '../../../src/match';
import { SEED_PACK } from '../../../src/story/seed-pack';
import type { Entity } from '../../../src/story/schema';
import { findInParts } from '../../../src/match/find-in-parts';
import { FIXTURE_ENTITIES, FIXTURE_PACK, packOf } from './fixture-pack';

const LITERAL_ALIASES = ['Li Qiang', 'Xi Jinping', 'Moscow', 'a.*b', '(x+)+y', '[abc]', 'C++', 'a|b', '\\d', '李强', '莫斯科'];

const LITERAL_PACK = packOf([
  ...LITERAL_ALIASES.map(
    (text, index): Entity => ({
      id: `alias-${index}`,
      category: 'organisation',
      name: text,
      role: text,
      background: [],
      quotes: [],
      related: [],
      aliases: [{ text, lang: 'en' }],
    }),
  ),
]);

/** Case, whitespace and stress marks aside, how an alias reads. */
function comparable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0300\u0301]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

function expectWellFormed(text: string, mentions: readonly Mention[]): void {
  let previousEnd = 0;
  for (const mention of mentions) {
    expect(mention.start).toBeGreaterThanOrEqual(previousEnd);
    expect(mention.end).toBeGreaterThan(mention.start);
    expect(mention.end).toBeLessThanOrEqual(text.length);
    previousEnd = mention.end;
  }
}

const randomCase = (text: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flags) => [...text].map((char, index) => (flags[index] ? char.toUpperCase() : char.toLowerCase())).join(''));

// Besides spaces and punctuation: a sign that NFC makes a sign and a mark, and a letter written as
// a letter and a mark, so that some texts change under NFC.
const separator = fc.constantFrom('', ' ', '  ', '\n', '\n\n', '.', ', ', "'s ", '-', '2', 'x', '。', '\u00a0', '\u{1d1bb}', 'A\u0300');

/** Texts built from the given pieces, arbitrary strings and separators. */
const textOf = (pieces: readonly string[]): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...pieces).chain(randomCase),
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.string({ unit: 'grapheme', maxLength: 8 }),
        separator,
      ),
      { maxLength: 24 },
    )
    .map((parts) => parts.join(''));

const FIXTURE_PIECES = [
  ...FIXTURE_ENTITIES.flatMap((entity) => entity.aliases.map((alias) => alias.text)),
  'Мишустина', 'Ли Цяном', 'Курской', 'Києва', 'Путинизм', 'Lithium', '小李强调', '李显龙',
  'trade', 'Bilateral trade', 'Chinese', 'Russian', 'товарооборот', '贸易', '中俄',
  '$240 billion', 'US$240.1bn', '240,1 млрд долл.', '2401亿美元', '1.6%', '1,6 %', 'more than a quarter',
  'this year', '2023', 'January', '7月',
];

describe('matcher properties', () => {
  it('finds sorted, non-overlapping mentions that read as an alias, literally', () => {
    const matcher = compileMatcher(LITERAL_PACK);
    const forms = new Set(LITERAL_ALIASES.map(comparable));
    fc.assert(
      fc.property(textOf(LITERAL_ALIASES), (text) => {
        const mentions = matcher.find(text);
        expectWellFormed(text, mentions);
        for (const mention of mentions) {
          expect(forms).toContain(comparable(text.slice(mention.start, mention.end)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and keeps its shape on any text', () => {
    const matcher = compileMatcher(FIXTURE_PACK);
    fc.assert(
      fc.property(fc.oneof(textOf(FIXTURE_PIECES), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const mentions = matcher.find(text);
        expectWellFormed(text, mentions);
        for (const mention of mentions) {
          expect(mention.category === 'figure').toBe(mention.value !== undefined);
          if (mention.value) expect(mention.value.text).toBe(text.slice(mention.start, mention.end));
        }
        expectWellFormed(text, findMentionsInText(matcher, text));
      }),
      { numRuns: 500 },
    );
  });

  it('mightMention is false only where nothing would be highlighted', () => {
    const matcher = compileMatcher(FIXTURE_PACK);
    fc.assert(
      fc.property(textOf(FIXTURE_PIECES), (text) => {
        if (findMentionsInText(matcher, text).length > 0) expect(matcher.mightMention(text)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a page alike from a pre-test prepared ahead (as the build prepares the built-in pack)', () => {
    for (const pack of [FIXTURE_PACK, SEED_PACK]) {
      const fresh = compileMatcher(structuredClone(pack));
      // Written down and read back as the build and the content script do.
      const written = preparePretest(pack);
      // It reads as a pre-test where it is kept outside the extension's code (storage).
      expect(PagePretest.readPrepared(written)).not.toBeNull();
      const prepared = compileMatcher(structuredClone(pack), JSON.parse(JSON.stringify(written)));
      const pieces = [...FIXTURE_PIECES, ...pack.entities.flatMap((entity) => entity.aliases.map((alias) => alias.text))];
      fc.assert(
        fc.property(textOf(pieces), (text) => {
          expect(prepared.mightMention(text)).toBe(fresh.mightMention(text));
          expect(prepared.find(text)).toEqual(fresh.find(text));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('passes a page given in chunks wherever it passes the page whole, cut anywhere', () => {
    const matcher = compileMatcher(FIXTURE_PACK);
    const cuts = fc.array(fc.nat(), { maxLength: 6 });
    fc.assert(
      fc.property(textOf(FIXTURE_PIECES), cuts, (text, at) => {
        if (findMentionsInText(matcher, text).length === 0) return;
        const points = [...new Set(at.map((point) => point % (text.length + 1)))].sort((a, b) => a - b);
        const session = matcher.pretestSession();
        let passed = false;
        let from = 0;
        for (const point of [...points, text.length]) {
          passed = session.add(text.slice(from, point)) || passed;
          from = point;
        }
        expect(passed).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('passes a name cut in two by the chunks it arrives in, wherever the cut falls', () => {
    const matcher = compileMatcher(FIXTURE_PACK);
    const filler = 'The weather was mild and the markets were quiet. '.repeat(8);
    for (const entity of FIXTURE_ENTITIES) {
      for (const { text: alias, short } of entity.aliases) {
        if (short || findMentionsInText(matcher, alias).length === 0) continue;
        for (let cut = 1; cut < alias.length; cut++) {
          const session = matcher.pretestSession();
          const first = session.add(`${filler}${alias.slice(0, cut)}`);
          expect(first || session.add(`${alias.slice(cut)} ${filler}`), `${alias} cut at ${cut}`).toBe(true);
        }
      }
    }
  });

  it('rules out, before reading a text, only texts in which there is nothing to find', () => {
    const matcher = compileMatcher(FIXTURE_PACK);
    // Digits and a trade word let any text past the filter (a figure counts only where trade is
    // spoken of); in a paragraph of their own, they add nothing to what is found before them.
    const unfiltered = (text: string) => matcher.find(`${text}\n\n1 trade`).filter((mention) => mention.end <= text.length);
    const withoutDigits = textOf(FIXTURE_PIECES).map((text) => text.replace(/\p{N}/gu, ''));
    fc.assert(
      fc.property(fc.oneof(textOf(FIXTURE_PIECES), withoutDigits), (text) => {
        expect(matcher.find(text)).toEqual(unfiltered(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds in a long text, a part at a time, just what it finds in the whole text', () => {
    const matcher = compileMatcher(FIXTURE_PACK);
    // Paragraphs of at most a few hundred characters: a part is read with enough text around it
    // for the sentences at its edges, and the two before them that a trade figure looks back to.
    const paragraphs = fc.array(textOf(FIXTURE_PIECES), { minLength: 1, maxLength: 40 });
    let cutUp = 0;
    fc.assert(
      fc.property(paragraphs, textOf(FIXTURE_PIECES), fc.integer({ min: 1, max: 300 }), (written, preceding, part) => {
        const text = written.join('\n\n');
        const longest = Math.max(...written.map((paragraph) => paragraph.length)) + 2;
        const sizes = { part, back: 3 * longest, ahead: longest };
        const parts = findInParts(matcher, text, { preceding }, sizes);
        let step = parts.next();
        for (; !step.done; step = parts.next()) cutUp += 1;
        expect(step.value).toEqual(matcher.find(text, { preceding }));
      }),
      { numRuns: 400 },
    );
    // Most texts were read in more than one part.
    expect(cutUp).toBeGreaterThan(400);
  });

  it('finds in a text after the one before it just what it finds in both read as two paragraphs', () => {
    const matcher = compileMatcher(FIXTURE_PACK);
    // What the text before may change: a figure in "Bilateral trade grew 1.6%" counts when the
    // countries are named in the two sentences before, which may be the text before it.
    const inTwo = (preceding: string, text: string): Mention[] => {
      const offset = preceding.length + 2;
      return matcher
        .find(`${preceding}\n\n${text}`)
        .filter((mention) => mention.start >= offset)
        .map((mention) => ({ ...mention, start: mention.start - offset, end: mention.end - offset }));
    };
    // Besides any text, sentences of names, trade words and figures, so that many texts hold a
    // figure whose countries are named only before them.
    const sentence = fc
      .array(fc.constantFrom('China', 'Russia', 'Китай', 'Росія', '中国', 'Bilateral trade', 'trade', 'grew', '1.6%', '$240 billion', 'more than a quarter', 'in 2023', 'this year', 'met', 'and'), { minLength: 1, maxLength: 7 })
      .map((words) => words.join(' '));
    const sentences = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((list) => `${list.join('. ')}.`);
    const anyText = fc.oneof(textOf(FIXTURE_PIECES), sentences);
    let figuresFromBefore = 0;
    fc.assert(
      fc.property(anyText, anyText, (preceding, text) => {
        const found = matcher.find(text, { preceding });
        expect(found).toEqual(inTwo(preceding, text));
        if (found.length > matcher.find(text).length) figuresFromBefore += 1;
      }),
      { numRuns: 3000 },
    );
    // Some texts had a figure only through the countries named before them.
    expect(figuresFromBefore).toBeGreaterThan(0);
  });

  it('gives the first part of a long text the sentences before it on the page', () => {
    const matcher = compileMatcher(FIXTURE_PACK);
    const preceding = 'Russia and China met again.';
    const text = `Bilateral trade grew by 1.6% this year. ${'The weather was mild. '.repeat(40)}`;
    const sizes = { part: 100, back: 200, ahead: 100 };
    const parts = findInParts(matcher, text, { preceding }, sizes);
    let step = parts.next();
    while (!step.done) step = parts.next();
    const figure = step.value.find((mention) => mention.value);
    expect(figure && text.slice(figure.start, figure.end)).toBe('1.6%');
    expect(step.value).toEqual(matcher.find(text, { preceding }));
  });

  it('matches regular-expression characters only as themselves', () => {
    const matcher = compileMatcher(LITERAL_PACK);
    const metacharacters = fc
      .array(fc.constantFrom(...'a.*b()x+y[]c|\\d^$ '), { maxLength: 40 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(metacharacters, (text) => {
        for (const mention of matcher.find(text)) {
          expect(LITERAL_ALIASES.map((alias) => alias.toLowerCase())).toContain(
            text.slice(mention.start, mention.end).toLowerCase(),
          );
        }
      }),
      { numRuns: 500 },
    );
  });
});
