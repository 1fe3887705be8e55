// Reads money amounts and percentages written with digits: "$240 billion", "US$240.1bn",
// "240 billion dollars", "240,1 млрд долл.", "2401亿美元", "1.6%", "1,6 %". Whether such a figure
// is a mention of the story at all is decided later, from the sentence around it.

import {
  DOLLAR_ABBREVIATIONS,
  DOLLAR_STEMS,
  DOLLAR_WORDS,
  HAN_SCALES,
  JOINED_SCALE_WORDS,
  PERCENT_STEMS,
  PERCENT_WORDS,
  SCALE_STEMS,
  SCALE_WORDS,
  USA_WORDS,
} from './trade-lexicon';
import {
  CYRILLIC_WORD,
  HAN,
  JOINED,
  NUMBER,
  PARAGRAPH,
  SPACED,
  WORD,
  isWord,
  type TokenList,
} from './tokenize-text';

export interface WrittenFigure {
  first: number;
  last: number;
  kind: 'money' | 'percent';
  /** Billions of US dollars, or percentage points. */
  value: number;
}

/** A figure starting at token `index`, if one does. Reads a handful of tokens at most. */
export function readFigureAt(tokens: TokenList, index: number): WrittenFigure | undefined {
  const { keys, kinds } = tokens;
  const key = keys[index];
  let cursor = index;
  let prefixed = true;
  if (key === '$' || key === 'usd') cursor = index + 1;
  else if (key === 'us' && keys[index + 1] === '$' && joined(tokens, index + 1)) cursor = index + 2;
  else if (kinds[index] === NUMBER) prefixed = false;
  else return undefined;
  if (!startsCleanly(tokens, index)) return undefined;
  if (prefixed && !near(tokens, cursor)) return undefined;

  const number = readNumber(tokens, cursor);
  if (!number) return undefined;
  cursor = number.last + 1;

  if (!prefixed) {
    const percent = readPercentUnit(tokens, cursor);
    if (percent !== undefined) return { first: index, last: percent, kind: 'percent', value: number.value };
  }
  const scale = readScale(tokens, cursor);
  if (!scale) return undefined;
  const value = tidy(number.value * scale.billions);
  if (prefixed) return { first: index, last: scale.last, kind: 'money', value };
  const currency = readDollars(tokens, scale.last + 1);
  if (currency === undefined) return undefined;
  return { first: index, last: currency, kind: 'money', value };
}

/** A four-digit year such as 2023, which is never a figure but may date one. */
export function readYearAt(tokens: TokenList, index: number): number | undefined {
  const key = tokens.keys[index];
  if (tokens.kinds[index] !== NUMBER || key === undefined || key.length !== 4) return undefined;
  if (!startsCleanly(tokens, index) || continuesAsNumber(tokens, index)) return undefined;
  const year = Number(asciiDigits(key));
  return year >= 1900 && year <= 2100 ? year : undefined;
}

/** A Chinese month written with digits: 7月, or 7个月 as in 前7个月 ("the first seven months"). */
export function readHanMonthAt(tokens: TokenList, index: number): number | undefined {
  const { keys, kinds } = tokens;
  if (kinds[index] !== NUMBER) return undefined;
  const next = keys[index + 1];
  const isMonth =
    joined(tokens, index + 1) &&
    (next === '月' || (next === '个' && keys[index + 2] === '月' && joined(tokens, index + 2)));
  if (!isMonth) return undefined;
  const month = Number(asciiDigits(keys[index] ?? ''));
  return month >= 1 && month <= 12 ? month : undefined;
}

function readNumber(tokens: TokenList, at: number): { last: number; value: number } | undefined {
  const { keys, kinds } = tokens;
  if (kinds[at] !== NUMBER) return undefined;
  let digits = asciiDigits(keys[at] ?? '');
  if (digits === undefined) return undefined;
  let last = at;
  // Thousands groups: a comma followed by exactly three digits ("1,600").
  while (keys[last + 1] === ',' && joined(tokens, last + 1) && digitGroup(tokens, last + 2)?.length === 3) {
    digits += digitGroup(tokens, last + 2) ?? '';
    last += 2;
  }
  const separator = keys[last + 1];
  if ((separator === '.' || separator === ',') && joined(tokens, last + 1)) {
    const fraction = digitGroup(tokens, last + 2);
    if (fraction !== undefined) {
      digits += `.${fraction}`;
      last += 2;
      // "1.6.2024" is a date, not a number.
      if (continuesAsNumber(tokens, last)) return undefined;
    }
  }
  return { last, value: Number(digits) };
}

function readPercentUnit(tokens: TokenList, at: number): number | undefined {
  const { keys, kinds } = tokens;
  if (!near(tokens, at)) return undefined;
  const key = keys[at] ?? '';
  if (key === '%') return at;
  if (kinds[at] === WORD) {
    if (PERCENT_WORDS.has(key)) return at;
    if (key === 'per' && keys[at + 1] === 'cent' && tokens.spacing[at + 1] === SPACED) return at + 1;
    return undefined;
  }
  if (kinds[at] === CYRILLIC_WORD && tokens.spacing[at] === SPACED && hasStem(key, PERCENT_STEMS)) return at;
  return undefined;
}

function readScale(tokens: TokenList, at: number): { last: number; billions: number } | undefined {
  const { keys, kinds } = tokens;
  if (!near(tokens, at)) return undefined;
  const key = keys[at] ?? '';
  if (isWord(kinds[at])) {
    let billions = SCALE_WORDS.get(key);
    if (billions === undefined && joined(tokens, at)) billions = JOINED_SCALE_WORDS.get(key);
    if (billions === undefined && kinds[at] === CYRILLIC_WORD) {
      for (const [stem, multiplier] of SCALE_STEMS) {
        if (hasStem(key, [stem])) billions = multiplier;
      }
    }
    if (billions === undefined) return undefined;
    // "240 млрд. долл.": the abbreviation's full stop belongs to it.
    const last = kinds[at] === CYRILLIC_WORD && keys[at + 1] === '.' && joined(tokens, at + 1) ? at + 1 : at;
    return { last, billions };
  }
  if (kinds[at] === HAN) {
    for (const { chars, billions } of HAN_SCALES) {
      if (keySequenceAt(tokens, at, [...chars])) return { last: at + chars.length - 1, billions };
    }
  }
  return undefined;
}

function readDollars(tokens: TokenList, at: number): number | undefined {
  const { keys, kinds } = tokens;
  if (!near(tokens, at)) return undefined;
  const key = keys[at] ?? '';
  if (kinds[at] === HAN) return keySequenceAt(tokens, at, ['美', '元']) ? at + 1 : undefined;
  if (kinds[at] === WORD) {
    let cursor = at;
    if (key === 'us' && tokens.spacing[at + 1] === SPACED) cursor = at + 1;
    else if (keySequenceAt(tokens, at, ['u', '.', 's', '.']) && tokens.spacing[at + 4] === SPACED) cursor = at + 4;
    return DOLLAR_WORDS.has(keys[cursor] ?? '') ? cursor : undefined;
  }
  if (kinds[at] !== CYRILLIC_WORD) return undefined;
  let last: number;
  if (hasStem(key, DOLLAR_STEMS)) last = at;
  else if (DOLLAR_ABBREVIATIONS.has(key)) last = keys[at + 1] === '.' && joined(tokens, at + 1) ? at + 1 : at;
  else return undefined;
  if (USA_WORDS.has(keys[last + 1] ?? '') && tokens.spacing[last + 1] === SPACED) last += 1;
  return last;
}

/** Not the tail of something longer: "A1.6%", "3.1.6%" or "x$5bn" are not figures. */
function startsCleanly(tokens: TokenList, index: number): boolean {
  if (!joined(tokens, index)) return true;
  const previous = tokens.kinds[index - 1];
  if (isWord(previous) || previous === NUMBER) return false;
  const key = tokens.keys[index - 1];
  return !((key === '.' || key === ',') && tokens.kinds[index - 2] === NUMBER && joined(tokens, index - 1));
}

function continuesAsNumber(tokens: TokenList, index: number): boolean {
  const separator = tokens.keys[index + 1];
  return (
    (separator === '.' || separator === ',') &&
    joined(tokens, index + 1) &&
    tokens.kinds[index + 2] === NUMBER &&
    joined(tokens, index + 2)
  );
}

function digitGroup(tokens: TokenList, at: number): string | undefined {
  if (tokens.kinds[at] !== NUMBER || !joined(tokens, at)) return undefined;
  return asciiDigits(tokens.keys[at] ?? '');
}

/** The keys in a row, written without spaces between them. */
function keySequenceAt(tokens: TokenList, at: number, keys: readonly string[]): boolean {
  return keys.every(
    (key, offset) => tokens.keys[at + offset] === key && (offset === 0 || joined(tokens, at + offset)),
  );
}

function hasStem(word: string, stems: readonly string[]): boolean {
  return stems.some((stem) => word.startsWith(stem) && word.length - stem.length <= 3);
}

function joined(tokens: TokenList, index: number): boolean {
  return tokens.spacing[index] === JOINED && index > 0 && index < tokens.count;
}

/** The next part of a figure may follow after a space, but not across a paragraph. */
function near(tokens: TokenList, index: number): boolean {
  return index < tokens.count && tokens.spacing[index] !== PARAGRAPH;
}

/** Digits as ASCII (full-width digits are common in Chinese text), or undefined for other numerals. */
function asciiDigits(key: string): string | undefined {
  let digits = '';
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index);
    if (code >= 0x30 && code <= 0x39) digits += key[index];
    else if (code >= 0xff10 && code <= 0xff19) digits += String.fromCharCode(code - 0xff10 + 0x30);
    else return undefined;
  }
  return digits;
}

/** 2401 × 0.1 is 240.10000000000002 in binary; pages never state that many digits. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}
