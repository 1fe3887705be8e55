import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CYRILLIC_WORD, HAN, JOINED, NUMBER, PARAGRAPH, PUNCTUATION, SPACED, WORD, continuesWord, foldText, foldsByContext, foldsInPlace, tokenizeText } from '../../../src/match/tokenize-text';

/**
 * The tokenizer's rules as one Unicode RegExp (Han first, then a word of letters and marks, soft
 * hyphens inside it, then a run of numbers, then any other character but spaces, the zero-width
 * one among them): the table-driven scanner must cut text exactly where this does.
 */
const RULES = /(\p{Script=Han})|((?:[^\P{L}\p{Script=Han}\u02bc]|\p{M})(?:[^\P{L}\p{Script=Han}\u02bc]|\p{M}|\u00ad)*)|(\p{N}+)|([^\s\u200b])/gu;

function tokensByRules(text: string): { start: number; end: number; kind: number }[] {
  const tokens: { start: number; end: number; kind: number }[] = [];
  for (const match of text.matchAll(RULES)) {
    const [raw, han, word, number] = match;
    const first = raw.charCodeAt(0);
    const kind =
      han !== undefined ? HAN : word !== undefined ? (first >= 0x400 && first <= 0x52f ? CYRILLIC_WORD : WORD) : number !== undefined ? NUMBER : PUNCTUATION;
    tokens.push({ start: match.index, end: match.index + raw.length, kind });
  }
  return tokens;
}

function tokensOf(text: string): { start: number; end: number; kind: number }[] {
  const list = tokenizeText(text);
  return list.starts.map((start, index) => ({ start, end: list.ends[index]!, kind: list.kinds[index]! }));
}

/**
 * Characters where the rules are easy to get wrong: Han that is also a number (〇) or a mark
 * (U+302A), marks before any letter, Han outside the BMP, lone surrogates, the modifier
 * apostrophe, the soft hyphen, digits of other scripts, and the usual letters, spaces and
 * punctuation.
 */
const TRICKY = [
  'a', 'Z', 'é', 'e\u0301', '\u0301', '\u0308', 'П', 'ё', 'ї', "'", '\u02bc', '\u2019', '-', '\u2013',
  '李', '强', '〇', '\u302a', '\u3099', 'カ', 'ㄱ', '𠀀', '𝐀', '😀', '\ud800', '\udc00', '1', '٣', '３', 'Ⅻ', '½',
  ' ', '\n', '\u00a0', '\u3000', '\t', '.', ',', '$', '%', '\uff05', '\u200b', '\u200d', '\u00ad',
];

/** The keys of the words in text, or the words themselves as written. */
function wordsOf(text: string, written: boolean): string[] {
  const tokens = tokenizeText(text);
  const isWord = (index: number) => tokens.keys[index] !== '' && (tokens.kinds[index] === WORD || tokens.kinds[index] === CYRILLIC_WORD);
  return tokens.keys.flatMap((key, index) => (!isWord(index) ? [] : written ? [text.slice(tokens.starts[index], tokens.ends[index])] : [key]));
}

describe('tokenizeText', () => {
  it('cuts any text where the rules do, with the same kind of token', () => {
    const piece = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'binary', maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(tokensOf(text)).toEqual(tokensByRules(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('tells where a word cannot start as the rules do: after a letter or a mark', () => {
    const wordCharacter = /^(?:[^\P{L}\p{Script=Han}\u02bc]|\p{M})$/u;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRICKY), { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        for (let index = 0; index <= text.length; index++) {
          // The character that code unit index - 1 belongs to: a surrogate pair read whole.
          let from = 0;
          let before = '';
          for (const character of text) {
            if (index - 1 >= from && index - 1 < from + character.length) before = character;
            from += character.length;
          }
          expect(continuesWord(text, index), `${JSON.stringify(text)} at ${index}`).toBe(wordCharacter.test(before));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('folds a whole text so that its words read as the tokenizer reads them (Han is left as written)', () => {
    // Besides TRICKY: signs that NFC splits into a sign and a mark, marks NFC joins to the sign
    // before them, capital sigma (whose lower case depends on the letters around it), Han
    // compatibility characters, İ, whose lower case is two characters, a variation selector (a
    // mark that follows emoji), Hangul jamo that NFC joins, a letter that NFC splits, and soft
    // hyphens in a word and between the halves of a surrogate pair.
    const piece = fc.constantFrom(...TRICKY, '\ud800\u0301\udc00', '\ud800\u00ad\udc00', 'Vladi\u00admir', '\u{1d1bb}', '\u2adc', '=', '\u0338', 'Σ', 'ΑΣ', 'ς', 'A\u0300', '\uf900', 'İ', 'Ё', '\ufe0f', '\u1100\u1161', '\u0958');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        expect(wordsOf(foldText(text), true), JSON.stringify(text)).toEqual(wordsOf(text, false));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the same keys from a text folded whole wherever it says that folds each character in place', () => {
    // İ (whose lower case is two characters) before a word moves every word after it; a mark or
    // capital sigma folds by the letters around it.
    const piece = fc.constantFrom(...TRICKY, 'İ', 'Σ', 'ΑΣ', 'Ё', 'Kursk', 'ПУТИН', ' ');
    let inPlace = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        const folded = foldText(text);
        if (!foldsInPlace(text, folded)) return;
        inPlace += 1;
        expect(tokenizeText(text, folded).keys, JSON.stringify(text)).toEqual(tokenizeText(text).keys);
      }),
      { numRuns: 2000 },
    );
    expect(inPlace).toBeGreaterThan(100);
    expect(foldsInPlace('İKursk', foldText('İKursk'))).toBe(false);
    expect(foldsInPlace('Мишусти\u0301н', foldText('Мишусти\u0301н'))).toBe(false);
  });

  it('tells every character that folds by the letters around it (marks, capital sigma) or is dropped (soft hyphen), and no other', () => {
    const missed: string[] = [];
    for (let point = 0; point <= 0x10ffff; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const character = String.fromCodePoint(point);
      if (/[\p{M}\u03a3\u00ad]/u.test(character) !== foldsByContext(`Kursk ${character}`)) missed.push(point.toString(16));
    }
    expect(missed).toEqual([]);
  });

  it('folds a text at once only where that reads its words as folding them one by one does, for every character NFC changes', () => {
    // Each character that NFC or NFD writes otherwise, as written and decomposed, before a word,
    // after one, and before a stress mark and a word, in a text with a mark (so NFC may apply).
    const failures: string[] = [];
    for (let point = 0; point <= 0x10ffff; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const character = String.fromCodePoint(point);
      const decomposed = character.normalize('NFD');
      if (decomposed === character && character.normalize('NFC') === character) continue;
      for (const written of new Set([character, decomposed])) {
        for (const text of [`${written}Kursk A\u0300`, `Kursk${written} A\u0300`, `${written}\u0301Kursk A\u0300`, `${written}\u0338Kursk`]) {
          if (wordsOf(foldText(text), true).join(' ') !== wordsOf(text, false).join(' ')) failures.push(JSON.stringify(text));
        }
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('reads words, numbers, Han characters and punctuation in three scripts', () => {
    const list = tokenizeText('Li Qiang met Путиным in 莫斯科, trade up 1.6%.');
    expect(list.keys).toEqual(['li', 'qiang', 'met', 'путиным', 'in', '莫', '斯', '科', ',', 'trade', 'up', '1', '.', '6', '%', '.']);
    expect(list.kinds.slice(0, 6)).toEqual([WORD, WORD, WORD, CYRILLIC_WORD, WORD, HAN]);
  });

  it('keeps a stressed vowel in its word and folds the stress away', () => {
    const list = tokenizeText('Мишусти\u0301н');
    expect(list.count).toBe(1);
    expect(list.keys).toEqual(['мишустин']);
  });

  it('tells a space, a blank line and no gap apart', () => {
    const list = tokenizeText('Moscow, Beijing\n\nMinsk');
    expect(list.spacing).toEqual([JOINED, JOINED, SPACED, PARAGRAPH]);
  });
});
