// Chinese has no spaces, so 李强 is found character by character inside any run of Han text. A
// hit only counts where word segmentation agrees that it is a word of its own: in 小李强调 ("Xiao
// Li stressed") the words are 小|李|强调, and 李强 would end inside 强调.
//
// The segmenter runs only around hits, over the run of Han characters that holds them (capped, so
// a page-long run costs no more than a sentence), so text without candidates never pays for it.

import { HAN, JOINED, type TokenList } from './tokenize-text';

/**
 * Single characters that stand as words of their own next to a name. The segmenter's dictionary
 * lacks most names and then pairs their last character with a following conjunction: 习近平和普京
 * comes out as 习|近|平和|普|京. A neighbour from this list keeps such a name.
 */
const FREE_CHARACTERS: ReadonlySet<string> = new Set([
  ...'和与同及跟对向在是的说将也都就又还曾已被把给为于或并等称',
]);

/** How far the segmented context reaches on either side of a hit, in characters. */
const CONTEXT = 64;

let sharedSegmenter: Intl.Segmenter | null | undefined;

function segmenter(): Intl.Segmenter | null {
  if (sharedSegmenter === undefined) {
    sharedSegmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }
  return sharedSegmenter;
}

/** Checks hits in one text; remembers each run it segmented. */
export class HanWordBoundaries {
  private readonly boundariesByRun = new Map<string, Set<number>>();

  constructor(private readonly tokens: TokenList) {}

  /** Whether tokens first..last, as a word, agree with the segmentation of their Han run. */
  accepts(first: number, last: number): boolean {
    const { keys } = this.tokens;
    const startInside = this.hanJoined(first - 1, first);
    const endInside = this.hanJoined(last, last + 1);
    if (!startInside && !endInside) return true;
    const boundaries = this.boundariesAround(first, last);
    if (!boundaries) return true;
    const startsWord = !startInside || boundaries.has(this.tokens.starts[first] ?? -1) || FREE_CHARACTERS.has(keys[first - 1] ?? '');
    const endsWord = !endInside || boundaries.has(this.tokens.ends[last] ?? -1) || FREE_CHARACTERS.has(keys[last + 1] ?? '');
    return startsWord && endsWord;
  }

  private hanJoined(left: number, right: number): boolean {
    const { kinds, spacing } = this.tokens;
    return left >= 0 && kinds[left] === HAN && kinds[right] === HAN && spacing[right] === JOINED;
  }

  private boundariesAround(first: number, last: number): Set<number> | undefined {
    const words = segmenter();
    if (!words) return undefined;
    let runFirst = first;
    while (runFirst > 0 && first - runFirst < CONTEXT && this.hanJoined(runFirst - 1, runFirst)) runFirst--;
    let runLast = last;
    while (runLast - last < CONTEXT && this.hanJoined(runLast, runLast + 1)) runLast++;
    const runKey = `${runFirst}:${runLast}`;
    let boundaries = this.boundariesByRun.get(runKey);
    if (!boundaries) {
      const start = this.tokens.starts[runFirst] ?? 0;
      const end = this.tokens.ends[runLast] ?? start;
      boundaries = new Set([end]);
      for (const segment of words.segment(this.tokens.text.slice(start, end))) boundaries.add(start + segment.index);
      this.boundariesByRun.set(runKey, boundaries);
    }
    return boundaries;
  }
}
