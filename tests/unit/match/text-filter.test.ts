import { describe, expect, it } from 'vitest';
import { FIGURE_CONTEXT, TextFilter, WORDED_FIGURE } from '../../../src/match/page-pretest';
import { parsePhrase } from '../../../src/match/phrase-trie';

function filterOf(names: string[], figures: { worded?: string[]; context?: string[] } = {}): TextFilter {
  const filter = new TextFilter();
  for (const name of names) filter.add(parsePhrase(name, 'alias'));
  for (const phrase of figures.worded ?? []) filter.add(parsePhrase(phrase, 'lexicon'), WORDED_FIGURE);
  for (const phrase of figures.context ?? []) filter.add(parsePhrase(phrase, 'lexicon'), FIGURE_CONTEXT);
  return filter;
}

describe('TextFilter', () => {
  it('lets a text through only where every word of some name is in it', () => {
    const filter = filterOf(['international sanctions', 'Kursk']);
    expect(filter.mayContain('International observers came.', false)).toBe(false);
    expect(filter.mayContain('Sanctions, international ones, followed.', false)).toBe(true);
    expect(filter.mayContain('Fighting in Kursk.', false)).toBe(true);
    // Words are whole where they must be: "Kursker" is not Kursk.
    expect(filter.mayContain('The Kursker Zeitung', false)).toBe(false);
  });

  it('reads a word as a word where NFC would change the sign before it', () => {
    // U+1D1BB, a musical sign, is a sign and a mark after NFC; the À written as A and a mark
    // makes the text one that NFC changes. Read whole, "Kursk" would seem to run on from the mark.
    const filter = filterOf(['Kursk']);
    expect(filter.mayContain('\u{1d1bb}Kursk, A\u0300', false)).toBe(true);
    expect(filter.mayContain('\u{1d1bb}Kursker, A\u0300', false)).toBe(false);
    // A stress mark alone between two halves of a surrogate pair does not join them into a letter.
    expect(filter.mayContain('\ud800\u0301\udc00Kursk', false)).toBe(true);
  });

  it('lets a figure through only beside a word about trade', () => {
    const filter = filterOf(['Kursk'], { worded: ['more than a quarter'], context: ['trade', 'товарооборот*', '贸易'] });
    expect(filter.mayContain('Up 1.6% in July.', true)).toBe(false);
    expect(filter.mayContain('Trade rose 1.6% in July.', true)).toBe(true);
    expect(filter.mayContain('Товарооборот вырос на 1,6%.', true)).toBe(true);
    expect(filter.mayContain('中俄贸易增长1.6%', true)).toBe(true);
    expect(filter.mayContain('More than a quarter of voters', true)).toBe(false);
    expect(filter.mayContain('More than a quarter of the trade', true)).toBe(true);
    // A pack without figures counts no digits at all.
    expect(filter.mayContain('Trade rose 1.6%.', false)).toBe(false);
  });

  it('finds a short form that a longer one starts with at the same place', () => {
    const filter = filterOf(['中国', '中国海关 总署']);
    expect(filter.mayContain('中国海关发布数据', false)).toBe(true);
  });
});
