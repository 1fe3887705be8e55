// A cheap test that rules out pages with nothing to find.
//
// Each full alias (and each word that can put a trade figure in context) is reduced to the words
// any text matching it must contain: a Latin word as written, a Cyrillic word as the stem it
// declines on, a run of Han characters as it is. A page passes once every word of some alias has
// turned up in one place; "international sanctions" needs both words, so "international" alone
// does not wake the matcher. Only the words that put a figure in context ("Chinese", "Russian")
// may be anywhere on the page.
//
// The page is folded (lower case, NFC; see foldText) once, and searched with one RegExp of the
// words that must show up for anything to pass: one word of each alias, and every word that may
// be anywhere. Most pages fail it; it runs as machine code from the first page on, and none of it
// depends on the number of aliases. Where it finds a word, the rest of an alias that needs it is
// looked for around it, each word with indexOf. A page can also be tested in pieces (session()),
// which keeps the cost of a big page in slices: text arrives in chunks, and each is tested together
// with the end of the one before, so a name that straddles two chunks is seen whole. The pre-test
// works from its own text (see prepared()), which imported packs keep in storage and the build
// writes for the built-in one: the RegExp is made from one line of it for the first session, or
// before it in steps (prepare()), and the requirements that need a word are read from it only once
// the RegExp finds that word: a page where it finds few words does not pay for reading the
// requirements of thousands of names.

import type { PhraseToken } from './phrase-trie';
import { HAN, JOINED, WORD, continuesWord, foldText, isWord } from './tokenize-text';
import type { PretestSession } from './types';

const LONGEST_WORD = 12;
/** An alias needs at most this many of its words, the longest ones, to be present. */
const WORDS_PER_PHRASE = 3;
/**
 * How much of the previous chunk a session tests again with the next, and how far either side of a
 * word the RegExp found the rest of an alias is looked for: more than the longest alias (120
 * characters), so that a name cut in two by a chunk boundary is read whole, and the window around
 * any word of a name holds all of it.
 */
const CARRY = 160;

export class PagePretest {
  /** The requirements added (addRequirement), until they are written down. */
  private readonly requirements: { words: RequiredWord[]; apart: boolean }[] = [];
  /** Set when some phrase has no word at all (digits or punctuation only). */
  private always = false;
  /**
   * The pre-test written down (see prepared()), which sessions read: written from the requirements
   * on first use, or read as it was stored.
   */
  private source: string | undefined;
  /** Where the requirement lines start in source (after the line of the RegExp's forms). */
  private linesFrom = 0;
  /**
   * The RegExp, once built; the forms it looks for anywhere (Han runs), not only where a word
   * starts; for each form it finds, the shorter forms that start as it does (it finds the longest).
   */
  private quick: { pattern: RegExp; anywhere: ReadonlySet<string>; shorter: ReadonlyMap<string, readonly string[]> } | undefined;
  // What follows is read from source a form at a time, as the RegExp finds them (see load).
  /** Word ids by each form of theirs read so far. */
  private readonly wordsByForm = new Map<string, number[]>();
  /** For each word id, what it is looked for as around another: its key (a Cyrillic word's stem). */
  private readonly words: string[] = [];
  /** For each word id, whether it is found only where a word starts (not Han). */
  private readonly startsWord: boolean[] = [];
  private readonly wordIds = new Map<string, number>();
  /** For each word id, the requirements read that need it. */
  private readonly phrasesByWord: number[][] = [];
  /** For each requirement read, its distinct word ids, and whether they may be apart. */
  private readonly needs: number[][] = [];
  private readonly apart: boolean[] = [];
  /** The tokens (forms or keys) whose requirement lines are read, and where each line read starts. */
  private readonly tokensRead = new Set<string>();
  private readonly linesRead = new Set<number>();

  addPhrase(phrase: readonly PhraseToken[]): void {
    this.addRequirement([phrase]);
  }

  /** Passes pages that contain all of the phrases (each anywhere). */
  addRequirement(phrases: readonly (readonly PhraseToken[])[]): void {
    const byKey = new Map<string, RequiredWord>();
    for (const word of phrases.flatMap(requiredWords)) if (!byKey.has(word.key)) byKey.set(word.key, word);
    const words = [...byKey.values()].sort((a, b) => b.key.length - a.key.length);
    // One read as stored (readPrepared) has its requirements read whole, to be written down again.
    if (this.source !== undefined && this.requirements.length === 0) this.requirements.push(...requirementsIn(this.source));
    if (words.length === 0) this.always = true;
    else this.requirements.push({ words, apart: phrases.length > 1 });
    this.source = undefined;
    this.quick = undefined;
  }

  /**
   * The pre-test as text, enough to rebuild it without its phrases: "always" or "some"; then a
   * line of the forms the RegExp looks for ("?" first), each with "~" first where it is found
   * anywhere (a Han run) and "=" and the shorter forms of other words that start as it does; then
   * one requirement a line ("&" first where its phrases may be apart), its words apart by spaces:
   * a word is its key, "~" first where it need not start a word, then "=" and its forms where
   * they are not just the key. Sessions read the requirement lines as the RegExp finds their
   * words (see load).
   */
  prepared(): PreparedPretest {
    return (this.source ??= finish(this.writing(Infinity)));
  }

  /** The pre-test that prepared() wrote down, built without reading any phrase again. */
  static fromPrepared(prepared: PreparedPretest): PagePretest {
    const pretest = PagePretest.readPrepared(prepared);
    if (!pretest) throw new Error('Not a pre-test that prepared() wrote.');
    return pretest;
  }

  /**
   * fromPrepared() for text kept where it could be changed behind the extension's back (storage):
   * null where it is not what prepared() writes. Only its form is checked here, with one RegExp;
   * its lines are read as a page needs them. Text without the line of the RegExp's forms (written
   * by hand) is read whole, and written down again with it.
   */
  static readPrepared(text: unknown): PagePretest | null {
    if (typeof text !== 'string' || !WRITTEN.test(text)) return null;
    const pretest = new PagePretest();
    pretest.always = text.startsWith('always');
    if (text.includes('\n') && !text.includes('\n?')) pretest.requirements.push(...requirementsIn(text));
    else pretest.source = text;
    return pretest;
  }

  /** Writes the pre-test down (see prepared), yielding every `perStep` requirements. */
  private *writing(perStep: number): Generator<void, string> {
    const lines = [this.always ? 'always' : 'some'];
    const { forms, anywhere } = yield* this.quickForms(perStep);
    let read = 0;
    if (forms.size > 0) {
      // Every form of every word, for the shorter ones each form of the RegExp starts with.
      const all = new Set<string>();
      for (const { words } of this.requirements) for (const word of words) for (const form of word.forms) all.add(form);
      const entries: string[] = [];
      for (const form of forms) {
        if (++read % perStep === 0) yield;
        const shorter = prefixesIn(form, all);
        entries.push(writeWord(form, !anywhere.has(form), shorter.length > 0 ? shorter : [form]));
      }
      lines.push(`?${entries.join(' ')}`);
    }
    for (const { words, apart } of this.requirements) {
      if (++read % perStep === 0) yield;
      lines.push(`${apart ? '&' : ''}${words.map(({ key, forms, startsWord }) => writeWord(key, startsWord, forms)).join(' ')}`);
    }
    return lines.join('\n');
  }

  /**
   * The RegExp's forms. One phrase is written in one place: a window that holds it holds each of
   * its words, so the RegExp looks for one of them, and the rest are looked for around it. That is
   * a word some other alias is on its own where there is one ("Kursk" for "Kursk region"), else its
   * longest. Of phrases that may be apart (the two parties to trade) it looks for every word.
   * Yields every `perStep` requirements read.
   */
  private *quickForms(perStep: number): Generator<void, { forms: Set<string>; anywhere: Set<string> }> {
    const forms = new Set<string>();
    const anywhere = new Set<string>();
    const take = (word: RequiredWord): void => {
      for (const form of word.forms) {
        forms.add(form);
        if (!word.startsWord) anywhere.add(form);
      }
    };
    let read = 0;
    for (const { words, apart } of this.requirements) {
      if (++read % perStep === 0) yield;
      if (apart || words.length === 1) words.forEach(take);
    }
    for (const { words } of this.requirements) {
      if (++read % perStep === 0) yield;
      if (words.some((word) => word.forms.every((form) => forms.has(form)))) continue;
      take(words[0]!);
    }
    return { forms, anywhere };
  }

  /** The RegExp and what goes with it, from the line of its forms (null where there is none). */
  private *quickBuilding(perStep: number): Generator<void, PagePretest['quick'] | null> {
    let source = this.source;
    if (source === undefined) {
      try {
        source = this.source = yield* this.writing(perStep);
      } catch {
        // A word that cannot be written down (no alias yields one today): every page passes.
        this.always = true;
        return null;
      }
    }
    const at = source.indexOf('\n?');
    if (at < 0) return null;
    let end = source.indexOf('\n', at + 1);
    if (end < 0) end = source.length;
    this.linesFrom = end;
    const anywhere = new Set<string>();
    const shorter = new Map<string, string[]>();
    const starting: string[] = [];
    let read = 0;
    for (const entry of source.slice(at + 2, end).split(' ')) {
      if (++read % perStep === 0) yield;
      const { key, forms, startsWord } = readWord(entry);
      if (startsWord) starting.push(key);
      else anywhere.add(key);
      if (forms.length > 1 || forms[0] !== key) shorter.set(key, forms);
    }
    yield;
    return { pattern: alternation([...starting, ...anywhere], anywhere), anywhere, shorter };
  }

  mightContain(text: string): boolean {
    return this.session().add(text);
  }

  /**
   * Gets session() ready a step at a time: the pre-test written down, where it was built from
   * phrases, `perStep` requirements a step; the RegExp, which is then run on a text of each of the
   * engine's two kinds of string (it is compiled for each on its first use there, and to machine
   * code on the second). For a pre-test of thousands of aliases each of these takes milliseconds
   * to tens of them, which the first session would otherwise take in one task; it builds whatever
   * is left.
   */
  *prepare(perStep: number): Generator<void> {
    if (this.quick || this.always) return;
    const quick = yield* this.quickBuilding(perStep);
    if (!quick) return;
    for (const sample of ONE_OF_EACH_KIND) {
      for (let use = 0; use < 2; use++) {
        yield;
        quick.pattern.lastIndex = 0;
        quick.pattern.exec(sample);
      }
    }
    // A session begun meanwhile built it already.
    this.quick ??= quick;
  }

  /**
   * A test of one page given in chunks, in order: add() is true once the chunks so far pass. The
   * words of requirements that may be spread over the page stay found from chunk to chunk, so the
   * cost is linear in the text.
   */
  session(): PretestSession {
    if (!this.always) this.quick ??= finish(this.quickBuilding(Infinity)) ?? undefined;
    if (this.always) return { add: () => true };
    if (!this.quick) return { add: () => false };
    const { pattern, anywhere, shorter } = this.quick;
    /** Words of requirements that may be spread over the page, found so far; and how many of each such requirement's. */
    const seen: boolean[] = [];
    const found: number[] = [];
    let tail = '';
    let passed = false;
    // A form found (a word where a word starts, Han anywhere), or a shorter one that starts as
    // it does, is a word of some requirements: one of words in one place passes if the rest are
    // around it, in the window that holds the whole of any alias it is in.
    const foundAt = (form: string, folded: string, at: number): boolean => {
      for (const id of this.load(form)) {
        for (const requirement of this.phrasesByWord[id]!) {
          const ids = this.needs[requirement]!;
          if (this.apart[requirement]) {
            if (seen[id]) continue;
            const count = (found[requirement] ?? 0) + 1;
            found[requirement] = count;
            if (count === ids.length) return true;
          } else if (ids.every((other) => other === id || this.isAround(other, folded, at))) {
            return true;
          }
        }
        seen[id] = true;
      }
      return false;
    };
    return {
      add: (text) => {
        if (passed) return true;
        const folded = foldText(tail + text);
        tail = folded.slice(-CARRY);
        passed = someForm(pattern, folded, (form, at) => {
          if (!anywhere.has(form) && continuesWord(folded, at)) return false;
          return foundAt(form, folded, at) || (shorter.get(form) ?? []).some((form) => foundAt(form, folded, at));
        });
        return passed;
      },
    };
  }

  /**
   * The ids of the words that have `form` among their forms, once every requirement line that
   * holds the form, or the key of such a word, is read: the requirements of each of those words
   * are then all known, as if every line had been read.
   */
  private load(form: string): readonly number[] {
    this.readLines(form);
    const ids = this.wordsByForm.get(form) ?? [];
    for (let index = 0; index < ids.length; index++) this.readLines(this.words[ids[index]!]!);
    return ids;
  }

  /** Reads the requirement lines in which `token` is a word's key or one of its forms. */
  private readLines(token: string): void {
    if (this.tokensRead.has(token)) return;
    this.tokensRead.add(token);
    const source = this.source!;
    for (let at = source.indexOf(token, this.linesFrom); at >= 0; at = source.indexOf(token, at + 1)) {
      if (!TOKEN_BEFORE.has(source.charCodeAt(at - 1)) || !TOKEN_AFTER.has(source.charCodeAt(at + token.length) || NEWLINE)) continue;
      const start = source.lastIndexOf('\n', at) + 1;
      if (this.linesRead.has(start)) continue;
      this.linesRead.add(start);
      const end = source.indexOf('\n', at);
      const line = source.slice(start, end < 0 ? source.length : end);
      this.index(readWords(line), line.startsWith('&'));
    }
  }

  /** Notes a requirement's words, and which requirements need each word. */
  private index(words: readonly RequiredWord[], apart: boolean): void {
    const requirement = this.needs.length;
    const ids: number[] = [];
    for (const { key, forms, startsWord } of words) {
      let id = this.wordIds.get(key);
      if (id === undefined) {
        id = this.words.length;
        this.words.push(key);
        this.startsWord.push(startsWord);
        this.wordIds.set(key, id);
        this.phrasesByWord.push([]);
      }
      for (const form of forms) {
        const sharing = this.wordsByForm.get(form);
        if (!sharing) this.wordsByForm.set(form, [id]);
        else if (!sharing.includes(id)) sharing.push(id);
      }
      if (ids.includes(id)) continue;
      ids.push(id);
      this.phrasesByWord[id]!.push(requirement);
    }
    this.needs.push(ids);
    this.apart.push(apart);
  }

  /** Whether word id is in folded within CARRY characters of at (where a word starts, unless Han). */
  private isAround(id: number, folded: string, at: number): boolean {
    const word = this.words[id]!;
    const last = Math.min(at + CARRY, folded.length) - word.length;
    for (let start = folded.indexOf(word, Math.max(at - CARRY, 0)); start >= 0 && start <= last; start = folded.indexOf(word, start + 1)) {
      if (!this.startsWord[id] || !continuesWord(folded, start)) return true;
    }
    return false;
  }
}

/**
 * The form of a pre-test written down (see PagePretest.prepared): a word is written as anything
 * but white space and the characters written between words.
 */
const WRITTEN_WORD = '~?[^\\s~=,&?]+(?:=[^\\s~=,&?]+(?:,[^\\s~=,&?]+)*)?';
const WRITTEN = new RegExp(`^(?:some|always)(?:\\n\\?${WRITTEN_WORD}(?: ${WRITTEN_WORD})*)?(?:\\n&?${WRITTEN_WORD}(?: ${WRITTEN_WORD})*)*$`);

const NEWLINE = 0x0a;
/** What comes before and after a word's key or form in a requirement line. */
const TOKEN_BEFORE = new Set([NEWLINE, 0x20, 0x26, 0x7e, 0x3d, 0x2c]);
const TOKEN_AFTER = new Set([NEWLINE, 0x20, 0x3d, 0x2c]);

/** A word as prepared() writes it: "~" first unless it starts a word, "=" and its forms unless they are just the key. */
function writeWord(key: string, startsWord: boolean, forms: readonly string[]): string {
  for (const text of [key, ...forms]) if (!isWrittenWord(text)) throw new Error(`A word the pre-test cannot write down: ${text}`);
  const formsPart = forms.length === 1 && forms[0] === key ? '' : `=${forms.join(',')}`;
  return `${startsWord ? '' : '~'}${key}${formsPart}`;
}

/** The requirement lines of a pre-test written down (see PagePretest.prepared), read. */
function requirementsIn(source: string): { words: RequiredWord[]; apart: boolean }[] {
  const lines = source.split('\n').slice(1).filter((line) => !line.startsWith('?'));
  return lines.map((line) => ({ words: readWords(line), apart: line.startsWith('&') }));
}

/** The words of a requirement line prepared() wrote (of the form WRITTEN checks). */
function readWords(line: string): RequiredWord[] {
  return (line.startsWith('&') ? line.slice(1) : line).split(' ').map(readWord);
}

/** A word as writeWord() wrote it. */
function readWord(text: string): RequiredWord {
  const startsWord = !text.startsWith('~');
  const [key = '', forms] = (startsWord ? text : text.slice(1)).split('=');
  // endsWord only matters to TextFilter, which is never prepared.
  return { key, forms: forms === undefined ? [key] : forms.split(','), startsWord, endsWord: false };
}

/** Runs the steps of work done a step at a time to the end, and gives what they give. */
export function finish<T>(steps: Iterator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A pre-test written down (see PagePretest.prepared), for a pack whose phrases are known early. */
export type PreparedPretest = string;

/** Whether prepared() can write text down as a word or form: the characters it writes between them are not in it. */
function isWrittenWord(text: string): boolean {
  return text !== '' && !/[\s~=,&?]/.test(text);
}

interface RequiredWord {
  /** What the exact stage looks for: the word as written, a Cyrillic word's common stem. */
  key: string;
  /** What the RegExp looks for: each way the word can start in the page's text. */
  forms: string[];
  /** Latin or Cyrillic, which a match starts as a word of its own; Han runs have no spaces. */
  startsWord: boolean;
  /** A Latin word in full, which a match also ends as a word of its own. */
  endsWord: boolean;
}

/** The longest words of a phrase, in the form every match of it contains. */
function requiredWords(phrase: readonly PhraseToken[]): RequiredWord[] {
  const words = new Map<string, RequiredWord>();
  let han = '';
  const endHanRun = (): void => {
    const key = han.slice(0, LONGEST_WORD);
    if (key) words.set(key, { key, forms: [key], startsWord: false, endsWord: false });
    han = '';
  };
  phrase.forEach((token, index) => {
    if (token.kind === HAN) {
      if (index > 0 && token.spacing !== JOINED) endHanRun();
      han += token.key;
      return;
    }
    endHanRun();
    if (!isWord(token.kind)) return;
    const key = (token.stems ? commonPrefix(token.stems) : token.key).slice(0, LONGEST_WORD);
    const endsWord = token.kind === WORD && !token.stems && token.key.length <= LONGEST_WORD;
    if (key && !words.has(key)) words.set(key, { key, forms: token.stems ?? [token.key], startsWord: true, endsWord });
  });
  endHanRun();
  return [...words.values()].sort((a, b) => b.key.length - a.key.length).slice(0, WORDS_PER_PHRASE);
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) {
    while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** What a phrase given to TextFilter yields once all its words are in a text. */
export const NAME = 0;
/** A figure written without digits ("a third"). */
export const WORDED_FIGURE = 1;
/** A word without which no figure counts: a figure is a mention only in a sentence about trade. */
export const FIGURE_CONTEXT = 2;
export type FilterRole = typeof NAME | typeof WORDED_FIGURE | typeof FIGURE_CONTEXT;

/**
 * A test of one text before find(): false means that no alias, short forms included, can be found
 * in it, nor any figure, whatever the text around it. A name needs all the words any match of it
 * contains (as the pre-test reads them: "international sanctions" needs both); a figure needs
 * digits or its words ("more than a third"), and the words of something that makes its sentence
 * one about trade.
 *
 * One native RegExp finds one word of each phrase: of its words long enough to be rare in running
 * text (not "in" or "of"), the one fewest other phrases share (a made-up surname rather than a
 * common first name), the longest of those; only where it turns up are the phrase's other words
 * looked for, each once a text.
 */
export class TextFilter {
  /** For each phrase: its words (the longest first), what it yields, and of its words the one the RegExp finds and the others. */
  private readonly phrases: { words: RequiredWord[]; role: FilterRole; anchor: RequiredWord; others: RequiredWord[] }[] = [];
  /** Phrases by each form of the word the RegExp finds for them; built with the RegExp. */
  private byForm = new Map<string, number[]>();
  /** For each form found, the shorter forms that start where it does (the RegExp finds only the longest). */
  private readonly prefixes = new Map<string, string[]>();
  private pattern: RegExp | undefined;
  /** Set by a name of no words at all (digits or punctuation only), which any text may hold. */
  private always = false;
  /** Set by a phrase of each figure kind that has no words. */
  private figureAlways = false;
  private contextAlways = false;

  add(phrase: readonly PhraseToken[], role: FilterRole = NAME): void {
    const words = requiredWords(phrase);
    const [longest] = words;
    if (!longest) {
      if (role === NAME) this.always = true;
      else if (role === WORDED_FIGURE) this.figureAlways = true;
      else this.contextAlways = true;
      return;
    }
    this.pattern = undefined;
    this.phrases.push({ words, role, anchor: longest, others: words.slice(1) });
  }

  /**
   * Gets the filter ready a step at a time, `perStep` phrases a step, then compiles its RegExp in
   * two more steps (the engine compiles a RegExp on its first use and again to machine code on its
   * second). For a pack of thousands of aliases each of these takes tens of milliseconds, which the
   * first mayContain() would otherwise take in one task; it finishes whatever is left.
   */
  *prepare(perStep: number): Generator<void> {
    if (this.pattern || this.always || this.phrases.length === 0) return;
    const phrases = this.phrases.length;
    const pattern = yield* this.building(perStep);
    for (let use = 0; use < 2; use++) {
      yield;
      pattern.lastIndex = 0;
      pattern.exec('');
    }
    // A phrase added meanwhile makes the first mayContain() build it again.
    if (this.phrases.length === phrases) this.pattern ??= pattern;
  }

  private build(): RegExp {
    return finish(this.building(Infinity));
  }

  /** Chooses each phrase's word for the RegExp (see above) and builds it, yielding every `perStep` phrases. */
  private *building(perStep: number): Generator<void, RegExp> {
    const identity = (word: RequiredWord) => `${word.startsWord ? '' : '~'}${word.endsWord ? '$' : ''}${word.forms.join(',')}`;
    const sharing = new Map<string, number>();
    let read = 0;
    for (const { words } of this.phrases) {
      if (++read % perStep === 0) yield;
      for (const word of words) sharing.set(identity(word), (sharing.get(identity(word)) ?? 0) + 1);
    }
    const byForm = new Map<string, number[]>();
    /** Forms that may be found inside a word (Han). */
    const anywhere = new Set<string>();
    for (const [id, phrase] of this.phrases.entries()) {
      if (++read % perStep === 0) yield;
      const { words } = phrase;
      // A word long enough to be rare in running text: the least shared of a phrase may be "in"
      // ("the war in Ukraine"), which turns up a few times in every paragraph. Of those, the least
      // shared; then the first, which is the longest.
      let best = 0;
      words.forEach((word, index) => {
        const than = words[best]!;
        const longer = rarity(word) - rarity(than);
        if (longer > 0 || (longer === 0 && sharing.get(identity(word))! < sharing.get(identity(than))!)) best = index;
      });
      phrase.anchor = words[best]!;
      phrase.others = words.filter((_, index) => index !== best);
      for (const form of phrase.anchor.forms) {
        if (!phrase.anchor.startsWord) anywhere.add(form);
        const list = byForm.get(form);
        if (list) list.push(id);
        else byForm.set(form, [id]);
      }
    }
    yield;
    this.prefixes.clear();
    this.byForm = byForm;
    return alternation(byForm.keys(), anywhere);
  }

  /** `folded` is foldText(text), where the caller has it already. */
  mayContain(text: string, digitsCount: boolean, folded?: string): boolean {
    if (this.always) return true;
    // Whether a figure may be in the text: digits, looked for only once a word of trade context
    // is found (most texts have none), or its words.
    let figure: boolean | undefined = digitsCount ? (this.figureAlways || undefined) : false;
    let context = digitsCount && this.contextAlways;
    const figureAndContext = (): boolean => context && (figure ??= DIGIT.test(text));
    if (figureAndContext()) return true;
    if (this.phrases.length === 0) return false;
    const pattern = (this.pattern ??= this.build());
    folded ??= foldText(text);
    /** Phrases already decided for this text (all their words found, or one missing). */
    let decided: Set<number> | undefined;
    /** Whether a word other than the one the RegExp finds for its phrase is in the text, by word. */
    let elsewhere: Map<RequiredWord, boolean> | undefined;
    const isInText = (word: RequiredWord): boolean => {
      let known = (elsewhere ??= new Map()).get(word);
      if (known === undefined) {
        known = word.forms.some((form) => {
          for (let at = folded.indexOf(form); at >= 0; at = folded.indexOf(form, at + 1)) if (fits(folded, at, form, word)) return true;
          return false;
        });
        elsewhere.set(word, known);
      }
      return known;
    };
    const found = (form: string, at: number): boolean => {
      for (const id of this.byForm.get(form) ?? []) {
        const { anchor, others, role } = this.phrases[id]!;
        if (decided?.has(id) || !fits(folded, at, form, anchor)) continue;
        (decided ??= new Set()).add(id);
        if (!others.every(isInText)) continue;
        if (role === NAME) return true;
        if (role === WORDED_FIGURE) figure = digitsCount;
        else context = digitsCount;
        if (figureAndContext()) return true;
      }
      return false;
    };
    return someForm(pattern, folded, (form, at) => {
      if (found(form, at)) return true;
      for (const shorter of prefixesIn(form, this.byForm, this.prefixes)) if (found(shorter, at)) return true;
      return false;
    });
  }

}

/**
 * The forms of `forms` that a form found starts with, shorter than it (an alternation finds only
 * the longest form where several start), kept in `cache` where one is given.
 */
function prefixesIn(form: string, forms: { has(form: string): boolean }, cache?: Map<string, string[]>): string[] {
  let list = cache?.get(form);
  if (!list) {
    list = [];
    for (let length = form.length - 1; length > 0; length--) {
      const shorter = form.slice(0, length);
      if (forms.has(shorter)) list.push(shorter);
    }
    cache?.set(form, list);
  }
  return list;
}

/**
 * How rare a word is likely to be in running text, from the length of its shortest form: short
 * words are the common ones. Han runs count double (two characters are about as telling as four
 * letters); from RARE_LENGTH on, length tells no more.
 */
function rarity(word: RequiredWord): number {
  const shortest = Math.min(...word.forms.map((form) => form.length));
  return Math.min(word.startsWord ? shortest : 2 * shortest, RARE_LENGTH);
}

const RARE_LENGTH = 5;

/** Whether the form found at `at` in folded text starts (and, where it must, ends) a word there. */
function fits(folded: string, at: number, form: string, word: RequiredWord): boolean {
  if (word.startsWord && continuesWord(folded, at)) return false;
  return !(word.endsWord && at + form.length < folded.length && continuesWord(folded, at + form.length + 1));
}

const DIGIT = /\p{N}/u;

/**
 * Whether found(form, at) holds for some place where pattern (an alternation()) finds a form in
 * text, trying every place a form starts, overlapping ones included.
 */
function someForm(pattern: RegExp, text: string, found: (form: string, at: number) => boolean): boolean {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    pattern.lastIndex = match.index + 1;
    if (found(match[0], match.index)) return true;
  }
  return false;
}

/**
 * One global RegExp that finds any of the literal forms, the longest first where several start
 * together. Forms not in `anywhere` count only where a word starts, and are not looked for right
 * after a Latin or Cyrillic letter (most places in running text): the engine rules those places
 * out by the one character before them, where it would otherwise try every form there. Whoever
 * reads what it finds still checks where words start (a letter of another script, a mark).
 */
function alternation(forms: Iterable<string>, anywhere: ReadonlySet<string>): RegExp {
  const longestFirst = (list: string[]) =>
    list.sort((a, b) => b.length - a.length).map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const all = [...forms];
  const inside = all.filter((form) => anywhere.has(form));
  const starting = all.filter((form) => !anywhere.has(form));
  const parts = [];
  if (starting.length > 0) parts.push(`${AFTER_NO_LETTER}(?:${longestFirst(starting)})`);
  if (inside.length > 0) parts.push(longestFirst(inside));
  return new RegExp(parts.join('|'), 'g');
}

/** A string of each kind the engine keeps: one byte a character (Latin-1), and two. */
const ONE_OF_EACH_KIND = ['', '\u0100'];

/** Not right after a Latin or Cyrillic letter (folded text is lower case, but either will do). */
const AFTER_NO_LETTER = '(?<![A-Za-z\\u0400-\\u045f])';
