import type { Category } from '../story/schema';

/** A money amount or percentage as written on a page, converted to the story's units. */
export interface FigureValue {
  kind: 'money' | 'percent';
  /** Billions of US dollars for money; percentage points for percent. */
  value: number;
  /** The figure as the page writes it, such as "US$240.1bn". */
  text: string;
}

export interface Mention {
  /** UTF-16 offsets into the text given to find(); [start, end) covers the name as written. */
  start: number;
  end: number;
  entityId: string;
  category: Category;
  /** Matched through a short-form alias; only valid on a page that also names the entity in full. */
  short: boolean;
  /**
   * Set where the mention counts only on a page that names one of these entities in full (by a
   * mention with no needs of its own): the entity itself for a short form ("Li"), the entity or one
   * related to it for an alias the pack marks withRelated ("annual talks").
   */
  needs?: readonly string[];
  /** For figure mentions: the value found on the page. */
  value?: FigureValue;
}

export interface Matcher {
  /**
   * Cheap pre-test on a page's whole text: false means the page certainly has no mention that
   * survives resolveShortForms. Short forms are ignored on purpose (they only count next to a
   * full name, which the test does look for), so do not use it to skip single blocks of a page
   * that as a whole passed.
   */
  mightMention(text: string): boolean;
  /**
   * The same test over a page given in chunks, in document order: add(chunk) is true once the
   * text so far passes. Lets a caller test a big page a slice at a time.
   */
  pretestSession(): PretestSession;
  /**
   * Gets pretestSession() ready a step at a time, for a caller that lets the page run between
   * steps: for a pack of thousands of aliases, the first session would otherwise build and
   * compile its RegExp in one task. pretestSession() does whatever is left.
   */
  prepareSession(): Iterator<void>;
  /**
   * All mentions in one text, sorted, non-overlapping; includes unresolved short forms.
   * `context.preceding` is the text just before this one on the page (the previous block): a
   * sentence such as "Bilateral trade grew 1.6%" takes its countries from the sentences before
   * it, which a block-by-block caller would otherwise cut off. Nothing in it is reported.
   */
  find(text: string, context?: FindContext): Mention[];
  /**
   * Gets find() ready (reads the pack's phrases into its trie) a step at a time, for a caller
   * that lets the page run between steps: for a pack of thousands of aliases, the first find()
   * would otherwise do it all in one. find() does whatever is left.
   */
  prepareFind(): Iterator<void>;
}

/**
 * A pack's pre-test alone, with the rest of its matcher still to be read: an imported pack is read
 * from storage, checked and compiled only once a page passes its pre-test, stored beside it.
 */
export interface PendingMatcher {
  pretestSession(): PretestSession;
  prepareSession(): Iterator<void>;
  /** The whole matcher, read once; it rejects when the pack cannot be read. */
  load(): Promise<Matcher>;
}

export interface FindContext {
  preceding?: string;
}

export interface PretestSession {
  /** Tests the next chunk of the page's text; true once the page so far passes. */
  add(text: string): boolean;
}
