// A trie over token keys holding every alias and cue phrase of a pack. Matching starts a walk at
// each token of the text; a walk only goes as deep as the text keeps agreeing with some phrase, so
// the work per token is bounded by the longest phrase, never by how many phrases there are.
//
// Aliases are literal: their text is tokenized exactly like page text and compared key by key,
// so "a.*b" or "(x+)+y" can only ever match themselves.

import { aliasWordStems, forEachPossibleStem } from './cyrillic-inflection';
import {
  CYRILLIC_WORD,
  JOINED,
  PARAGRAPH,
  PUNCTUATION,
  UNCASED,
  caseAt,
  tokenizeText,
  type LetterCase,
  type Spacing,
  type TokenKind,
  type TokenList,
} from './tokenize-text';

export interface PhraseToken {
  key: string;
  kind: TokenKind;
  spacing: Spacing;
  /** Set when the word declines: it is stored under these stems instead of its own key. */
  stems?: string[];
  /** How an alias writes the token's first letter (its key is folded); UNCASED in a lexicon phrase. */
  letterCase: LetterCase;
}

/** Children by the next token's key, or by the stems of a declining word. */
interface Branch<H> {
  words?: Map<string, TrieNode<H>>;
  stems?: Map<string, TrieNode<H>>;
}

/**
 * A node's children, apart by whether the next token follows with white space or joined on, so
 * that keys are looked up as the text gives them. The first token of a phrase is joined.
 */
export interface TrieNode<H> {
  joined?: Branch<H>;
  spaced?: Branch<H>;
  hits?: H[];
}

/**
 * Tokens of an alias (Cyrillic words decline) or of a lexicon phrase, where a word ending in "*"
 * is a stem taking the usual endings and every other word must match exactly.
 */
export function parsePhrase(text: string, mode: 'alias' | 'lexicon'): PhraseToken[] {
  const tokens = tokenizeText(text);
  const phrase: PhraseToken[] = [];
  for (let index = 0; index < tokens.count; index++) {
    const key = tokens.keys[index] ?? '';
    const kind = tokens.kinds[index] ?? PUNCTUATION;
    const spacing = tokens.spacing[index] ?? JOINED;
    const previous = phrase.at(-1);
    if (mode === 'lexicon' && key === '*' && spacing === JOINED && previous?.kind === CYRILLIC_WORD) {
      previous.stems = [previous.key];
      continue;
    }
    const token: PhraseToken = { key, kind, spacing, letterCase: mode === 'alias' ? caseAt(tokens, index) : UNCASED };
    if (mode === 'alias' && kind === CYRILLIC_WORD) {
      const stems = aliasWordStems(key);
      if (stems) token.stems = stems;
    }
    phrase.push(token);
  }
  return phrase;
}

export function addPhrase<H>(root: TrieNode<H>, phrase: readonly PhraseToken[], hit: H): void {
  if (phrase.length > 0) insertFrom(root, phrase, 0, hit);
}

function insertFrom<H>(node: TrieNode<H>, phrase: readonly PhraseToken[], index: number, hit: H): void {
  const token = phrase[index];
  if (token === undefined) {
    (node.hits ??= []).push(hit);
    return;
  }
  // Whitespace must agree: "Li Qiang" is not "LiQiang", "dual-use" is not "dual - use".
  const branch = index > 0 && token.spacing !== JOINED ? (node.spaced ??= {}) : (node.joined ??= {});
  const map = token.stems ? (branch.stems ??= new Map()) : (branch.words ??= new Map());
  const children = new Set<TrieNode<H>>();
  for (const key of token.stems ?? [token.key]) {
    let child = map.get(key);
    if (!child) {
      child = {};
      map.set(key, child);
    }
    children.add(child);
  }
  for (const child of children) insertFrom(child, phrase, index + 1, hit);
}

export type PhraseVisitor<H> = (last: number, hits: readonly H[]) => void;

/**
 * Reports every phrase that starts at token `from`: `visit(last, hits)` receives the index of
 * the phrase's last token. Phrases never run across a blank line.
 */
export function walkPhrases<H>(
  root: TrieNode<H>,
  tokens: TokenList,
  from: number,
  visit: PhraseVisitor<H>,
): void {
  if (root.joined) step(root.joined, tokens, from, visit);
}

function step<H>(branch: Branch<H>, tokens: TokenList, index: number, visit: PhraseVisitor<H>): void {
  const key = tokens.keys[index] ?? '';
  const exact = branch.words?.get(key);
  if (exact) arrive(exact, tokens, index, visit);
  const stems = branch.stems;
  if (stems && tokens.kinds[index] === CYRILLIC_WORD) {
    forEachPossibleStem(key, (stem) => {
      const child = stems.get(stem);
      if (child) arrive(child, tokens, index, visit);
    });
  }
}

function arrive<H>(node: TrieNode<H>, tokens: TokenList, index: number, visit: PhraseVisitor<H>): void {
  if (node.hits) visit(index, node.hits);
  const next = index + 1;
  const spacing = tokens.spacing[next];
  if (spacing === undefined || spacing === PARAGRAPH) return;
  const branch = spacing === JOINED ? node.joined : node.spaced;
  if (branch) step(branch, tokens, next, visit);
}
