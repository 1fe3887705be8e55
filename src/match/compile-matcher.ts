// Turns a story pack into a Matcher. All the work that depends on the pack happens here, once;
// find() then makes a single left-to-right pass over the tokens of a text.
//
// Cost of find(): tokenizing is linear in the text. At each token a trie walk follows the text
// only while some phrase still agrees with it, so it is bounded by the longest phrase (aliases are
// at most 120 characters), and each step is one or a few Map lookups whatever the number of
// aliases. Candidates are then sorted (their number is linear in the text) and checked against a
// per-token "taken" array. Chinese hits additionally pay for segmenting a capped window around
// them. Nothing is ever built from alias text except trie keys.

import type { Alias, Category, Entity, StoryPack } from '../story/schema';
import { readPeriod, supports, type PeriodCues, type PeriodMention } from './figure-periods';
import { HanWordBoundaries } from './han-word-boundaries';
import { FIGURE_CONTEXT, PagePretest, TextFilter, WORDED_FIGURE, finish, type PreparedPretest } from './page-pretest';
import { addPhrase, parsePhrase, walkPhrases, type PhraseToken, type TrieNode } from './phrase-trie';
import { readFigureAt, readHanMonthAt, readYearAt } from './read-figures';
import { numberSentences, startsSentence } from './sentence-boundaries';
import {
  BILATERAL_WORDS,
  BOTH_PARTIES,
  FRACTION_PHRASES,
  LAST_YEAR,
  MONTHS,
  THIS_YEAR,
  TRADE_PARTIES,
  TRADE_WORDS,
} from './trade-lexicon';
import { CAPITAL, HAN, JOINED, LOWER_CASE, NUMBER, SPACED, caseAt, foldText, foldsByContext, foldsInPlace, isInCapitals, isWord, tokenText, tokenizeText, type TokenKind, type TokenList } from './tokenize-text';
import type { FindContext, Matcher, Mention, PendingMatcher, PretestSession } from './types';

/** A phrase that is one of an entity's aliases. */
interface AliasHit {
  type: 'alias';
  entity: number;
  short: ShortForm;
  /** See capitalsOf. */
  capitals?: readonly number[];
  /** See Mention.needs. */
  needs?: readonly string[];
}

type Hit =
  | AliasHit
  | { type: 'not-mention' }
  | { type: 'party'; mask: number }
  | { type: 'trade' }
  | { type: 'bilateral' }
  | { type: 'relative-year'; offset: number }
  | { type: 'month'; month: number }
  | { type: 'fraction'; value: number };

/**
 * Whether an alias is a short form, and how the pack writes it, by the first letter of its last
 * word ("премьер Ли" is a name, as "Premier Li" is). That decides where on a page a short form is
 * taken to mean the entity: a name ("Li", "President Xi") not where another name goes on after it
 * ("Li Keqiang", "Xi Mingze"), a word ("sanctions") not where a name comes before it that is none
 * of the story's ("North Korea sanctions", "UN sanctions"); one in a script without capitals,
 * anywhere.
 */
const FULL_NAME = 0;
const SHORT_NAME = 1;
const SHORT_WORD = 2;
const SHORT_UNCASED = 3;
type ShortForm = typeof FULL_NAME | typeof SHORT_NAME | typeof SHORT_WORD | typeof SHORT_UNCASED;

function shortFormOf(alias: Alias, phrase: readonly PhraseToken[]): ShortForm {
  if (alias.short !== true) return FULL_NAME;
  const letterCase = phrase[lastWordOf(phrase)]?.letterCase;
  return letterCase === CAPITAL ? SHORT_NAME : letterCase === LOWER_CASE ? SHORT_WORD : SHORT_UNCASED;
}

/** Where the last word of a phrase starts: its first token after the last space. */
function lastWordOf(phrase: readonly PhraseToken[]): number {
  let index = phrase.length - 1;
  while (index > 0 && phrase[index]?.spacing === JOINED) index--;
  return index;
}

/**
 * The tokens of an alias (by their place in it) that count only where a page writes them with a
 * capital: a short form's name ("Li", not the "li" of a list item), and every capital of an alias
 * the pack marks matchCase ("China", not "bone china"). A name the page writes all in capitals
 * keeps them, as in a headline. Undefined where the case does not matter, as for most names
 * ("kyiv" is Kyiv, as the story's own text writes it).
 */
function capitalsOf(alias: Alias, phrase: readonly PhraseToken[], short: ShortForm): readonly number[] | undefined {
  const capitals: number[] = [];
  if (alias.matchCase === true) {
    phrase.forEach((token, index) => {
      if (token.letterCase === CAPITAL) capitals.push(index);
    });
  } else if (short === SHORT_NAME) {
    capitals.push(lastWordOf(phrase));
  }
  return capitals.length > 0 ? capitals : undefined;
}

/** Whether the tokens from `first` on write each of the alias's capitals (see capitalsOf) with one. */
function keepsCapitals(tokens: TokenList, first: number, capitals: readonly number[]): boolean {
  return capitals.every((offset) => caseAt(tokens, first + offset) === CAPITAL);
}

/**
 * The entity of a phrase that means something else (an entity's notMentions): it takes its words
 * from any name inside it, as a longer name does, and is no mention itself.
 */
const OTHER = -1;

/** The hit of every such phrase: which entity lists it does not matter. */
const NOT_A_MENTION: Hit = { type: 'not-mention' };

interface NameCandidate {
  first: number;
  last: number;
  /** The entity's index, or OTHER. */
  entity: number;
  short: ShortForm;
  needs: readonly string[] | undefined;
  /** Characters covered; the longest name wins an overlap. */
  length: number;
}

interface FigureCandidate {
  first: number;
  last: number;
  kind: 'money' | 'percent';
  value: number;
}

interface StoryFigure {
  entity: number;
  value: number;
  period: PeriodCues;
}

const ALL_PARTIES = (1 << TRADE_PARTIES.length) - 1;
/** How many sentences back "bilateral" may look for the two countries. */
const BILATERAL_REACH = 2;
/** How much of the text before a block is read for those sentences, in characters. */
const PRECEDING_TAIL = 1_000;

/** Aliases read, or phrases put in the trie, between two steps of prepareFind() (and pre-test requirements, of prepareSession()). */
const PHRASES_PER_STEP = 500;

const compiled = new WeakMap<StoryPack, Matcher>();

/**
 * The matcher for a pack. `prepared`, if given, is what preparePretest() returned for this same
 * pack (the built-in pack's is made at build time, an imported pack's at import), or a PagePretest
 * already made from that: the pre-test is then not worked out from the phrases, and the pack's
 * phrases are only read on the first find(), which a page that fails the pre-test never makes.
 */
export function compileMatcher(pack: StoryPack, prepared?: PreparedPretest | PagePretest): Matcher {
  let matcher = compiled.get(pack);
  if (!matcher) {
    matcher = new PackMatcher(pack, prepared);
    compiled.set(pack, matcher);
  }
  return matcher;
}

/**
 * A pack's matcher made from its pre-test alone (see PendingMatcher), for a pack kept apart from
 * it (an imported pack, in storage): read(), called once a page passes the pre-test, gives the
 * pack, and whether it is the one the pre-test was made for (another may stand in for a pack that
 * cannot be read; it is compiled with its own pre-test).
 */
export function pendingMatcher(pretest: PagePretest, read: () => Promise<{ pack: StoryPack; own: boolean }>): PendingMatcher {
  let loading: Promise<Matcher> | undefined;
  const load = async (): Promise<Matcher> => {
    const { pack, own } = await read();
    // Reading and checking a big pack takes a task of its own; compiling it takes the next.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return own ? compileMatcher(pack, pretest) : compileMatcher(pack);
  };
  return {
    pretestSession: () => pretest.session(),
    prepareSession: () => pretest.prepare(PHRASES_PER_STEP),
    load: () => (loading ??= load()),
  };
}

/** The pre-test of a pack as data, for compileMatcher(pack, prepared). */
export function preparePretest(pack: StoryPack): PreparedPretest {
  return new PackMatcher(pack).preparedPretest();
}

class PackMatcher implements Matcher {
  private readonly pack: StoryPack;
  private readonly entities: readonly Entity[];
  /**
   * The phrase trie, built on the first find() with the trade words that only find() needs: a page
   * that fails the pre-test never pays for them.
   */
  private trie: TrieNode<Hit> | undefined;
  /** The trie being built, a step at a time (see prepareFind). */
  private building: Generator<void> | undefined;
  private readonly phrases: [readonly PhraseToken[], Hit][] = [];
  /** Whether the pack's aliases and trade parties are in phrases (and in the pre-test, unless prepared). */
  private parsed = false;
  private readonly pretest: PagePretest;
  /** Rules out, before any tokenizing, a text in which find() cannot find anything. */
  private readonly filter = new TextFilter();
  /** Bit mask of the trade parties each entity is, by entity index. */
  private readonly partyOf: Uint8Array;
  private readonly moneyFigures: StoryFigure[] = [];
  private readonly percentFigures: StoryFigure[] = [];
  private readonly storyYear: number;
  private readonly hasFigures: boolean;

  constructor(pack: StoryPack, prepared?: PreparedPretest | PagePretest) {
    this.pack = pack;
    this.entities = pack.entities;
    this.storyYear = Number(pack.story.date.slice(0, 4));
    this.partyOf = new Uint8Array(pack.entities.length);
    pack.entities.forEach((entity, index) => {
      if (!entity.figure) return;
      // Figures are found by reading the amounts on a page, not through their aliases: an alias
      // such as "$240 billion" would otherwise count outside any sentence about trade.
      const figures = entity.figure.kind === 'money' ? this.moneyFigures : this.percentFigures;
      figures.push({ entity: index, value: entity.figure.value, period: readPeriod(entity.figure.period) });
    });
    this.hasFigures = this.moneyFigures.length + this.percentFigures.length > 0;
    if (prepared) {
      this.pretest = prepared instanceof PagePretest ? prepared : PagePretest.fromPrepared(prepared);
    } else {
      this.pretest = new PagePretest();
      finish(this.parse(true));
    }
  }

  preparedPretest(): PreparedPretest {
    return this.pretest.prepared();
  }

  /**
   * Reads the aliases and the trade parties into phrases, and into the pre-test if it is built
   * here; yields now and then (see prepareFind).
   */
  private *parse(forPretest: boolean): Generator<void> {
    this.parsed = true;
    let read = 0;
    for (const [index, entity] of this.pack.entities.entries()) {
      if (entity.figure) continue;
      for (const alias of entity.aliases) {
        if (++read % PHRASES_PER_STEP === 0) yield;
        const phrase = parsePhrase(alias.text, 'alias');
        if (phrase.length === 0) continue;
        const short = shortFormOf(alias, phrase);
        const hit: AliasHit = { type: 'alias', entity: index, short };
        const capitals = capitalsOf(alias, phrase, short);
        if (capitals) hit.capitals = capitals;
        // A short form counts beside its entity's full name; an alias withRelated beside that of
        // the entity or a related one.
        if (alias.withRelated === true) hit.needs = [entity.id, ...entity.related];
        else if (short !== FULL_NAME) hit.needs = [entity.id];
        this.phrases.push([phrase, hit]);
        this.filter.add(phrase);
        // Those never count without a full name, so the full names alone decide.
        if (!hit.needs && forPretest) this.pretest.addPhrase(phrase);
      }
      // Needed only where a name inside them is found: neither the filter nor the pre-test reads them.
      for (const { text } of entity.notMentions ?? []) {
        if (++read % PHRASES_PER_STEP === 0) yield;
        const phrase = parsePhrase(text, 'alias');
        if (phrase.length > 0) this.phrases.push([phrase, NOT_A_MENTION]);
      }
    }
    if (this.hasFigures) this.addTradeParties(forPretest);
  }

  private cue(phrases: readonly string[], hit: Hit): (readonly PhraseToken[])[] {
    return phrases.map((text) => {
      const phrase = parsePhrase(text, 'lexicon');
      this.phrases.push([phrase, hit]);
      return phrase;
    });
  }

  /** The words that name the parties to trade, which the pre-test needs. */
  private addTradeParties(forPretest: boolean): void {
    const adjectives = TRADE_PARTIES.map((party, bit) => {
      const index = this.pack.entities.findIndex((entity) => entity.id === party.entityId);
      if (index >= 0) this.partyOf[index] = (this.partyOf[index] ?? 0) | (1 << bit);
      return this.cue(party.adjectives, { type: 'party', mask: 1 << bit });
    });
    // A figure counts only where every party is named. A party named through an alias already
    // passes the pretest; adjectives alone ("Chinese ... Russian") pass only all together.
    const both = this.cue(BOTH_PARTIES, { type: 'party', mask: ALL_PARTIES });
    if (!forPretest) return;
    for (const combination of everyCombination(adjectives)) this.pretest.addRequirement(combination);
    for (const phrase of both) this.pretest.addPhrase(phrase);
  }

  /** The rest of the trade vocabulary, which only find() reads. */
  private addTradeContext(): void {
    for (const phrase of this.cue(TRADE_WORDS, { type: 'trade' })) this.filter.add(phrase, FIGURE_CONTEXT);
    this.cue(BILATERAL_WORDS, { type: 'bilateral' });
    this.cue(THIS_YEAR, { type: 'relative-year', offset: 0 });
    this.cue(LAST_YEAR, { type: 'relative-year', offset: -1 });
    MONTHS.forEach((names, month) => this.cue(names, { type: 'month', month: month + 1 }));
    for (const { phrase, value } of FRACTION_PHRASES) {
      // "A third" is a figure written without digits.
      for (const tokens of this.cue([phrase], { type: 'fraction', value })) this.filter.add(tokens, WORDED_FIGURE);
    }
  }

  /** Builds the trie, yielding now and then; this.trie is set once it is whole. */
  private *buildTrie(): Generator<void> {
    if (!this.parsed) yield* this.parse(false);
    if (this.hasFigures) this.addTradeContext();
    const root: TrieNode<Hit> = {};
    let added = 0;
    for (const [phrase, hit] of this.phrases) {
      if (++added % PHRASES_PER_STEP === 0) yield;
      addPhrase(root, phrase, hit);
    }
    yield* this.filter.prepare(PHRASES_PER_STEP);
    this.trie = root;
  }

  *prepareFind(): Generator<void> {
    this.building ??= this.buildTrie();
    while (!this.trie && !this.building.next().done) yield;
  }

  mightMention(text: string): boolean {
    return this.pretest.mightContain(text);
  }

  pretestSession(): PretestSession {
    return this.pretest.session();
  }

  prepareSession(): Generator<void> {
    return this.pretest.prepare(PHRASES_PER_STEP);
  }

  find(text: string, context?: FindContext): Mention[] {
    // Building the trie (what prepareFind left of it) also reads the phrases the filter is made of.
    if (!this.trie) finish(this.prepareFind());
    const byContext = foldsByContext(text);
    const folded = foldText(text, byContext);
    if (!this.filter.mayContain(text, this.hasFigures, folded)) return [];
    // The tokenizer takes the words' keys from the text folded for the filter where it can.
    const inPlace = foldsInPlace(text, folded, byContext) ? folded : undefined;
    const preceding = context?.preceding;
    if (!preceding || !this.hasFigures) return this.findIn(text, undefined, inPlace);
    // The text before counts only for a figure in the first sentences that looks back for the
    // countries trade is between: read the text alone, and again after that text only where one
    // did (reading it before every block doubled what find() reads on a page).
    const lookedBack = { before: false };
    const alone = this.findIn(text, lookedBack, inPlace);
    if (!lookedBack.before) return alone;
    // Only the last sentences before the text matter; a bounded tail keeps the cost per call
    // independent of how long the previous block is. The blank line keeps names and figures from
    // spanning both.
    const tail = preceding.slice(-PRECEDING_TAIL);
    const offset = tail.length + 2;
    const mentions: Mention[] = [];
    for (const mention of this.findIn(`${tail}\n\n${text}`)) {
      if (mention.start < offset) continue;
      mention.start -= offset;
      mention.end -= offset;
      mentions.push(mention);
    }
    return mentions;
  }

  /**
   * The mentions in text, read alone. lookedBack.before is set where a figure in its first
   * sentences would have been one with the countries named before the text. inPlace: see
   * tokenizeText.
   */
  private findIn(text: string, lookedBack?: { before: boolean }, inPlace?: string): Mention[] {
    const tokens = tokenizeText(text, inPlace);
    if (tokens.count === 0) return [];
    const root = this.trie!;
    const hasFigures = this.hasFigures;
    const sentences = hasFigures ? numberSentences(tokens) : undefined;
    const sentence = sentences?.sentence;
    const trade = new Uint8Array(sentences?.count ?? 0);
    const bilateral = new Uint8Array(sentences?.count ?? 0);
    const parties = new Uint8Array(sentences?.count ?? 0);
    const periods = new Map<number, PeriodMention[]>();
    const names: NameCandidate[] = [];
    const figures: FigureCandidate[] = [];

    const periodAt = (first: number, last: number, what: { year?: number; month?: number }): PeriodMention => ({
      start: tokens.starts[first] ?? 0,
      end: tokens.ends[last] ?? 0,
      clause: sentences?.clause[first] ?? 0,
      ...what,
    });
    const notePeriod = (at: number, mention: PeriodMention): void => {
      const key = sentence?.[at] ?? 0;
      const list = periods.get(key);
      if (list) list.push(mention);
      else periods.set(key, [mention]);
    };

    let from = 0;
    const name = (last: number, entity: number, short: ShortForm, needs: readonly string[] | undefined): void => {
      names.push({ first: from, last, entity, short, needs, length: (tokens.ends[last] ?? 0) - (tokens.starts[from] ?? 0) });
    };
    const visit = (last: number, hits: readonly Hit[]): void => {
      const at = sentence?.[from] ?? 0;
      for (const hit of hits) {
        switch (hit.type) {
          case 'alias':
            if (hit.capitals && !keepsCapitals(tokens, from, hit.capitals)) break;
            name(last, hit.entity, hit.short, hit.needs);
            break;
          case 'not-mention':
            name(last, OTHER, FULL_NAME, undefined);
            break;
          case 'party':
            parties[at] = (parties[at] ?? 0) | hit.mask;
            break;
          case 'trade':
            trade[at] = 1;
            break;
          case 'bilateral':
            bilateral[at] = 1;
            break;
          case 'relative-year':
            notePeriod(from, periodAt(from, last, { year: this.storyYear + hit.offset }));
            break;
          case 'month':
            notePeriod(from, periodAt(from, last, { month: hit.month }));
            break;
          case 'fraction':
            figures.push({ first: from, last, kind: 'percent', value: hit.value });
            break;
        }
      }
    };

    for (from = 0; from < tokens.count; from++) {
      walkPhrases(root, tokens, from, visit);
      if (!hasFigures) continue;
      const figure = readFigureAt(tokens, from);
      if (figure) figures.push(figure);
      if (tokens.kinds[from] === NUMBER) {
        const year = readYearAt(tokens, from);
        if (year !== undefined) notePeriod(from, periodAt(from, from, { year }));
        const month = readHanMonthAt(tokens, from);
        if (month !== undefined) notePeriod(from, periodAt(from, from, { month }));
      }
    }

    const taken = new Uint8Array(tokens.count);
    const mentions: Mention[] = [];
    const han = new HanWordBoundaries(tokens);
    let standing = names.filter((name) => {
      if (!standsAlone(tokens, name.first, name.last)) return false;
      const touchesHan = tokens.kinds[name.first] === HAN || tokens.kinds[name.last] === HAN;
      return !touchesHan || han.accepts(name.first, name.last);
    });
    if (standing.some((name) => name.short !== FULL_NAME)) standing = withShortFormsInPlace(tokens, standing);
    // Full names before short forms ("Li Qiang" inside "Premier Li Qiang" beats "Premier Li"),
    // then the longest, then the earliest; the sort is stable, so pack order breaks exact ties.
    standing.sort((a, b) => Number(a.short !== FULL_NAME) - Number(b.short !== FULL_NAME) || b.length - a.length || a.first - b.first);
    for (const name of standing) {
      if (!claim(taken, name.first, name.last)) continue;
      // A phrase that means something else has taken its words from the names inside it.
      if (name.entity === OTHER) continue;
      const entity = this.entities[name.entity];
      if (!entity) continue;
      mentions.push(this.mention(tokens, name.first, name.last, entity.id, entity.category, name.short !== FULL_NAME, name.needs));
      const mask = this.partyOf[name.entity] ?? 0;
      if (mask && sentence) {
        const at = sentence[name.first] ?? 0;
        parties[at] = (parties[at] ?? 0) | mask;
      }
    }

    if (sentence && figures.length > 0) {
      const isTradeSentence = (at: number): boolean => {
        if (!trade[at]) return false;
        if (parties[at] === ALL_PARTIES) return true;
        if (!bilateral[at]) return false;
        let named = 0;
        for (let back = 0; back <= BILATERAL_REACH; back++) {
          if (at - back < 0) {
            if (lookedBack && named !== ALL_PARTIES) lookedBack.before = true;
            break;
          }
          named |= parties[at - back] ?? 0;
        }
        return named === ALL_PARTIES;
      };
      figures.sort((a, b) => spanOf(tokens, b) - spanOf(tokens, a) || a.first - b.first);
      for (const figure of figures) {
        const at = sentence[figure.first] ?? 0;
        if (!isTradeSentence(at)) continue;
        const clause = sentences?.clause[figure.first] ?? 0;
        const story = this.storyFigureFor(tokens, clause, figure, periods.get(at) ?? []);
        const entity = story && this.entities[story.entity];
        if (!entity || !claim(taken, figure.first, figure.last)) continue;
        const mention = this.mention(tokens, figure.first, figure.last, entity.id, entity.category, false);
        mention.value = { kind: figure.kind, value: figure.value, text: text.slice(mention.start, mention.end) };
        mentions.push(mention);
      }
    }

    return mentions.sort((a, b) => a.start - b.start);
  }

  /**
   * Money goes to the story's amount nearest in value. A percentage goes to the figure whose
   * period the sentence names closest to it, preferring its own clause ("more than a quarter
   * ... in 2023, but about 1.6% between January and July this year"), or failing that to the
   * nearest in value.
   */
  private storyFigureFor(
    tokens: TokenList,
    clause: number,
    figure: FigureCandidate,
    periods: readonly PeriodMention[],
  ): StoryFigure | undefined {
    const candidates = figure.kind === 'money' ? this.moneyFigures : this.percentFigures;
    const start = tokens.starts[figure.first] ?? 0;
    const end = tokens.ends[figure.last] ?? 0;
    // Another clause counts as further away than anything in the figure's own.
    const elsewhere = tokens.text.length + 1;
    let best: StoryFigure | undefined;
    let bestDistance = Infinity;
    let bestGap = Infinity;
    for (const candidate of candidates) {
      let distance = Infinity;
      if (figure.kind === 'percent') {
        for (const period of periods) {
          if (!supports(candidate.period, period)) continue;
          const gap = Math.max(0, period.start - end, start - period.end);
          distance = Math.min(distance, gap + (period.clause === clause ? 0 : elsewhere));
        }
      }
      const gap = Math.abs(candidate.value - figure.value);
      if (distance < bestDistance || (distance === bestDistance && gap < bestGap)) {
        best = candidate;
        bestDistance = distance;
        bestGap = gap;
      }
    }
    return best;
  }

  private mention(
    tokens: TokenList,
    first: number,
    last: number,
    entityId: string,
    category: Category,
    short: boolean,
    needs?: readonly string[],
  ): Mention {
    const mention: Mention = { start: tokens.starts[first] ?? 0, end: tokens.ends[last] ?? 0, entityId, category, short };
    if (needs) mention.needs = needs;
    return mention;
  }
}

/**
 * The names, less the short forms that stand where they mean someone or something else (see
 * ShortForm). A word counts as another name where it starts with a capital, stands next to the
 * short form with a space between (not a full stop, which makes the capital one of a sentence's
 * start), does not start a sentence itself unless it is in capitals ("Tough sanctions" does not
 * count, "UN sanctions" does), and is no part of one of the story's full names ("Russia" in
 * "Russia sanctions").
 */
function withShortFormsInPlace(tokens: TokenList, names: readonly NameCandidate[]): NameCandidate[] {
  const isOtherName = (index: number, joint: number): boolean =>
    index >= 0 &&
    index < tokens.count &&
    tokens.spacing[joint] === SPACED &&
    isWord(tokens.kinds[index]) &&
    caseAt(tokens, index) === CAPITAL &&
    // A sentence starts with a capital ("New sanctions followed"), where only a word in capitals
    // ("UN sanctions") is still a name.
    (!startsSentence(tokens, index) || isInCapitals(tokens, index)) &&
    // Looked up last, and only here: most short forms have no capital next to them.
    !names.some((name) => name.short === FULL_NAME && name.entity !== OTHER && name.first <= index && index <= name.last);
  return names.filter((name) => {
    if (name.short === SHORT_NAME) return !isOtherName(name.last + 1, name.last + 1) && !isRomanNumeral(tokens, name);
    if (name.short === SHORT_WORD) return !isOtherName(name.first - 1, name.first);
    return true;
  });
}

/**
 * Whether a short name of one word is a number: written in capitals as a Roman numeral ("XI",
 * "LI") where the words next to it are not in capitals ("Louis XI", "Super Bowl LI", "chapter
 * XI"). In a headline in capitals ("PUTIN MEETS XI") it is the name.
 */
function isRomanNumeral(tokens: TokenList, name: NameCandidate): boolean {
  if (name.first !== name.last || !ROMAN_NUMERAL.test(tokenText(tokens, name.first))) return false;
  return !isInCapitals(tokens, nearWord(tokens, name.first, -1)) && !isInCapitals(tokens, nearWord(tokens, name.first, 1));
}

const ROMAN_NUMERAL = /^[IVXLCDM]{2,}$/;

/**
 * The word next to index, before or after it in its sentence (a comma or a dash may come between:
 * "PUTIN, XI"), or -1.
 */
function nearWord(tokens: TokenList, index: number, step: 1 | -1): number {
  for (let at = index + step, left = 2; left > 0 && at >= 0 && at < tokens.count; at += step, left--) {
    // A sentence starts at the later of the two tokens: the word is in another.
    if (startsSentence(tokens, step > 0 ? at : at + 1)) return -1;
    if (isWord(tokens.kinds[at])) return at;
  }
  return -1;
}

/** Marks tokens first..last as used, unless some already are. */
function claim(taken: Uint8Array, first: number, last: number): boolean {
  for (let index = first; index <= last; index++) if (taken[index]) return false;
  taken.fill(1, first, last + 1);
  return true;
}

function spanOf(tokens: TokenList, figure: FigureCandidate): number {
  return (tokens.ends[figure.last] ?? 0) - (tokens.starts[figure.first] ?? 0);
}

/**
 * A name must not run on into letters or digits written against it: "Li2" is not "Li". Words are
 * whole tokens already, so only digit and letter neighbours without a space can break this. Han
 * edges are left to the segmenter, and a Latin name written against Chinese text stands alone.
 * Nor into letters past an apostrophe, which are more of the word ("Xi'an", the city), unless
 * they are a possessive or a contraction ("Xi's", "Putin'll"). One before a name is an elision
 * ("l'Ukraine"), and the name stands.
 */
function standsAlone(tokens: TokenList, first: number, last: number): boolean {
  return !runsOn(tokens, first, first - 1, first) && !runsOn(tokens, last, last + 1, last + 1) && !runsOnPastApostrophe(tokens, last);
}

/** What English writes after an apostrophe at the end of a name: a possessive, a contraction. */
const AFTER_APOSTROPHE: ReadonlySet<string> = new Set(['s', 'd', 'll', 're', 've']);

function runsOnPastApostrophe(tokens: TokenList, last: number): boolean {
  const { keys, kinds, spacing } = tokens;
  const after = last + 2;
  return (
    after < tokens.count &&
    keys[last + 1] === "'" &&
    spacing[last + 1] === JOINED &&
    spacing[after] === JOINED &&
    isWord(kinds[last]) &&
    isWord(kinds[after]) &&
    !AFTER_APOSTROPHE.has(keys[after] ?? '')
  );
}

function runsOn(tokens: TokenList, edge: number, neighbour: number, joint: number): boolean {
  const { kinds, spacing } = tokens;
  if (neighbour < 0 || neighbour >= tokens.count || spacing[joint] !== JOINED) return false;
  const wordish = (kind: TokenKind | undefined): boolean => isWord(kind) || kind === NUMBER;
  return wordish(kinds[edge]) && wordish(kinds[neighbour]);
}

/** One item from each list, in every possible way. */
function everyCombination<T>(lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>(
    (combinations, list) => combinations.flatMap((combination) => list.map((item) => [...combination, item])),
    [[]],
  );
}
