// What the in-page harness (harness.ts, bundled and evaluated in the page) exposes to the runner.
import type { PreparedPretest } from '../../src/match';

export const METHODS = ['floor', 'markjs-array', 'markjs-regexp', 'backstory'] as const;
export type MethodId = (typeof METHODS)[number];

export const METHOD_LABELS: Record<MethodId, string> = {
  floor: 'floor (TreeWalker + one RegExp test)',
  'markjs-array': 'mark.js, array of aliases',
  'markjs-regexp': 'mark.js, one combined RegExp',
  backstory: 'Backstory (createAnnotator)',
};

export interface PageStats {
  /** Characters of text outside script, style, noscript and template. */
  textChars: number;
  /** Characters of body.textContent, which the pre-test reads: inline scripts and styles included. */
  textContentChars: number;
  textNodes: number;
  elements: number;
  /** The built-in pack's pre-test on the whole body text, inline scripts included. */
  mightMention: boolean;
}

export interface RunResult {
  /** performance.now() from the call until the method finished (Backstory: until idle()). */
  wallMs: number;
  /** Backstory only: compileMatcher(pack), or for an imported pack its stored pre-test read back; included in wallMs. */
  compileMs?: number;
  /** Backstory, imported packs only: the pack parsed and checked once the page passed the pre-test (0 where it did not). */
  packReadMs?: number;
  /** Backstory only: the synchronous part of start() (reading the page text and the pre-test). */
  startSyncMs?: number;
  /** Backstory only: until start() resolved (the first scan done), included in wallMs. */
  scanMs?: number;
  /** Durations of the 'longtask' entries (tasks over 50 ms) reported while it ran. */
  longTasks: number[];
  error?: string;
}

export interface Analysis {
  /** <mark> elements the method left in the page. */
  marks: number;
  /** Backstory: mentions highlighted (one mention can take several marks). Floor: text nodes with a hit. */
  found: number;
  /** Marks inside the first viewport (the page is not scrolled). */
  firstScreenMarks: number;
  /** From the call until the last of those marks was inserted; null without any. */
  firstScreenMs: number | null;
  /** Backstory: one call of annotator.mentions(), which the hover cards make on every refresh. */
  mentionsCallMs?: number;
}

export interface ReadingOn {
  /** Screens scrolled (fewer than asked where the page ended). */
  screens: number;
  /** Marks in the page at the end. */
  marks: number;
}

/** A pack other than the built-in one, as it is stored once imported: its JSON, and its pre-test (worked out on import). */
export interface ImportedPack {
  json: string;
  prepared: PreparedPretest;
}

export interface BenchHarness {
  /** Takes the pack to use: null for the built-in one. Reads nothing of the page and runs none of Backstory's code. */
  load(imported: ImportedPack | null): void;
  /**
   * Measures the page, with the built-in pack. On a load of its own: it reads every text node and
   * runs the pre-test, which would leave the page's nodes made and Backstory's code warm for a run
   * (a content script starts on a page in a world of its own, where neither is).
   */
  stats(): PageStats;
  run(method: MethodId): Promise<RunResult>;
  analyse(method: MethodId): Analysis;
  /** mark.js array mode: how many of its keywords it had finished (read after a run is stopped). */
  progress(): { done: number; total: number };
  /**
   * After a run: scrolls down a viewport at a time, every SCREEN_MS, as a reader paging through
   * would, for up to `screens` screens; resolves once what the method does on the way is done.
   */
  readOn(screens: number): Promise<ReadingOn>;
  /** Finds the first paragraph with a word of its own to wrap, and scrolls it into view; false where none has. */
  findOneWord(): Promise<boolean>;
  /**
   * Wraps that word in a <mark>, by hand, and resolves two frames later: what the smallest
   * highlight costs the browser on this page, whoever makes it.
   */
  markOneWord(): Promise<boolean>;
}

export const HARNESS_GLOBAL = '__backstoryBench';
