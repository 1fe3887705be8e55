// A cheap test that rules out pages with nothing to find.
//
// Each full alias (and each word that can put a trade figure in context) is reduced to the words
// any text matching it must contain: a Latin word as written, a Cyrillic word as the stem it
// declines on, a run of Han characters as it is. A page passes once every word of some alias has
// turned up somewhere in it; "international sanctions" needs both words, so "international" alone
// does not wake the matcher.
//
// The page is folded (lower case, NFC) once. Then each position costs one table probe on its
// first two characters; only where some word starts that way does it hash the next few
// characters and probe a bit set, and only a set bit leads to a Map lookup and an exact
// comparison. None of it depends on the number of aliases.

import type { PhraseToken } from './phrase-trie';
import { CYRILLIC_WORD, HAN, JOINED, WORD, foldWord } from './tokenize-text';

/** Words are recognised by their first GRAM characters, then compared in full. */
const GRAM = 4;
const LONGEST_WORD = 12;
/** An alias needs at most this many of its words, the longest ones, to be present. */
const WORDS_PER_PHRASE = 3;
const HASH_BITS = 18;
const HASH_MASK = (1 << HASH_BITS) - 1;

export class PagePretest {
  private readonly bits = new Uint32Array(1 << (HASH_BITS - 5));
  /** Characters that make a whole gram, and pairs that start one (see pairIndex). */
  private readonly singles = new Uint8Array(1 << 16);
  private readonly pairs = new Uint8Array(1 << 16);
  /** Word ids by their leading gram. */
  private readonly wordsByGram = new Map<string, number[]>();
  private readonly words: string[] = [];
  private readonly wordIds = new Map<string, number>();
  /** For each word id, the phrases that need it. */
  private readonly phrasesByWord: number[][] = [];
  /** For each phrase, how many distinct words it needs. */
  private readonly needs: number[] = [];
  private readonly gramLengths = new Set<number>();
  /** Set when some phrase has no word at all (digits or punctuation only). */
  private always = false;

  addPhrase(phrase: readonly PhraseToken[]): void {
    this.addRequirement([phrase]);
  }

  /** Passes pages that contain all of the phrases (each anywhere). */
  addRequirement(phrases: readonly (readonly PhraseToken[])[]): void {
    const required = [...new Set(phrases.flatMap(requiredWords))];
    if (required.length === 0) {
      this.always = true;
      return;
    }
    const phraseId = this.needs.length;
    this.needs.push(required.length);
    for (const word of required) {
      let id = this.wordIds.get(word);
      if (id === undefined) {
        id = this.words.length;
        this.words.push(word);
        this.wordIds.set(word, id);
        this.phrasesByWord.push([]);
        const gram = word.slice(0, GRAM);
        this.gramLengths.add(gram.length);
        if (gram.length === 1) this.singles[gram.charCodeAt(0)] = 1;
        else this.pairs[pairIndex(gram.charCodeAt(0), gram.charCodeAt(1))] = 1;
        const hash = hashOf(gram, 0, gram.length);
        this.bits[hash >>> 5] = (this.bits[hash >>> 5] ?? 0) | (1 << (hash & 31));
        const sharing = this.wordsByGram.get(gram);
        if (sharing) sharing.push(id);
        else this.wordsByGram.set(gram, [id]);
      }
      this.phrasesByWord[id]?.push(phraseId);
    }
  }

  mightContain(text: string): boolean {
    if (this.always) return true;
    if (this.words.length === 0) return false;
    const lengths = [...this.gramLengths].filter((length) => length > 1);
    const folded = foldWord(text);
    const size = folded.length;
    let seen: Uint8Array | undefined;
    let found: Uint16Array | undefined;
    const check = (start: number, length: number): boolean => {
      const hash = hashOf(folded, start, length);
      if (((this.bits[hash >>> 5] ?? 0) & (1 << (hash & 31))) === 0) return false;
      const candidates = this.wordsByGram.get(folded.slice(start, start + length));
      if (!candidates) return false;
      for (const id of candidates) {
        seen ??= new Uint8Array(this.words.length);
        if (seen[id] || !folded.startsWith(this.words[id] ?? '', start)) continue;
        seen[id] = 1;
        found ??= new Uint16Array(this.needs.length);
        for (const phrase of this.phrasesByWord[id] ?? []) {
          const count = (found[phrase] ?? 0) + 1;
          found[phrase] = count;
          if (count === this.needs[phrase]) return true;
        }
      }
      return false;
    };
    for (let start = 0; start < size; start++) {
      const first = folded.charCodeAt(start);
      if (this.singles[first] && check(start, 1)) return true;
      if (start + 1 >= size || !this.pairs[pairIndex(first, folded.charCodeAt(start + 1))]) continue;
      for (const length of lengths) {
        if (start + length <= size && check(start, length)) return true;
      }
    }
    return false;
  }
}

/** A cheap first filter: most positions of an unrelated page fail on their first two characters. */
function pairIndex(first: number, second: number): number {
  return (Math.imul(first, 0x9e37) ^ second) & 0xffff;
}

function hashOf(text: string, start: number, length: number): number {
  let hash = length;
  for (let index = start; index < start + length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return (hash ^ (hash >>> HASH_BITS)) & HASH_MASK;
}

/** The longest words of a phrase, in the form every match of it contains. */
function requiredWords(phrase: readonly PhraseToken[]): string[] {
  const words = new Set<string>();
  let han = '';
  const endHanRun = (): void => {
    if (han) words.add(han.slice(0, LONGEST_WORD));
    han = '';
  };
  phrase.forEach((token, index) => {
    if (token.kind === HAN) {
      if (index > 0 && token.spacing !== JOINED) endHanRun();
      han += token.key;
      return;
    }
    endHanRun();
    if (token.kind !== WORD && token.kind !== CYRILLIC_WORD) return;
    const word = token.stems ? commonPrefix(token.stems) : token.key;
    if (word) words.add(word.slice(0, LONGEST_WORD));
  });
  endHanRun();
  return [...words].sort((a, b) => b.length - a.length).slice(0, WORDS_PER_PHRASE);
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) {
    while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}
