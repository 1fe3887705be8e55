// Splits a page into blocks of running text: the text nodes a reader sees as one run (a paragraph,
// a heading, a list item), joined across inline elements such as <a> and <b>, so that a name split
// by markup ("Li <b>Qiang</b>") is still one name.

/** A run of text nodes and their joined text; starts[i] is where nodes[i] begins in text. */
export interface TextBlock {
  nodes: Text[];
  starts: number[];
  text: string;
  /** The nearest non-inline ancestor of the nodes: the unit that live updates re-annotate. */
  container: Node;
}

/**
 * Elements whose text is never highlighted, with their whole subtree:
 * - form fields and editable regions: a mark would change what the user types into;
 * - script, style, noscript, template: not text a reader sees;
 * - code, pre, kbd, samp: literal code and output, where a name is data rather than prose, and
 *   where syntax highlighters re-tokenise their own markup;
 * - svg and math: an HTML <mark> inside them is not rendered at all;
 * - the extension's own UI, and marks already made.
 */
export const FORBIDDEN_TAGS = new Set([
  'INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'BUTTON', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE',
  'CODE', 'PRE', 'KBD', 'SAMP', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO',
  'AUDIO', 'HEAD', 'TITLE', 'BACKSTORY-CARD',
]);
export const MARK_CLASS = 'backstory-mark';

/** Inline elements: text continues across them. Anything else starts a new block. */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'INS', 'DEL', 'LABEL',
  'MARK', 'Q', 'RUBY', 'RB', 'RT', 'RP', 'S', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U',
  'VAR', 'NOBR', 'STRIKE', 'TT', 'BIG', 'ACRONYM',
]);

export function isForbidden(element: Element): boolean {
  if (FORBIDDEN_TAGS.has(element.tagName.toUpperCase())) return true;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  return element.classList.contains(MARK_CLASS);
}

export function blockOf(node: Node): Node | null {
  let parent = node.nodeType === Node.ELEMENT_NODE && !INLINE_TAGS.has((node as Element).tagName.toUpperCase()) ? node : node.parentNode;
  while (parent && parent.nodeType === Node.ELEMENT_NODE && INLINE_TAGS.has((parent as Element).tagName.toUpperCase())) {
    parent = parent.parentNode;
  }
  return parent;
}

/** Is any ancestor of node (up to, not including, root) forbidden? */
export function insideForbidden(node: Node, root: Node): boolean {
  for (let element = node.parentElement; element && element !== root; element = element.parentElement) {
    if (isForbidden(element)) return true;
  }
  return false;
}

/**
 * Yields the text blocks under root in document order, skipping forbidden subtrees and entering
 * open shadow roots. A generator, so that a caller can work in slices and stop early. With
 * shallow, only the text that belongs to root's own block is read, not that of nested blocks.
 */
export interface IterateOptions {
  shallow?: boolean;
  /** Called with each open shadow root entered. */
  onShadowRoot?: (root: ShadowRoot) => void;
}

export function* iterateTextBlocks(root: Node, { shallow = false, onShadowRoot }: IterateOptions = {}): Generator<TextBlock> {
  const doc = root.ownerDocument ?? (root as Document);
  // A skipped element (code, an input) between two words separates them too.
  let skipped = false;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => {
      if (node.nodeType !== Node.ELEMENT_NODE) return NodeFilter.FILTER_ACCEPT;
      const element = node as Element;
      // Shallow: only root's own run of text, not the blocks nested in it.
      if (isForbidden(element) || (shallow && !INLINE_TAGS.has(element.tagName.toUpperCase()))) {
        skipped = true;
        return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const rootShadow = root.nodeType === Node.ELEMENT_NODE ? (root as Element).shadowRoot : null;
  if (rootShadow) {
    onShadowRoot?.(rootShadow);
    yield* iterateTextBlocks(rootShadow, { shallow: false, onShadowRoot });
  }
  let nodes: Text[] = [];
  let starts: number[] = [];
  let text = '';
  let container: Node | null = null;
  const take = (): TextBlock | null => {
    const block = nodes.length > 0 && /\S/.test(text) ? { nodes, starts, text, container: container! } : null;
    nodes = [];
    starts = [];
    text = '';
    container = null;
    return block;
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType !== Node.TEXT_NODE) {
      const element = node as Element;
      // A line break or an image between two words separates them.
      if (!INLINE_TAGS.has(element.tagName.toUpperCase()) || element.shadowRoot) {
        const block = take();
        if (block) yield block;
      }
      if (element.shadowRoot) {
        onShadowRoot?.(element.shadowRoot);
        yield* iterateTextBlocks(element.shadowRoot, { shallow: false, onShadowRoot });
      }
      continue;
    }
    const textNode = node as Text;
    const nodeBlock = blockOf(textNode);
    if (nodeBlock !== container || skipped) {
      skipped = false;
      const block = take();
      if (block) yield block;
      container = nodeBlock;
    }
    nodes.push(textNode);
    starts.push(text.length);
    text += textNode.data;
  }
  const block = take();
  if (block) yield block;
}
