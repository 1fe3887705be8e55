// Russian and Ukrainian names decline (Мишустин, Мишустина, Мишустиным), while packs give them in
// the nominative. Rather than generating every form, an alias word is reduced to a stem and a page
// word is accepted when it is that stem plus one ending from a closed list.
//
// The list holds case endings of nouns and the endings an adjective takes directly on a stem, so
// "Курская" (курск + ая) is Kursk. Derivational suffixes are deliberately absent: "китайский"
// (кита + йский), "российский", "Путинизм" (путин + изм) and "Путинский" are other words, just as
// English "Chinese" is not "China". Genitive plurals in -ов/-ев/-ів are kept, as phrases such as
// "товаров двойного назначения" need them, at the price of reading "Иванов" as a form of a
// first-name alias "Иван" (packs name people in full).

const ENDINGS: ReadonlySet<string> = new Set([
  '',
  // Nominative finals, which stems drop.
  'а', 'я', 'й', 'ь', 'о', 'е', 'ы', 'и', 'і',
  // Nouns, singular and plural.
  'у', 'ю', 'є', 'ї',
  'ом', 'ем', 'єм', 'ым', 'им', 'ім',
  'ой', 'ей', 'ою', 'ею', 'єю', 'ью',
  'ам', 'ям', 'ах', 'ях', 'ами', 'ями', 'ов', 'ев', 'ів', 'їв',
  'ові', 'еві', 'єві',
  // Adjectives, on stems that already end like one (Курск-ая, Курськ-ої).
  'ая', 'яя', 'ую', 'юю', 'ое', 'ее', 'ые', 'ие', 'ий', 'ый', 'ій',
  'ого', 'его', 'ому', 'ему', 'ых', 'их', 'ыми', 'ими', 'ої',
]);

const LONGEST_ENDING = 3;
/** Shorter stems would let endings turn them into unrelated words ("Си" + "е" is "сие"). */
export const SHORTEST_STEM = 3;

const DROPPED_FINALS = 'аяйьоеыиі';
const ADJECTIVE_FINALS: ReadonlySet<string> = new Set(['ая', 'яя', 'ый', 'ий', 'ій', 'ое', 'ее', 'ые', 'ие', 'ой']);
const VOWELS = 'аеєиіїоуюяыэ';

/**
 * The stems under which an alias word is stored, or undefined when the word must match exactly.
 * `word` is already folded (lower case, ё as е).
 */
export function aliasWordStems(word: string): string[] | undefined {
  const last = word.at(-1);
  if (last === undefined) return undefined;
  const dropped = DROPPED_FINALS.includes(last);
  const stem = dropped ? word.slice(0, -1) : word;
  if (stem.length < SHORTEST_STEM || !isCyrillic(stem)) return undefined;
  const stems = [stem];
  // Adjectival names ("Курская область", "Российская Федерация") decline like adjectives, which
  // replace both final letters: Курская, Курской.
  const adjectiveStem = word.slice(0, -2);
  if (ADJECTIVE_FINALS.has(word.slice(-2)) && adjectiveStem.length >= SHORTEST_STEM) stems.push(adjectiveStem);
  // Ukrainian closed syllables turn і back into о/е once an ending opens them: Київ, Києва;
  // Харків, Харкова.
  const vowel = stem.at(-2);
  const consonant = stem.at(-1);
  if (!dropped && consonant !== undefined && !VOWELS.includes(consonant) && consonant !== 'ь') {
    if (vowel === 'і') stems.push(`${stem.slice(0, -2)}о${consonant}`, `${stem.slice(0, -2)}е${consonant}`);
    if (vowel === 'ї') stems.push(`${stem.slice(0, -2)}є${consonant}`);
  }
  return stems;
}

/**
 * Calls `visit` with every stem a page word could be built on, the word itself included.
 * At most LONGEST_ENDING + 1 set lookups: the cost per word does not depend on the pack.
 */
export function forEachPossibleStem(word: string, visit: (stem: string) => void): void {
  const longest = Math.min(LONGEST_ENDING, word.length - SHORTEST_STEM);
  for (let length = 0; length <= longest; length++) {
    if (ENDINGS.has(word.slice(word.length - length))) visit(word.slice(0, word.length - length));
  }
}

function isCyrillic(word: string): boolean {
  for (let index = 0; index < word.length; index++) {
    const code = word.charCodeAt(index);
    if (code < 0x400 || code > 0x52f) return false;
  }
  return true;
}
