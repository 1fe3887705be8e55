// Wraps mentions in <mark class="backstory-mark" data-entity data-category> with mark.js, and keeps
// the exact undo of every change it makes.
import Mark from 'mark.js';
import type { Mention } from '../match';
import { MARK_CLASS, type TextBlock } from './text-blocks';

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

const MARK_OPTIONS = {
  element: 'mark',
  className: MARK_CLASS,
  exclude: [] as string[],
  iframes: false,
};

/** Index of the last node that starts at or before offset. */
function nodeAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Highlights the mentions (offsets into block.text, sorted, not overlapping). Mentions are wrapped
 * from last to first: splitting a text node leaves the original node holding the text before the
 * split, so the offsets of earlier mentions stay valid.
 */
export function highlightBlock(
  block: TextBlock,
  mentions: readonly Mention[],
  styleMark?: (mark: HTMLElement) => void,
): BlockHighlight {
  const before = new Map<Text, { next: Node | null }>();
  const marked: MarkedMention[] = [];
  for (let index = mentions.length - 1; index >= 0; index--) {
    const mention = mentions[index]!;
    const first = nodeAt(block.starts, mention.start);
    const last = nodeAt(block.starts, mention.end - 1);
    const context = block.nodes.slice(first, last + 1);
    for (const node of context) {
      if (!before.has(node)) before.set(node, { next: node.nextSibling });
    }
    const wrapped: HTMLElement[] = [];
    // mark.js walks each context with a NodeIterator, which yields a text node context as itself;
    // its types only name elements.
    new Mark(context as unknown as HTMLElement[]).markRanges(
      [{ start: mention.start - block.starts[first]!, length: mention.end - mention.start }],
      {
        ...MARK_OPTIONS,
        each: (element: Element) => {
          const mark = element as HTMLElement;
          mark.removeAttribute('data-markjs');
          mark.dataset.entity = mention.entityId;
          mark.dataset.category = mention.category;
          styleMark?.(mark);
          wrapped.push(mark);
        },
      },
    );
    if (wrapped.length > 0) marked.unshift({ mention, marks: wrapped });
  }
  const records: SplitRecord[] = [];
  for (const [node, { next }] of before) {
    const inserted: ChildNode[] = [];
    for (let sibling = node.nextSibling; sibling && sibling !== next; sibling = sibling.nextSibling) {
      inserted.push(sibling);
    }
    records.push({ node, inserted });
  }
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
