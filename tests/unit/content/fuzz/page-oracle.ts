// What the annotator should have done to a page, worked out without it: the page's text blocks
// (text-blocks.ts) read by the matcher, short forms resolved over the whole page; and what it did
// do, read back from the marks. Both are spans of the page's composed text (light DOM and open
// shadow roots, every text node), so a page and its twin can be compared span for span.
import { isResolved, namesOnPage, type Matcher, type Mention } from '../../../../src/match';
import { iterateTextBlocks, MARK_CLASS } from '../../../../src/content/text-blocks';

export interface MarkSpan {
  start: number;
  end: number;
  entity: string;
  category: string;
}

/** Children in the order the annotator reads them: an open shadow root first, then light DOM. */
function* composedChildren(node: Node): Generator<Node> {
  const shadow = node.nodeType === 1 ? (node as Element).shadowRoot : null;
  if (shadow) yield shadow;
  yield* node.childNodes as unknown as Iterable<Node>;
}

/** The text of every text node under root, shadow roots included. */
export function composedText(root: Node): string {
  let text = '';
  const visit = (node: Node): void => {
    if (node.nodeType === 3) text += (node as Text).data;
    else for (const child of composedChildren(node)) visit(child);
  };
  visit(root);
  return text;
}

function textOffsets(root: Node): Map<Text, number> {
  const offsets = new Map<Text, number>();
  let offset = 0;
  const visit = (node: Node): void => {
    if (node.nodeType === 3) {
      offsets.set(node as Text, offset);
      offset += (node as Text).data.length;
    } else for (const child of composedChildren(node)) visit(child);
  };
  visit(root);
  return offsets;
}

const isMark = (node: Node): boolean => node.nodeType === 1 && (node as Element).classList.contains(MARK_CLASS);

/** The marks under root as spans, and anything wrong with their shape. */
export function readMarks(root: Node): { spans: MarkSpan[]; problems: string[] } {
  const spans: MarkSpan[] = [];
  const problems: string[] = [];
  let offset = 0;
  const visit = (node: Node, inMark: boolean): void => {
    if (node.nodeType === 3) {
      offset += (node as Text).data.length;
      return;
    }
    const mark = isMark(node);
    if (mark) {
      const element = node as HTMLElement;
      if (inMark) problems.push(`a mark inside a mark: ${element.textContent}`);
      if (element.localName !== 'mark') problems.push(`a ${element.localName} with the mark class`);
      if (element.childNodes.length !== 1 || element.firstChild!.nodeType !== 3) {
        problems.push(`a mark that is not one text node: ${element.innerHTML}`);
      }
      if (element.hasAttribute('data-markjs')) problems.push('a mark keeps data-markjs');
      const start = offset;
      for (const child of composedChildren(node)) visit(child, true);
      spans.push({ start, end: offset, entity: element.dataset.entity ?? '', category: element.dataset.category ?? '' });
      return;
    }
    for (const child of composedChildren(node)) visit(child, inMark);
  };
  visit(root, false);
  return { spans, problems };
}

/** Text before a block that names both trade partners, the most context a block can be given. */
const RICHEST_CONTEXT = 'China and Russia.';

export interface ExpectedMarks {
  /** Marks that must be there. */
  required: MarkSpan[];
  /** Marks that may be there too. */
  optional: MarkSpan[];
}

/**
 * The marks the page should have: each block read by the matcher, short forms kept only where the
 * page names the entity in full, each mention cut at text node boundaries the way mark.js wraps it,
 * one mark per node it touches.
 *
 * After a full scan (`exactContext`), each block has been read with the block before it as context,
 * which decides figures such as "Bilateral trade grew 1.6%" that take their countries from the
 * sentences before. A block read again after a live change takes the text of the element before
 * it instead, which is mostly but not always the same: there, such a figure is optional.
 */
export function expectedMarks(body: HTMLElement, matcher: Matcher, { exactContext }: { exactContext: boolean }): ExpectedMarks {
  const offsets = textOffsets(body);
  type Found = Mention & { nodes: Text[]; starts: number[] };
  const required: Found[] = [];
  const optional: Found[] = [];
  let preceding = body.previousElementSibling?.textContent ?? '';
  for (const block of iterateTextBlocks(body)) {
    const inBlock = (mention: Mention): Found => ({ ...mention, nodes: block.nodes, starts: block.starts });
    const scanned = matcher.find(block.text, { preceding }).map(inBlock);
    if (exactContext) required.push(...scanned);
    else {
      const bare = matcher.find(block.text).map(inBlock);
      required.push(...bare);
      const key = (mention: Mention) => `${mention.start}:${mention.end}:${mention.entityId}`;
      const known = new Set(bare.map(key));
      for (const mention of [...scanned, ...matcher.find(block.text, { preceding: RICHEST_CONTEXT }).map(inBlock)]) {
        if (mention.category === 'figure' && !known.has(key(mention))) {
          known.add(key(mention));
          optional.push(mention);
        }
      }
    }
    preceding = block.text;
  }
  const { named, namedFully } = namesOnPage(required);
  const spans = (mentions: readonly Found[]): MarkSpan[] => {
    const result: MarkSpan[] = [];
    for (const mention of mentions) {
      if (!isResolved(mention, named, namedFully)) continue;
      mention.nodes.forEach((node, index) => {
        const nodeStart = mention.starts[index]!;
        const start = Math.max(mention.start, nodeStart);
        const end = Math.min(mention.end, nodeStart + node.data.length);
        if (end <= start) return;
        const at = offsets.get(node)! - nodeStart;
        result.push({ start: at + start, end: at + end, entity: mention.entityId, category: mention.category });
      });
    }
    return result.sort((a, b) => a.start - b.start);
  };
  return { required: spans(required), optional: spans(optional) };
}

/** The marks found, less the optional ones, in order; to compare with the required ones. */
export function withoutOptional(found: readonly MarkSpan[], optional: readonly MarkSpan[]): MarkSpan[] {
  const key = (span: MarkSpan) => `${span.start}:${span.end}:${span.entity}`;
  const allowed = new Set(optional.map(key));
  return found.filter((span) => !allowed.has(key(span)));
}

/**
 * A page's tree as a string. Exact: every text node as it is, empty ones included. Otherwise marks
 * are see-through and adjacent text is joined, which is how the page looks to its own script and
 * to a reader when the annotator is done with it.
 */
export function serialize(root: Node, { exact }: { exact: boolean }): string {
  const out: string[] = [];
  const children = (node: Node): Node[] => {
    const list: Node[] = [];
    for (const child of node.childNodes) {
      if (!exact && isMark(child)) list.push(...children(child));
      else list.push(child);
    }
    return list;
  };
  const visit = (node: Node): void => {
    if (node.nodeType === 1) {
      const element = node as Element;
      const attrs = [...element.attributes].map((attr) => `${attr.name}=${JSON.stringify(attr.value)}`).sort();
      out.push(`<${element.localName}${attrs.length > 0 ? ' ' + attrs.join(' ') : ''}>`);
      if (element.shadowRoot) {
        out.push('#shadow(');
        list(element.shadowRoot);
        out.push(')');
      }
      list(element);
      out.push(`</${element.localName}>`);
    } else if (node.nodeType === 3) out.push(JSON.stringify((node as Text).data));
    else out.push(`#${node.nodeName}`);
  };
  const list = (parent: Node): void => {
    let pending: string | null = null;
    for (const child of children(parent)) {
      if (!exact && child.nodeType === 3) {
        pending = (pending ?? '') + (child as Text).data;
        continue;
      }
      if (pending) out.push(JSON.stringify(pending));
      pending = null;
      visit(child);
    }
    if (pending) out.push(JSON.stringify(pending));
  };
  visit(root);
  return out.join('');
}
