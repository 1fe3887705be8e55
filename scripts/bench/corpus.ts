// Reads the saved real pages of ../shared/corpus at bench time. Nothing from them is written into
// the repository: the benchmark pages are assembled in memory and served on 127.0.0.1.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../build';

export const SHARED_DIR = path.resolve(ROOT, '..', 'shared');
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus', 'readability');

export class MissingCorpusError extends Error {}

export interface CorpusPage {
  name: string;
  /** The inner markup of the page's <body>, scripts included (the served pages forbid them to run). */
  bodyHtml: string;
  /** Roughly the text a reader sees: tags, scripts and styles removed, entities decoded. */
  text: string;
  /** Roughly the body's textContent: all text, that of inline scripts and styles included. */
  allText: string;
}

export async function readCorpus(): Promise<CorpusPage[]> {
  if (!existsSync(CORPUS_DIR)) {
    throw new MissingCorpusError(
      `The benchmark builds its pages from the saved pages in ${CORPUS_DIR}, which is missing. ` +
        'Check out the shared folder beside this repository (../shared/corpus/readability/<name>/source.html).',
    );
  }
  const names = (await readdir(CORPUS_DIR, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && existsSync(path.join(CORPUS_DIR, entry.name, 'source.html')))
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) throw new MissingCorpusError(`${CORPUS_DIR} holds no <name>/source.html pages.`);
  const pages: CorpusPage[] = [];
  for (const name of names) {
    const html = await readFile(path.join(CORPUS_DIR, name, 'source.html'), 'utf8');
    const bodyHtml = innerBody(html);
    pages.push({ name, bodyHtml, text: visibleText(bodyHtml), allText: textContent(bodyHtml) });
  }
  return pages;
}

function innerBody(html: string): string {
  const open = /<body\b[^>]*>/i.exec(html);
  const start = open ? open.index + open[0].length : 0;
  const close = html.toLowerCase().lastIndexOf('</body>');
  return html.slice(start, close > start ? close : html.length);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** An approximation of what the browser will show; the browser's own count is what is reported. */
export function visibleText(html: string): string {
  return textContent(html.replace(/<(script|style|noscript|template|svg|math|head|title)\b[\s\S]*?<\/\1\s*>/gi, ' '));
}

/** Roughly what body.textContent gives: the text of scripts and styles kept as it is. */
function textContent(html: string): string {
  const raw = /<(script|style)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi;
  let text = '';
  let from = 0;
  for (let match = raw.exec(html); match; match = raw.exec(html)) {
    text += `${stripTags(html.slice(from, match.index))} ${match[2]} `;
    from = match.index + match[0].length;
  }
  return text + stripTags(html.slice(from));
}

function stripTags(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ');
}
