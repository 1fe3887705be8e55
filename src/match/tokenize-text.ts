// Splits text into the units the matcher compares: words, digit runs, single Han characters and
// single punctuation marks. Everything downstream works on these tokens, so this is the only
// place that looks at characters, and it does so once, left to right.

export const WORD = 1;
/** A word whose first letter is Cyrillic: the only kind that may carry case endings. */
export const CYRILLIC_WORD = 2;
/** One Han character: Chinese has no spaces, so each character is a token of its own. */
export const HAN = 3;
export const NUMBER = 4;
export const PUNCTUATION = 5;

export type TokenKind =
  | typeof WORD
  | typeof CYRILLIC_WORD
  | typeof HAN
  | typeof NUMBER
  | typeof PUNCTUATION;

/** What separates a token from the one before it. */
export const JOINED = 0;
export const SPACED = 1;
/** A blank line: paragraphs never share a sentence. */
export const PARAGRAPH = 2;

export type Spacing = typeof JOINED | typeof SPACED | typeof PARAGRAPH;

export interface TokenList {
  readonly text: string;
  readonly count: number;
  readonly starts: number[];
  readonly ends: number[];
  readonly kinds: TokenKind[];
  readonly spacing: Spacing[];
  /** Comparison form: lower case, NFC, ё as е, typographic apostrophes and hyphens folded. */
  readonly keys: string[];
}

// Han first, so that the letter class (which excludes Han) and \p{N} never see it. Marks stay with
// the letters they modify; a word's letters may mix scripts ("Putinизм" is one word). The
// modifier letter apostrophe U+02BC, which Ukrainian writes inside words (прем'єр), counts as
// punctuation like the other apostrophes, so all three spellings tokenize alike.
const TOKEN = /(\p{Script=Han})|((?:[^\P{L}\p{Script=Han}\u02bc]|\p{M})+)|(\p{N}+)|(\S)/gu;
const HAS_MARK = /\p{M}/u;

const FOLDED_PUNCTUATION: ReadonlyMap<string, string> = new Map([
  ['\u2019', "'"],
  ['\u2018', "'"],
  ['\u02bc', "'"],
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2012', '-'],
  ['\u2013', '-'],
  ['\u2212', '-'],
  ['\ufe63', '-'],
  ['\uff0d', '-'],
  ['\uff04', '$'],
  ['\uff05', '%'],
]);

// Acute and grave accents left over after NFC are stress marks, which Russian and Ukrainian
// teaching texts put on vowels (Мишусти́н); letters that carry accents as part of their spelling
// are precomposed by NFC and keep them.
const STRESS_MARKS = /[\u0300\u0301]/g;

/**
 * The comparison form of a word; shared with the page pretest, which must agree with it.
 * `mayHaveMarks` false skips the check for combining marks (the caller knows there are none).
 */
export function foldWord(word: string, mayHaveMarks = true): string {
  let folded = mayHaveMarks && HAS_MARK.test(word) ? word.normalize('NFC').replace(STRESS_MARKS, '') : word;
  folded = folded.toLowerCase();
  return folded.includes('ё') ? folded.replaceAll('ё', 'е') : folded;
}

export function tokenizeText(text: string): TokenList {
  const starts: number[] = [];
  const ends: number[] = [];
  const kinds: TokenKind[] = [];
  const spacing: Spacing[] = [];
  const keys: string[] = [];
  let previousEnd = 0;
  // Most pages have no combining marks at all; one search saves a test per word.
  const hasMarks = HAS_MARK.test(text);
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const raw = match[0];
    const start = match.index;
    let kind: TokenKind;
    let key: string;
    if (match[1] !== undefined) {
      kind = HAN;
      key = raw;
    } else if (match[2] !== undefined) {
      const first = raw.charCodeAt(0);
      kind = first >= 0x400 && first <= 0x52f ? CYRILLIC_WORD : WORD;
      key = foldWord(raw, hasMarks);
    } else if (match[3] !== undefined) {
      kind = NUMBER;
      key = raw;
    } else {
      kind = PUNCTUATION;
      key = FOLDED_PUNCTUATION.get(raw) ?? raw;
    }
    starts.push(start);
    ends.push(start + raw.length);
    kinds.push(kind);
    keys.push(key);
    spacing.push(
      start === previousEnd || starts.length === 1
        ? JOINED
        : hasBlankLine(text, previousEnd, start)
          ? PARAGRAPH
          : SPACED,
    );
    previousEnd = start + raw.length;
  }
  return { text, count: starts.length, starts, ends, kinds, spacing, keys };
}

function hasBlankLine(text: string, from: number, to: number): boolean {
  // Walks the gap itself: indexOf would run on past it and make the whole pass quadratic.
  let newlines = 0;
  for (let index = from; index < to; index++) {
    if (text.charCodeAt(index) === 10 && ++newlines === 2) return true;
  }
  return false;
}
