// Wraps mentions in <mark class="backstory-mark" data-entity data-category> with mark.js, and keeps
// the exact undo of every change it makes.
import Mark from 'mark.js';
import type { Mention } from '../match';
import { FORBIDDEN_TAGS, MARK_CLASS, type TextBlock } from './text-blocks';

/**
 * A page text node that highlighting split. The node itself keeps the text before the first mark;
 * `inserted` are the marks and the split-off remainders that now follow it.
 */
export interface SplitRecord {
  node: Text;
  inserted: ChildNode[];
}

/** One mention and its marks: more than one where markup splits the name ("Li <b>Qiang</b>"). */
export interface MarkedMention {
  mention: Mention;
  marks: HTMLElement[];
}

export interface BlockHighlight {
  block: TextBlock;
  mentions: MarkedMention[];
  records: SplitRecord[];
}

/** Elements a block never reads into (see isForbidden), as a selector. */
const SKIPPED_INSIDE = [...[...FORBIDDEN_TAGS].map((tag) => tag.toLowerCase()), '[contenteditable]', `.${MARK_CLASS}`].join(',');

const MARK_OPTIONS = {
  element: 'mark',
  className: MARK_CLASS,
  exclude: [] as string[],
  iframes: false,
};

/**
 * Highlights the mentions (offsets into block.text, sorted, not overlapping) with one mark.js call
 * for the whole block. Its context is the block's container where the container holds exactly the
 * block's text (a paragraph, a heading), else the block's own text nodes. One call per block keeps
 * the number of mark.js's node iterators down: the browser updates every live one on each node
 * the page or highlighting removes, until they are garbage-collected.
 */
export function highlightBlock(
  block: TextBlock,
  mentions: readonly Mention[],
  styleMark?: (mark: HTMLElement) => void,
): BlockHighlight {
  const before = block.nodes.map((node) => node.nextSibling);
  const ranges = mentions.map((mention) => ({ start: mention.start, length: mention.end - mention.start }));
  const rangeIndex = new Map(ranges.map((range, index) => [range, index]));
  const marks: HTMLElement[][] = mentions.map(() => []);
  const { container } = block;
  // The container's text is the block's, and nothing in it is left out of blocks (whose text,
  // even empty, mark.js would read): then its text nodes are the block's, in the same order.
  const whole =
    container.nodeType === Node.ELEMENT_NODE &&
    container.textContent === block.text &&
    !(container as Element).querySelector(SKIPPED_INSIDE);
  // mark.js walks each context with a NodeIterator, which yields a text node context as itself;
  // its types only name elements.
  new Mark(whole ? (container as HTMLElement) : (block.nodes as unknown as HTMLElement[])).markRanges(ranges, {
    ...MARK_OPTIONS,
    each: (element: Element, range: unknown) => {
      const index = rangeIndex.get(range as (typeof ranges)[number]);
      if (index === undefined) return;
      const mark = element as HTMLElement;
      mark.removeAttribute('data-markjs');
      mark.dataset.entity = mentions[index]!.entityId;
      mark.dataset.category = mentions[index]!.category;
      // Focusable from script (the keyboard commands move focus to it), not in the Tab order.
      if (marks[index]!.length === 0) mark.tabIndex = -1;
      styleMark?.(mark);
      marks[index]!.push(mark);
    },
  });
  const marked: MarkedMention[] = [];
  mentions.forEach((mention, index) => {
    if (marks[index]!.length > 0) marked.push({ mention, marks: marks[index]! });
  });
  const records: SplitRecord[] = [];
  block.nodes.forEach((node, index) => {
    const next = before[index];
    if (node.nextSibling === next) return;
    const inserted: ChildNode[] = [];
    for (let sibling = node.nextSibling; sibling && sibling !== next; sibling = sibling.nextSibling) inserted.push(sibling);
    records.push({ node, inserted });
  });
  return { block, mentions: marked, records };
}

/**
 * Puts the page back as it was before highlightBlock. `rewritten` tells which split nodes the page
 * has since written itself (a framework re-rendering its text): see undoSplit.
 */
export function undoHighlight(highlight: BlockHighlight, rewritten: (node: Text) => boolean = () => false): void {
  for (const record of highlight.records) undoSplit(record, rewritten(record.node));
}

/**
 * Joins a split node back together: the node takes back the text of the marks and remainders
 * that follow it, wherever the page has since put them, and they are removed. A page that
 * detaches a subtree and attaches it again later, or moves the node, so keeps all of its text.
 * Where the page has written the node's text itself since, the page's text wins: it replaced the
 * whole of what it knew as that node, so what highlighting split off is only removed.
 */
export function undoSplit({ node, inserted }: SplitRecord, rewritten: boolean): void {
  let rest = '';
  for (const child of inserted) {
    rest += child.textContent ?? '';
    child.remove();
  }
  if (!rewritten && rest !== '') node.appendData(rest);
}
