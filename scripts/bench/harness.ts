// Runs in the benchmarked page. Bundled with the content script's own build options, so that the
// matcher and the annotator run exactly as they do in dist/chrome/content.js; the usual way
// (mark.js) and the floor run beside them from the same bundle.
import Mark from 'mark.js';
import { createAnnotator, type Annotator } from '../../src/content/annotator';
import { PAINT_PREFIX, paintApiOf, type PaintApi } from '../../src/content/paint';
import { PagePretest, compileMatcher, pendingMatcher, type PendingMatcher } from '../../src/match';
import type { StoryPack } from '../../src/story/schema';
import { SEED_PACK, preparedPretestFor } from '../../src/story/seed-pack';
import { parsePackInSlices } from '../../src/story/validate-pack';
import { HARNESS_GLOBAL, type Analysis, type BenchHarness, type ImportedPack, type MethodId, type PageStats, type RunResult } from './harness-api';

/** Not text a reader sees; every method leaves it alone. */
const HIDDEN_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * Where mark.js's "exactly" accuracy lets a keyword end: white space or one of these. Keyword
 * highlighters pass such a list so that "Putin," and "Russia's" count; the Chinese marks matter
 * because Chinese has no spaces.
 */
const LIMITERS = [
  ',', '.', ';', ':', '!', '?', "'", '"', '(', ')', '[', ']', '{', '}', '/', '-', '«', '»', '“', '”', '‘', '’',
  '—', '–', '…', '、', '，', '。', '：', '；', '！', '？', '（', '）', '《', '》', '「', '」', '·',
];

const MARKJS_OPTIONS = {
  separateWordSearch: false,
  accuracy: { value: 'exactly' as const, limiters: LIMITERS },
  // The default (true) rewrites every letter into a class of its accented forms, which is slower.
  diacritics: false,
  acrossElements: false,
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let pack: StoryPack = SEED_PACK;
let imported: ImportedPack | null = null;
/** Time spent reading an imported pack in the run (see importedMatcher). */
let packReadMs = 0;
let aliases: string[] = [];
let started = 0;
let addedAt = new Map<Element, number>();
/** When each range Backstory painted was added to its highlight (see timedPaintApi). */
let paintedAt = new Map<AbstractRange, number>();

/** The page's highlight API, as the content script gets it, noting when each range is painted. */
function timedPaintApi(): PaintApi | null {
  const api = paintApiOf(window);
  if (!api) return null;
  const Timed = class extends api.Highlight {
    override add(range: AbstractRange): this {
      paintedAt.set(range, performance.now());
      return super.add(range);
    }
  };
  return { registry: api.registry, Highlight: Timed };
}

/** The ranges Backstory painted (on a page of many elements, in place of marks). */
function paintedRanges(): AbstractRange[] {
  const ranges: AbstractRange[] = [];
  for (const [name, highlight] of CSS.highlights) if (name.startsWith(PAINT_PREFIX)) ranges.push(...highlight);
  return ranges;
}
let annotator: Annotator | null = null;
/** Kept so that what a method builds stays alive for the heap reading, as it would in a page. */
const kept: unknown[] = [];

function aliasTexts(story: StoryPack): string[] {
  return [...new Set(story.entities.flatMap((entity) => entity.aliases.map((alias) => alias.text)))];
}

/**
 * An imported pack's matcher as the content script makes it: the pre-test stored beside the pack,
 * and the pack read (here parsed from JSON) and checked once the page passes it, in slices, then
 * compiled. The content script reads the pack from the extension's storage, which answers in a
 * task of its own: here a timer stands in for that.
 */
function importedMatcher({ json, prepared }: ImportedPack): PendingMatcher {
  return pendingMatcher(PagePretest.fromPrepared(prepared), async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const before = performance.now();
    const data: unknown = JSON.parse(json);
    packReadMs += performance.now() - before;
    const result = await parsePackInSlices(data, (ms) => (packReadMs += ms));
    if (!result.ok) throw new Error(result.errors.join('; '));
    return { pack: result.pack, own: true };
  });
}

function floor(): number {
  const pattern = new RegExp(aliases.map(escapeRegExp).join('|'), 'i');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let hits = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (HIDDEN_PARENTS.has(node.parentNode!.nodeName)) continue;
    if (pattern.test((node as Text).data)) hits += 1;
  }
  kept.push(pattern);
  return hits;
}

/** One pattern, marking what mark.js's array mode with the same options marks. */
function combinedPattern(): RegExp {
  const alternatives = [...aliases]
    .sort((a, b) => b.length - a.length)
    .map((alias) => escapeRegExp(alias).replace(/\s+/g, '\\s+'))
    .join('|');
  const edge = `\\s|${LIMITERS.map(escapeRegExp).join('|')}`;
  return new RegExp(`(^|${edge})(${alternatives})(?=$|${edge})`, 'gmi');
}

/** A reader paging down: one screen every this many milliseconds (quick, for a reader). */
const SCREEN_MS = 250;
/** The word findOneWord() found, which markOneWord() wraps. */
let oneWord: { text: Text; at: number; length: number } | null = null;

let floorHits = 0;
let markProgress = { done: 0, total: 0 };

async function execute(method: MethodId, result: RunResult): Promise<void> {
  switch (method) {
    case 'floor':
      floorHits = floor();
      return;
    case 'markjs-array': {
      // mark.js takes the keywords longest first; which one it has reached tells how far it got
      // when the run is stopped at the time limit.
      const order = [...new Set(aliases.map((alias) => alias.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
      const position = new Map(order.map((keyword, index) => [keyword, index]));
      markProgress = { done: 0, total: order.length };
      const reached = (keyword: string) => {
        markProgress.done = Math.max(markProgress.done, (position.get(keyword) ?? -1) + 1);
      };
      new Mark(document.body).mark(aliases, {
        ...MARKJS_OPTIONS,
        filter: (_node: Text, keyword: string) => {
          reached(keyword);
          return true;
        },
        noMatch: reached,
      });
      return;
    }
    case 'markjs-regexp':
      new Mark(document.body).markRegExp(combinedPattern(), { ...MARKJS_OPTIONS, ignoreGroups: 1 });
      return;
    case 'backstory': {
      packReadMs = 0;
      const matcher = imported ? importedMatcher(imported) : compileMatcher(pack, preparedPretestFor(pack));
      result.compileMs = performance.now() - started;
      annotator = createAnnotator({ doc: document, matcher, wanted: () => true, viewportObserver: IntersectionObserver, paintApi: timedPaintApi() });
      const starting = annotator.start();
      // What start() does before its first await: set up the observer (the pre-test comes after).
      result.startSyncMs = performance.now() - started - result.compileMs;
      await starting;
      result.scanMs = performance.now() - started;
      await annotator.idle();
      if (imported) result.packReadMs = packReadMs;
      return;
    }
  }
}

/** Two frames: style, layout and paint of what the method changed happen inside the measured span. */
function settle(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 200);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

function isMark(node: Node): node is Element {
  return node.nodeName === 'MARK';
}

const harness: BenchHarness = {
  load(stored) {
    imported = stored;
    pack = imported === null ? SEED_PACK : (JSON.parse(imported.json) as StoryPack);
    aliases = aliasTexts(pack);
  },

  stats() {
    let textChars = 0;
    let textNodes = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (HIDDEN_PARENTS.has(node.parentNode!.nodeName)) continue;
      textNodes += 1;
      const data = (node as Text).data;
      // As a reader sees it: runs of white space count as one space, indentation not at all.
      if (/\S/.test(data)) textChars += data.replace(/\s+/g, ' ').length;
    }
    const textContent = document.body.textContent ?? '';
    const stats: PageStats = {
      textChars,
      textContentChars: textContent.length,
      textNodes,
      elements: document.getElementsByTagName('*').length,
      mightMention: compileMatcher(SEED_PACK).mightMention(textContent),
    };
    return stats;
  },

  async run(method) {
    const result: RunResult = { wallMs: 0, longTasks: [] };
    addedAt = new Map();
    paintedAt = new Map();
    const mutations = new MutationObserver((records) => {
      const now = performance.now();
      for (const record of records) for (const node of record.addedNodes) if (isMark(node)) addedAt.set(node, now);
    });
    mutations.observe(document.body, { childList: true, subtree: true });
    const longTasks: PerformanceEntry[] = [];
    const tasks = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    tasks.observe({ type: 'longtask' });
    started = performance.now();
    try {
      await execute(method, result);
    } catch (error) {
      result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    result.wallMs = performance.now() - started;
    await settle();
    for (const record of mutations.takeRecords()) for (const node of record.addedNodes) if (isMark(node)) addedAt.set(node, result.wallMs + started);
    mutations.disconnect();
    longTasks.push(...tasks.takeRecords());
    tasks.disconnect();
    result.longTasks = longTasks.filter((entry) => entry.startTime + entry.duration >= started).map((entry) => entry.duration);
    return result;
  },

  analyse(method) {
    const selector = method === 'backstory' ? 'mark.backstory-mark' : 'mark[data-markjs]';
    const marks = document.querySelectorAll(selector);
    // Backstory paints rather than marks on a page of many elements: a painted range counts as a mark.
    const painted = method === 'backstory' ? paintedRanges() : [];
    const width = window.innerWidth;
    const height = window.innerHeight;
    let firstScreenMarks = 0;
    let lastAdded = -Infinity;
    const shown: [Element | Range, number | undefined][] = [
      ...[...marks].map((mark): [Element, number | undefined] => [mark, addedAt.get(mark)]),
      ...painted.map((range): [Range, number | undefined] => [range as Range, paintedAt.get(range)]),
    ];
    for (const [mark, added] of shown) {
      const box = mark.getBoundingClientRect();
      if (box.width === 0 || box.bottom <= 0 || box.top >= height || box.right <= 0 || box.left >= width) continue;
      firstScreenMarks += 1;
      lastAdded = Math.max(lastAdded, added ?? Infinity);
    }
    const analysis: Analysis = {
      marks: marks.length + painted.length,
      found: method === 'floor' ? floorHits : method === 'backstory' ? (annotator?.report().total ?? 0) : marks.length,
      firstScreenMarks,
      firstScreenMs: firstScreenMarks > 0 && Number.isFinite(lastAdded) ? lastAdded - started : null,
    };
    if (method === 'backstory' && annotator) {
      const before = performance.now();
      annotator.mentions();
      analysis.mentionsCallMs = performance.now() - before;
    }
    return analysis;
  },

  progress: () => ({ ...markProgress }),

  async readOn(screens) {
    let scrolled = 0;
    while (scrolled < screens && window.scrollY + innerHeight < document.documentElement.scrollHeight - 1) {
      window.scrollBy(0, innerHeight);
      scrolled += 1;
      await new Promise((resolve) => setTimeout(resolve, SCREEN_MS));
    }
    await annotator?.idle();
    await settle();
    return { screens: scrolled, marks: document.querySelectorAll('mark').length + paintedRanges().length };
  },

  async findOneWord() {
    oneWord = null;
    for (const paragraph of document.querySelectorAll('p')) {
      const text = [...paragraph.childNodes].find((node): node is Text => node instanceof Text && /\p{L}{3}/u.test(node.data));
      const word = text?.data.match(/\p{L}{3,}/u);
      if (!text || !word || word.index === undefined || paragraph.getBoundingClientRect().width === 0) continue;
      paragraph.scrollIntoView({ block: 'center' });
      await settle();
      oneWord = { text, at: word.index, length: word[0].length };
      return true;
    }
    return false;
  },

  async markOneWord() {
    if (!oneWord) return false;
    const { text, at, length } = oneWord;
    const wrapped = text.splitText(at);
    wrapped.splitText(length);
    const mark = document.createElement('mark');
    wrapped.before(mark);
    mark.append(wrapped);
    await settle();
    return true;
  },
};

(window as unknown as Record<string, BenchHarness>)[HARNESS_GLOBAL] = harness;
