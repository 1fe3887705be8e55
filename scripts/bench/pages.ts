// The benchmark pages, assembled in memory from the saved real pages and the seed article:
// - story pages of about 140 KB, 1.4 MB and 7 MB of text: the seed article first (so the first
//   screenful has mentions), then real pages, each followed by the article again;
// - an unrelated page of about 100 KB: real pages that do not mention the story at all;
// - a page of 100 000 tiny text nodes: the article with every word in an element of its own.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../build';
import type { CorpusPage } from './corpus';

export interface BenchPage {
  id: string;
  /** How the tables name it. */
  label: string;
  html: string;
  /** Node's estimate of the visible text, in characters; the browser's own count is reported. */
  approxText: number;
  /** The corpus pages it is made of, in order. */
  sources: string[];
  /** What it is made of, for the report. */
  madeOf: string;
}

export interface PageTargets {
  storySizes: { id: string; label: string; chars: number }[];
  unrelatedChars: number;
  tinyNodes: number;
}

export const PAGE_TARGETS: PageTargets = {
  storySizes: [
    { id: 'story-140k', label: 'story, 140 KB', chars: 140_000 },
    { id: 'story-1.4m', label: 'story, 1.4 MB', chars: 1_400_000 },
    { id: 'story-7m', label: 'story, 7 MB', chars: 7_000_000 },
  ],
  unrelatedChars: 100_000,
  tinyNodes: 100_000,
};

/**
 * Scripts may not run and nothing may load: the saved pages keep their markup (inline scripts
 * included, as a real page's DOM has them) but stay inert and off the network.
 */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The root is hidden while the page parses and shown (by the runner) once it has loaded: laying
 * out a growing 60 MB document again and again as it streams in would make the 7 MB page take
 * minutes to open. The DOM that the methods meet is the same either way.
 */
export const HIDDEN_WHILE_LOADING = 'display:none';

function documentOf(title: string, body: string, lang = 'en'): string {
  return (
    `<!doctype html><html lang="${lang}" style="${HIDDEN_WHILE_LOADING}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
    `</head><body>\n${body}\n</body></html>\n`
  );
}

export interface SeedArticle {
  headline: string;
  paragraphs: string[];
}

export async function readSeedArticle(headline: string): Promise<SeedArticle> {
  const text = await readFile(path.join(ROOT, 'assets/demo/article.txt'), 'utf8');
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return { headline, paragraphs };
}

function articleHtml(article: SeedArticle, copy: number): string {
  const paragraphs = article.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
  return `<article class="bench-seed" data-copy="${copy}">\n<h2>${escapeHtml(article.headline)}</h2>\n${paragraphs}\n</article>`;
}

function articleLength(article: SeedArticle): number {
  return article.headline.length + article.paragraphs.reduce((sum, paragraph) => sum + paragraph.length + 1, 0);
}

/** The same order on every run, but not the alphabetical one (which starts with tiny test pages). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/**
 * A saved page's body as a section, with everything that would load or run made inert: scripts
 * stay in the DOM, as a real page's do, but with a type no browser runs (the first type attribute
 * wins); images keep their element but lose their source; frames and plug-ins are left out (their
 * text is another document's, which a content script reads in that frame).
 */
export function inertMarkup(html: string): string {
  return html
    .replace(/<script\b/gi, '<script type="text/x-inert"')
    .replace(/<(iframe|object|video|audio)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(iframe|embed|link)\b[^>]*>/gi, '')
    .replace(/<(img|source)\b[^>]*>/gi, (tag) => tag.replace(/\s(src|srcset)\s*=/gi, ' data-inert-$1='));
}

const section = (page: CorpusPage): string =>
  `<section class="bench-source" data-source="${escapeHtml(page.name)}">\n${inertMarkup(page.bodyHtml)}\n</section>`;

export function storyPage(id: string, label: string, chars: number, corpus: readonly CorpusPage[], article: SeedArticle): BenchPage {
  const order = shuffled(corpus, 20240821);
  const parts = [articleHtml(article, 0)];
  const sources: string[] = [];
  const copy = articleLength(article);
  let text = copy;
  // Pages in a fixed cycle; near the end, only those that still fit, so the size stays close.
  for (let index = 0, misses = 0; text < chars && misses < order.length; index++) {
    const page = order[index % order.length]!;
    if (text + page.text.length + copy > chars * 1.02 && sources.length > 0) {
      misses += 1;
      continue;
    }
    misses = 0;
    parts.push(section(page), articleHtml(article, sources.length + 1));
    sources.push(page.name);
    text += page.text.length + copy;
  }
  return {
    id,
    label,
    html: documentOf(article.headline, parts.join('\n')),
    approxText: text,
    sources,
    madeOf: `the seed article, then ${sources.length} saved pages each followed by it again`,
  };
}

/**
 * Real pages that do not mention the story, about `chars` of text. `mentions(text)` is the
 * pre-test of every pack benchmarked: the page as a whole must pass none of them (two pages can
 * together hold both words of an alias such as "international sanctions").
 */
export function unrelatedPage(chars: number, corpus: readonly CorpusPage[], mentions: (text: string) => boolean): BenchPage {
  const chosen: CorpusPage[] = [];
  let text = '';
  // Chosen so that even the text of inline scripts (which the pre-test skips) passes no pack.
  let allText = '';
  for (const page of shuffled(corpus, 7)) {
    if (text.length >= chars) break;
    if (text.length + page.text.length > chars * 1.25 || mentions(page.allText)) continue;
    const joined = `${allText}\n${page.allText}`;
    if (mentions(joined)) continue;
    chosen.push(page);
    text = `${text}\n${page.text}`;
    allText = joined;
  }
  if (text.length < chars) {
    throw new Error(`The corpus has only ${text.length} characters of text that does not mention the story; ${chars} are needed.`);
  }
  return {
    id: 'unrelated-100k',
    label: 'unrelated, 100 KB',
    html: documentOf('Unrelated reading', chosen.map(section).join('\n')),
    approxText: text.length,
    sources: chosen.map((page) => page.name),
    madeOf: `${chosen.length} saved pages that do not mention the story`,
  };
}

/** The article again and again, one element and one text node per word, a paragraph per paragraph. */
export function tinyNodesPage(nodes: number, article: SeedArticle): BenchPage {
  const paragraphs = [article.headline, ...article.paragraphs].map((paragraph) => paragraph.split(' '));
  const parts: string[] = [];
  let count = 0;
  let text = 0;
  for (let copy = 0; count < nodes; copy++) {
    for (const [index, words] of paragraphs.entries()) {
      if (count >= nodes) break;
      const take = words.slice(0, nodes - count);
      const tag = index === 0 ? 'h2' : 'p';
      parts.push(`<${tag}>${take.map((word) => `<span>${escapeHtml(word)} </span>`).join('')}</${tag}>`);
      count += take.length;
      text += take.reduce((sum, word) => sum + word.length + 1, 0);
    }
  }
  return {
    id: 'tiny-nodes',
    label: `${(nodes / 1000).toFixed(0)} 000 tiny text nodes`,
    html: documentOf(article.headline, parts.join('\n')),
    approxText: text,
    sources: [],
    madeOf: 'the seed article again and again, each word in a <span> of its own',
  };
}
