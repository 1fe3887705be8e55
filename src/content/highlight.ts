// Wraps mentions in <mark class="backstory-mark" data-entity data-category> with mark.js, and keeps
// the exact undo of every change it makes.
import Mark from 'mark.js';
import type { Mention } from '../match';
import { MARK_CLASS, type TextBlock } from './text-blocks';

/** What a text node was before it was split, so it can be put back node for node. */
interface TextNodeRecord {
  node: Text;
  data: string;
  parent: Node;
  /** The sibling that followed it: everything highlighting inserts lands before this. */
  next: Node | null;
}

/** One mention and its marks: more than one where markup splits the name ("Li <b>Qiang</b>"). */
export interface MarkedMention {
  mention: Mention;
  marks: HTMLElement[];
}

export interface BlockHighlight {
  mentions: MarkedMention[];
  /** Puts back the text nodes exactly as they were. */
  undo(): void;
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
 * Highlights the mentions (offsets into block.text, sorted, not overlapping) and returns the
 * marks and the undo. Mentions are wrapped from last to first: splitting a text node leaves the
 * original node holding the text before the split, so the offsets of earlier mentions stay valid.
 */
export function highlightBlock(block: TextBlock, mentions: readonly Mention[]): BlockHighlight {
  const records = new Map<Text, TextNodeRecord>();
  const marked: MarkedMention[] = [];
  for (let index = mentions.length - 1; index >= 0; index--) {
    const mention = mentions[index]!;
    const first = nodeAt(block.starts, mention.start);
    const last = nodeAt(block.starts, mention.end - 1);
    const context = block.nodes.slice(first, last + 1);
    for (const node of context) {
      if (!records.has(node) && node.parentNode) {
        records.set(node, { node, data: node.data, parent: node.parentNode, next: node.nextSibling });
      }
    }
    const wrapped: HTMLElement[] = [];
    // mark.js walks each context with a NodeIterator, which yields a text node context as itself;
    // its types only name elements.
    new Mark(context as unknown as HTMLElement[]).markRanges([{ start: mention.start - block.starts[first]!, length: mention.end - mention.start }], {
      ...MARK_OPTIONS,
      each: (element: Element) => {
        const mark = element as HTMLElement;
        mark.removeAttribute('data-markjs');
        mark.dataset.entity = mention.entityId;
        mark.dataset.category = mention.category;
        wrapped.push(mark);
      },
    });
    if (wrapped.length > 0) marked.unshift({ mention, marks: wrapped });
  }
  return {
    mentions: marked,
    undo: () => {
      for (const record of records.values()) restoreTextNode(record);
      for (const { marks } of marked) for (const mark of marks) if (mark.isConnected) unwrap(mark);
    },
  };
}

function restoreTextNode({ node, data, parent, next }: TextNodeRecord): void {
  const untouched = node.parentNode === parent && (next === null || next.parentNode === parent);
  if (!untouched) return;
  for (let sibling = node.nextSibling; sibling && sibling !== next; ) {
    const following: ChildNode | null = sibling.nextSibling;
    sibling.remove();
    sibling = following;
  }
  node.data = data;
}

/** The fallback when the page has moved things around since: keep the text, drop the mark. */
function unwrap(mark: HTMLElement): void {
  mark.replaceWith(...Array.from(mark.childNodes));
}
