// Wraps mentions in <mark class="backstory-mark" data-entity data-category> with mark.js, and keeps
// the exact undo of every change it makes.
import Mark from 'mark.js';
import type { Mention } from '../match';
import { FORBIDDEN_TAGS, MARK_CLASS, type TextBlock } from './text-blocks';
import { ELEMENT_NODE } from './dom';

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

/** Index of the last node that starts at or before offset. */
export function nodeAt(starts: readonly number[], offset: number): number {
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
 * A block of more text nodes than this is highlighted a mention at a time, each with only the
 * nodes it covers: mark.js rereads its whole context after each mark it makes.
 */
const MANY_NODES = 64;

/**
 * A text node longer than this is cut around its mentions before mark.js reads it. mark.js makes
 * each mark with splitText, which copies the rest of the node's text, and slices its copy of the
 * whole text at each: for a node of megabytes with fifty marks, half a second in Firefox.
 */
const LONG_NODE = 65_536;

/**
 * The block's nodes, with any long node among them cut where its mentions start and end: the node
 * keeps its text up to the first cut, and a new node holds each piece after (one copy of the text
 * in all, where cutting by splitText copies the rest of it at each cut). Null if none was cut.
 */
function cutLongNodes({ nodes, starts }: TextBlock, mentions: readonly Mention[]): { nodes: Text[]; starts: number[] } | null {
  if (!nodes.some((node) => node.data.length > LONG_NODE)) return null;
  const cutNodes: Text[] = [];
  const cutStarts: number[] = [];
  nodes.forEach((node, index) => {
    const start = starts[index]!;
    const text = node.data;
    cutNodes.push(node);
    cutStarts.push(start);
    if (text.length <= LONG_NODE) return;
    const cuts: number[] = [];
    for (const { start: from, end: to } of mentions) {
      for (const at of [from - start, to - start]) if (at > 0 && at < text.length && at !== cuts[cuts.length - 1]) cuts.push(at);
    }
    if (cuts.length === 0) return;
    const pieces = cuts.map((cut, at) => node.ownerDocument.createTextNode(text.slice(cut, cuts[at + 1] ?? text.length)));
    node.data = text.slice(0, cuts[0]);
    node.after(...pieces);
    pieces.forEach((piece, at) => {
      cutNodes.push(piece);
      cutStarts.push(start + cuts[at]!);
    });
  });
  return { nodes: cutNodes, starts: cutStarts };
}

/**
 * Highlights the mentions (offsets into block.text, sorted, not overlapping). Most blocks take one
 * mark.js call, whose context is the block's container where the container holds exactly the
 * block's text (a paragraph, a heading), else the block's own text nodes. Few calls keep the
 * number of mark.js's node iterators down: the browser updates every live one on each node the
 * page or highlighting removes, until they are garbage-collected.
 */
export function highlightBlock(
  block: TextBlock,
  mentions: readonly Mention[],
  styleMark?: (mark: HTMLElement) => void,
): BlockHighlight {
  const before = block.nodes.map((node) => node.nextSibling);
  const marks: HTMLElement[][] = mentions.map(() => []);
  /** Marks the mentions of indices in context, whose text starts at offset in the block's. */
  const mark = (indices: readonly number[], context: Node | readonly Node[], offset: number): void => {
    const ranges = indices.map((index) => ({ start: mentions[index]!.start - offset, length: mentions[index]!.end - mentions[index]!.start }));
    const rangeIndex = new Map(ranges.map((range, at) => [range, indices[at]!]));
    // mark.js walks each context with a NodeIterator, which yields a text node context as itself;
    // its types only name elements.
    new Mark(context as unknown as HTMLElement).markRanges(ranges, {
      ...MARK_OPTIONS,
      each: (element: Element, range: unknown) => {
        const index = rangeIndex.get(range as (typeof ranges)[number]);
        if (index === undefined) return;
        const made = element as HTMLElement;
        made.removeAttribute('data-markjs');
        made.dataset.entity = mentions[index]!.entityId;
        made.dataset.category = mentions[index]!.category;
        // Focusable from script (the keyboard commands move focus to it), not in the Tab order.
        if (marks[index]!.length === 0) made.tabIndex = -1;
        styleMark?.(made);
        marks[index]!.push(made);
      },
    });
  };
  const { container } = block;
  const cut = cutLongNodes(block, mentions);
  const { nodes, starts } = cut ?? block;
  // Cut nodes are marked each alone: mark.js would read the block's whole text for each mark.
  if (cut || nodes.length > MANY_NODES) {
    // Last first: a split node keeps the text before the split, so earlier offsets stay valid.
    for (let index = mentions.length - 1; index >= 0; index--) {
      const first = nodeAt(starts, mentions[index]!.start);
      const last = nodeAt(starts, mentions[index]!.end - 1);
      mark([index], nodes.slice(first, last + 1), starts[first]!);
    }
  } else {
    // The container's text is the block's, and nothing in it is left out of blocks (whose text,
    // even empty, mark.js would read): then its text nodes are the block's, in the same order.
    const whole =
      container.nodeType === ELEMENT_NODE &&
      container.textContent === block.text &&
      !(container as Element).querySelector(SKIPPED_INSIDE);
    mark(
      mentions.map((_, index) => index),
      whole ? container : nodes,
      0,
    );
  }
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
