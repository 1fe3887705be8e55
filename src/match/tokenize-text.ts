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

/** Whether a token of this kind is a word (of letters, not Han): one that has a case and may be a name's. */
export function isWord(kind: TokenKind | undefined): boolean {
  return kind === WORD || kind === CYRILLIC_WORD;
}

/** How a letter is written: a capital, lower case, or in a script without case (or no letter). */
export const CAPITAL = 1;
export const LOWER_CASE = -1;
export const UNCASED = 0;
export type LetterCase = typeof CAPITAL | typeof LOWER_CASE | typeof UNCASED;

/** The case of a character: a capital has a lower case other than itself, and the other way round. */
export function caseOf(character: string): LetterCase {
  return character !== character.toLowerCase() ? CAPITAL : character !== character.toUpperCase() ? LOWER_CASE : UNCASED;
}

/** The case of the first letter of token `index` as the text writes it (its key is folded). */
export function caseAt(tokens: TokenList, index: number): LetterCase {
  return caseOf(tokens.text.charAt(tokens.starts[index] ?? 0));
}

/** The text of token `index` as the text writes it. */
export function tokenText(tokens: TokenList, index: number): string {
  return tokens.text.slice(tokens.starts[index] ?? 0, tokens.ends[index] ?? 0);
}

/** Whether token `index` is a word of two or more letters written in capitals ("MEETS"). */
export function isInCapitals(tokens: TokenList, index: number): boolean {
  if (index < 0) return false;
  const word = tokenText(tokens, index);
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}

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

// What a character is to the tokenizer, as bits: a character can be several (U+3007, a Han
// number; U+302A, a Han tone mark). The rules, in order, at each place a token may start:
// - Han: a token of its own, one character (Chinese has no spaces);
// - a letter that is not Han (LETTER) or a combining mark of any script: a word, running on over
//   letters and marks (marks stay with the letters they modify; a word's letters may mix scripts,
//   "Putinизм" is one word);
// - a number: a run of numbers;
// - white space (and the zero-width space, which text editors leave between words): nothing;
// - anything else: punctuation, one character.
// The modifier letter apostrophe U+02BC, which Ukrainian writes inside words (прем'єр), counts as
// punctuation like the other apostrophes, so all three spellings tokenize alike. A soft hyphen
// (U+00AD, shown only where a line breaks at it: pages that hyphenate long words put them inside
// names, "Vladi&shy;mir") goes on with a word it is in, and is no part of its key; it starts none.
const KNOWN = 1;
const HAN_CHARACTER = 2;
const LETTER = 4;
const MARK = 8;
const DIGIT = 16;
const SPACE = 32;
/** Two code units: a character outside the BMP (only ever returned by classAt, never stored). */
const PAIR = 64;
const SOFT_HYPHEN = 128;

/** The bits of each BMP code unit, worked out the first time it is met. */
const bitsByUnit = new Uint8Array(0x10000);
/** The same for characters outside the BMP (Han extensions, historic scripts), by code point. */
const bitsByPoint = new Map<number, number>();

function classify(character: string): number {
  return (
    KNOWN |
    (/\p{Script=Han}/u.test(character) ? HAN_CHARACTER : 0) |
    (/^[^\P{L}\p{Script=Han}\u02bc]$/u.test(character) ? LETTER : 0) |
    (/\p{M}/u.test(character) ? MARK : 0) |
    (/\p{N}/u.test(character) ? DIGIT : 0) |
    (/[\s\u200b]/u.test(character) ? SPACE : 0) |
    (character === '\u00ad' ? SOFT_HYPHEN : 0)
  );
}

/** The bits of the character at index, with PAIR where it takes two code units. */
function classAt(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
    const low = text.charCodeAt(index + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const point = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      let bits = bitsByPoint.get(point);
      if (bits === undefined) {
        bits = classify(String.fromCodePoint(point));
        bitsByPoint.set(point, bits);
      }
      return bits | PAIR;
    }
  }
  let bits = bitsByUnit[unit]!;
  if (bits === 0) {
    // An unpaired surrogate is a character of its own, like any other that is none of the above.
    bits = classify(String.fromCharCode(unit));
    bitsByUnit[unit] = bits;
  }
  return bits;
}

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
// are precomposed by NFC and keep them. Soft hyphens go too.
const DROPPED = /[\u0300\u0301\u00ad]/g;
const HAS_MARK = /\p{M}/u;

/**
 * The comparison form of a word (foldText folds a whole text to agree with it, for the pre-tests).
 * `mayHaveMarks` false skips the check for combining marks (the caller knows there are none).
 */
export function foldWord(word: string, mayHaveMarks = true): string {
  return fold(word, mayHaveMarks && HAS_MARK.test(word));
}

/**
 * foldWord, told whether to apply NFC and drop stress marks and soft hyphens (where the caller
 * knows of them).
 */
function fold(text: string, normalize: boolean): string {
  const folded = (normalize ? text.normalize('NFC').replace(DROPPED, '') : text).toLowerCase();
  return folded.includes('ё') ? folded.replaceAll('ё', 'е') : folded;
}

// Lower case is the same for a word alone and within a text except for capital sigma, whose
// lower case depends on the letters around it. Without combining marks, NFC is left out (as it is
// for each word without them). A soft hyphen, dropped, moves what follows it.
const FOLDS_BY_CONTEXT = /[\p{M}\u03a3\u00ad]/u;
// Every mark, and capital sigma, is at U+0300 or past it, and none is among the punctuation of
// U+2000-206F (dashes, quotation marks) that most texts hold: a text with none of the rest is
// told apart by this one range (and the soft hyphen), read about four times as fast as the
// Unicode property above.
const MAY_FOLD_BY_CONTEXT = /[\u00ad\u0300-\u1fff\u2070-\uffff]/;
// With marks, NFC of the whole text is NFC word by word (a word without marks is left as it is),
// unless the text holds
// - a character that NFC changes on its own: singletons (U+2126 Ω, Han compatibility characters),
//   letters it splits into a letter and a mark (U+0958 क़), signs it splits into a sign and a mark
//   (U+2ADC, musical signs), here in a few ranges that hold them (the last three, high
//   surrogates, stand for U+16C00-16FFF, U+1D000-1D3FF and U+2F800-2FBFF);
// - a Hangul vowel or final jamo, which NFC joins to the letter before it without any mark;
// - capital sigma;
// - a mark that NFC joins to a sign (U+0300, U+0301, U+0338, U+0342: = and U+0338 make ≠; the
//   first two are also the stress marks folded away) after a character that is no letter;
// - a soft hyphen that is in no word (after no letter or mark, not Han, of a word): dropped, it
//   could join the characters either side, as a mark that folds to nothing could.
// A unit test goes through every character NFC changes or composes to hold these to it.
const CHANGED_BY_NFC =
  /[\u03a3\u0340-\u0344\u0374\u037e\u0387\u0958-\u095f\u09dc-\u09df\u0a33-\u0a36\u0a59-\u0a5e\u0b5c-\u0b5d\u0f43-\u0fb9\u1160-\u11ff\u1f71-\u1ffd\u2000-\u2001\u2126-\u212b\u2329-\u232a\u2adc\uf900-\ufad9\ufb1d-\ufb4e\ud81b\ud834\ud87e]/;
const JOINED_TO_SIGN = /[\u0300\u0301\u0338\u0342](?<=(?:^|[^\p{L}\p{M}])\p{M}*)/u;
const LONE_SOFT_HYPHEN = /\u00ad(?<=(?:^|[^\p{L}\p{M}]|[\p{Script=Han}\u02bc])\u00ad+)/u;

/** Whether the text holds a mark, capital sigma or a soft hyphen (see FOLDS_BY_CONTEXT). */
export function foldsByContext(text: string): boolean {
  return MAY_FOLD_BY_CONTEXT.test(text) && FOLDS_BY_CONTEXT.test(text);
}

/**
 * Whether folded, which foldText(text) gave, folds each character where it stands, so that each
 * word's key is the slice of folded where the word is (see tokenizeText). It does unless the text
 * holds a mark or capital sigma (folded by the letters around them), a soft hyphen (dropped), or
 * İ, the one character whose lower case is longer than itself (then folded is longer than the
 * text).
 */
export function foldsInPlace(text: string, folded: string, byContext = foldsByContext(text)): boolean {
  return folded.length === text.length && !byContext;
}

/**
 * The comparison form of a whole text, for the pre-tests that look for words in it before it is
 * tokenized: each run of letters and marks folded as foldWord folds a word alone. So each word's
 * key is in it, between the same characters as the word. The whole text is folded at once where
 * that comes to the same (nearly always: see above), else word by word, all else as written.
 * `byContext` is foldsByContext(text), where the caller has it already.
 */
export function foldText(text: string, byContext = foldsByContext(text)): string {
  if (!byContext) return fold(text, false);
  // Marks, capital sigma (alone in CHANGED_BY_NFC) or soft hyphens are there: NFC is needed, or
  // the soft hyphens are dropped.
  if (!CHANGED_BY_NFC.test(text) && !JOINED_TO_SIGN.test(text) && !LONE_SOFT_HYPHEN.test(text)) return fold(text, true);
  // Word by word, as the tokenizer folds them. A word of stress marks alone folds to nothing; left
  // out, it could join the characters either side (two halves of a surrogate pair into a letter),
  // so it stays as written, like everything that is not a word.
  const { starts, ends, kinds, keys } = tokenizeText(text);
  let folded = '';
  let copiedTo = 0;
  keys.forEach((key, index) => {
    if (!key || !isWord(kinds[index])) return;
    folded += text.slice(copiedTo, starts[index]) + key;
    copiedTo = ends[index]!;
  });
  return folded + text.slice(copiedTo);
}

/**
 * Whether the character before index (the one code unit index - 1 belongs to, a surrogate pair
 * read whole) would be read as part of a word (a letter that is not Han, or a mark), so that no
 * word starts at index.
 */
export function continuesWord(text: string, index: number): boolean {
  if (index <= 0) return false;
  const unit = text.charCodeAt(index - 1);
  // A low surrogate ends a character outside the BMP when a high one comes before it.
  const pair = unit >= 0xdc00 && unit <= 0xdfff && index > 1 && (classAt(text, index - 2) & PAIR) !== 0;
  return (classAt(text, pair ? index - 2 : index - 1) & (LETTER | MARK)) !== 0;
}

/**
 * The tokens of text. `inPlace`, where given, is foldText(text) where foldsInPlace() holds for it
 * (as the filter before find() folded it): each word's key is then sliced from it, rather than
 * sliced from the text and folded on its own (in Node, the pass then took half as long).
 */
export function tokenizeText(text: string, inPlace?: string): TokenList {
  const starts: number[] = [];
  const ends: number[] = [];
  const kinds: TokenKind[] = [];
  const spacing: Spacing[] = [];
  const keys: string[] = [];
  const size = text.length;
  let previousEnd = 0;
  let index = 0;
  // One pass over the characters, each looked up in a table (see classAt): no match objects.
  while (index < size) {
    let bits = classAt(text, index);
    if (bits & SPACE) {
      index += 1;
      continue;
    }
    const start = index;
    index += bits & PAIR ? 2 : 1;
    let kind: TokenKind;
    let key: string;
    if (bits & HAN_CHARACTER) {
      kind = HAN;
      key = text.slice(start, index);
    } else if (bits & (LETTER | MARK)) {
      // Marks and soft hyphens need the word folded with NFC (which drops the latter).
      let normalize = bits & MARK;
      while (index < size && (bits = classAt(text, index)) & (LETTER | MARK | SOFT_HYPHEN)) {
        normalize |= bits & (MARK | SOFT_HYPHEN);
        index += bits & PAIR ? 2 : 1;
      }
      const first = text.charCodeAt(start);
      kind = first >= 0x400 && first <= 0x52f ? CYRILLIC_WORD : WORD;
      key = inPlace !== undefined ? inPlace.slice(start, index) : fold(text.slice(start, index), normalize !== 0);
    } else if (bits & DIGIT) {
      while (index < size && (bits = classAt(text, index)) & DIGIT) index += bits & PAIR ? 2 : 1;
      kind = NUMBER;
      key = text.slice(start, index);
    } else {
      kind = PUNCTUATION;
      const raw = text.slice(start, index);
      key = FOLDED_PUNCTUATION.get(raw) ?? raw;
    }
    starts.push(start);
    ends.push(index);
    kinds.push(kind);
    keys.push(key);
    spacing.push(
      start === previousEnd || starts.length === 1
        ? JOINED
        : hasBlankLine(text, previousEnd, start)
          ? PARAGRAPH
          : SPACED,
    );
    previousEnd = index;
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
