// Chinese has no spaces, so 李强 is found character by character inside any run of Han text. A
// hit only counts where word segmentation agrees that it is a word of its own: in 小李强调 ("Xiao
// Li stressed") the words are 小|李|强调, and 李强 would end inside 强调.
//
// The segmenter runs only on runs of Han characters that hold a hit, so text without candidates
// never pays for it, and each run is segmented once, in overlapping blocks of bounded size, so a
// page-long run full of hits still costs time linear in its length.

import { HAN, JOINED, type TokenList } from './tokenize-text';

/**
 * Single characters that stand as words of their own next to a name. The segmenter's dictionary
 * lacks most names and then pairs their last character with a following conjunction: 习近平和普京
 * comes out as 习|近|平和|普|京. A neighbour from this list keeps such a name.
 */
const FREE_CHARACTERS: ReadonlySet<string> = new Set([
  ...'和与同及跟对向在是的说将也都就又还曾已被把给为于或并等称',
]);

/**
 * Long runs are segmented in blocks of this many characters: the segmenter's dictionary pass
 * slows down sharply on long unbroken runs (a 200 000-character run takes over a minute in one
 * piece, a quarter of a second in blocks), and 256 is about its fastest size per character.
 */
const BLOCK = 256;
/** Each block is read with this much context on either side, so words at its edges come out whole. */
const MARGIN = 32;

let sharedSegmenter: Intl.Segmenter | null | undefined;

function segmenter(): Intl.Segmenter | null {
  if (sharedSegmenter === undefined) {
    sharedSegmenter =
      typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }
  return sharedSegmenter;
}

/** Checks hits in one text; remembers the runs and blocks it has looked at. */
export class HanWordBoundaries {
  /** First token of the Han run each token belongs to (plus one; 0 until the run is measured). */
  private runFirst: Int32Array | undefined;
  private readonly runLast = new Map<number, number>();
  /** Word boundaries (text offsets) by run and block, keyed first token + block × token count. */
  private readonly boundaries = new Map<number, Set<number>>();

  constructor(private readonly tokens: TokenList) {}

  /** Whether tokens first..last, as a word, agree with the segmentation of their Han run. */
  accepts(first: number, last: number): boolean {
    const { keys } = this.tokens;
    const startInside = this.hanJoined(first - 1, first);
    const endInside = this.hanJoined(last, last + 1);
    if (!startInside && !endInside) return true;
    if (!segmenter()) return true;
    const startsWord = !startInside || FREE_CHARACTERS.has(keys[first - 1] ?? '') || this.isBoundary(first);
    const endsWord = !endInside || FREE_CHARACTERS.has(keys[last + 1] ?? '') || this.isBoundary(last + 1);
    return startsWord && endsWord;
  }

  private hanJoined(left: number, right: number): boolean {
    const { kinds, spacing } = this.tokens;
    return left >= 0 && kinds[left] === HAN && kinds[right] === HAN && spacing[right] === JOINED;
  }

  /** Whether a word starts at token `token`, which is inside a Han run. */
  private isBoundary(token: number): boolean {
    const [first, last] = this.runAround(token);
    const block = Math.floor((token - first) / BLOCK);
    const key = first + block * this.tokens.count;
    let boundaries = this.boundaries.get(key);
    if (!boundaries) {
      boundaries = this.segmentBlock(first, last, block);
      this.boundaries.set(key, boundaries);
    }
    return boundaries.has(this.tokens.starts[token] ?? -1);
  }

  private runAround(token: number): [number, number] {
    const runFirst = (this.runFirst ??= new Int32Array(this.tokens.count));
    const known = (runFirst[token] ?? 0) - 1;
    if (known >= 0) return [known, this.runLast.get(known) ?? token];
    let first = token;
    while (this.hanJoined(first - 1, first)) first--;
    let last = token;
    while (this.hanJoined(last, last + 1)) last++;
    runFirst.fill(first + 1, first, last + 1);
    this.runLast.set(first, last);
    return [first, last];
  }

  private segmentBlock(runFirst: number, runLast: number, block: number): Set<number> {
    const { starts, ends, text } = this.tokens;
    const from = Math.max(runFirst, runFirst + block * BLOCK - MARGIN);
    const to = Math.min(runLast, runFirst + (block + 1) * BLOCK + MARGIN);
    const start = starts[from] ?? 0;
    const boundaries = new Set<number>();
    for (const segment of segmenter()?.segment(text.slice(start, ends[to] ?? start)) ?? []) {
      boundaries.add(start + segment.index);
    }
    return boundaries;
  }
}
