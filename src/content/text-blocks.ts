// Splits a page into blocks of running text: the text nodes a reader sees as one run (a paragraph,
// a heading, a list item), joined across inline elements such as <a> and <b>, so that a name split
// by markup ("Li <b>Qiang</b>") is still one name.
import { DOCUMENT_FRAGMENT_NODE, ELEMENT_NODE, FILTER_REJECT, FILTER_SKIP, SHOW_ELEMENT, SHOW_TEXT, TEXT_NODE } from './dom';

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

/**
 * Inline elements: text continues across them. Anything else starts a new block. <wbr> (a place a
 * long word may break, which pages put inside names as they do soft hyphens) is inside a word.
 */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'INS', 'DEL', 'LABEL',
  'MARK', 'Q', 'RUBY', 'RB', 'RT', 'RP', 'RTC', 'S', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U',
  'VAR', 'NOBR', 'STRIKE', 'TT', 'BIG', 'ACRONYM', 'WBR',
]);

const INLINE = 1;
const FORBIDDEN = 2;
/** <mark>, which may be one of Backstory's own. */
const MARK = 4;
/**
 * Ruby annotations, <rt>, <rp> and <rtc>: the reading set over the text beside them (pinyin over
 * Han, "中<rt>zhōng</rt>国<rt>guó</rt>"), which is no part of the running text. Left out, without
 * parting it: the name is "中国".
 */
const ANNOTATION = 8;
const ANNOTATION_TAGS: ReadonlySet<string> = new Set(['RT', 'RP', 'RTC']);

/** Text the pre-test leaves out, and parts the text around: that of a script or a style sheet. */
const UNREAD = 1;
/** Text the pre-test leaves out, the text either side of it meeting: a ruby annotation's. */
const PASSED_OVER = 2;
/**
 * The text the pre-test leaves out, by its parent's local name (as the page's parser writes it:
 * lower case, also for SVG's script and style): that of script, style and the like, which is code
 * or data, and that of ruby annotations (see ANNOTATION).
 */
const LEFT_OUT_BY_NAME: ReadonlyMap<string, number> = new Map([
  ['script', UNREAD],
  ['style', UNREAD],
  ['noscript', UNREAD],
  ['template', UNREAD],
  ['rt', PASSED_OVER],
  ['rp', PASSED_OVER],
  ['rtc', PASSED_OVER],
]);

/** What a tag name is (INLINE, FORBIDDEN, MARK), by the name as a page writes it (upper case in HTML). */
const kindByTagName = new Map<string, number>();
/** Enough for the tags of any real page; a page that makes up more is classified without the cache. */
const MAX_CACHED_TAG_NAMES = 512;

function kindOf(name: string): number {
  let kind = kindByTagName.get(name);
  if (kind === undefined) {
    const upper = name.toUpperCase();
    kind =
      (INLINE_TAGS.has(upper) ? INLINE : 0) |
      (FORBIDDEN_TAGS.has(upper) ? FORBIDDEN : 0) |
      (upper === 'MARK' ? MARK : 0) |
      (ANNOTATION_TAGS.has(upper) ? ANNOTATION : 0);
    if (kindByTagName.size < MAX_CACHED_TAG_NAMES) kindByTagName.set(name, kind);
  }
  return kind;
}

/** Whether text runs on across element (an inline element such as <a> or <b>). */
export function isInline(element: Element): boolean {
  return (kindOf(element.tagName) & INLINE) !== 0;
}

export function isForbidden(element: Element): boolean {
  return isForbiddenKind(element, kindOf(element.tagName));
}

/** isForbidden, for an element whose kind (kindOf its tag name) the caller has at hand. */
function isForbiddenKind(element: Element, kind: number): boolean {
  if (kind & FORBIDDEN) return true;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  // Backstory's marks are <mark> elements: no other element needs its classes read.
  return (kind & MARK) !== 0 && element.classList.contains(MARK_CLASS);
}

export function blockOf(node: Node): Node | null {
  // Text right inside a shadow root runs on its own: the root is its block.
  if (node.nodeType === DOCUMENT_FRAGMENT_NODE) return node;
  let parent = node.nodeType === ELEMENT_NODE && !isInline(node as Element) ? node : node.parentNode;
  while (parent && parent.nodeType === ELEMENT_NODE && isInline(parent as Element)) {
    parent = parent.parentNode;
  }
  return parent;
}

/**
 * Whether a block boundary (a block element, a line break, a skipped element) added to or removed
 * from parent, between these two siblings, splits or joins running text: there is text or inline
 * content on both sides of it, whitespace aside. Inside an inline parent the run goes on around it.
 */
export function splitsRunningText(parent: Node, previous: Node | null, next: Node | null): boolean {
  return hasRunningText(parent, previous, 'previousSibling') && hasRunningText(parent, next, 'nextSibling');
}

function hasRunningText(parent: Node | null, from: Node | null, direction: 'previousSibling' | 'nextSibling'): boolean {
  for (let around = parent, node = from; around; ) {
    for (; node; node = node[direction]) {
      if (node.nodeType === TEXT_NODE) {
        if (!isBlank((node as Text).data)) return true;
      } else if (node.nodeType === ELEMENT_NODE) {
        return blockOf(node) !== node;
      }
    }
    if (around.nodeType !== ELEMENT_NODE || blockOf(around) === around) return false;
    node = around[direction];
    around = around.parentNode;
  }
  return false;
}

/** The host of the shadow root node is in (or is), if it is in one. */
export function shadowHost(node: Node): Element | null {
  const top = node.getRootNode();
  return top.nodeType === DOCUMENT_FRAGMENT_NODE ? ((top as ShadowRoot).host ?? null) : null;
}

/** Is node inside root, or inside a shadow root hosted there (at any depth)? */
export function containsComposed(root: Node, node: Node): boolean {
  for (let current: Node | null = node; current; current = shadowHost(current)) {
    if (root.contains(current)) return true;
  }
  return false;
}

/**
 * The outermost blocks inside an inline element, such as the <div>s of a card that a link wraps:
 * a read of the block around the element leaves them out, so they are read on their own.
 */
export function blocksInside(element: Element): Element[] {
  const found: Element[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, SHOW_ELEMENT, {
    acceptNode: (node) => {
      const child = node as Element;
      if (isForbidden(child)) return FILTER_REJECT;
      if (isInline(child)) return FILTER_SKIP;
      found.push(child);
      return FILTER_REJECT;
    },
  });
  // The filter collects; nothing is accepted, so one call walks the whole subtree.
  walker.nextNode();
  return found;
}

/**
 * Is any ancestor of node (up to, not including, root) forbidden? Shadow hosts count as ancestors
 * of their shadow roots' content: a scan never enters the shadow root of a forbidden host.
 */
export function insideForbidden(node: Node, root: Node): boolean {
  for (let element = composedParent(node); element && element !== root; element = composedParent(element)) {
    if (isForbidden(element)) return true;
  }
  return false;
}

/** The parent element, or for a shadow root and its top-level nodes, the host. */
function composedParent(node: Node): Element | null {
  const parent = node.nodeType === DOCUMENT_FRAGMENT_NODE ? node : node.parentNode;
  if (parent?.nodeType === ELEMENT_NODE) return parent as Element;
  return parent?.nodeType === DOCUMENT_FRAGMENT_NODE ? ((parent as ShadowRoot).host ?? null) : null;
}

/**
 * The text nodes a walk has read (shared with the walks of the shadow roots it enters), so that one
 * the page moves on ahead of the walk while it pauses is not read twice; the page's records of the
 * move have the annotator read the text where it went. Kept as the walk's own lists of nodes per
 * block, and made a set only once the page has moved nodes: looking up and adding every node of a
 * page in a set costs more than the rest of the walk on a big page where nothing moves.
 */
class ReadNodes {
  private readonly lists: Text[][] = [];
  private set: Set<Text> | null = null;
  private readonly since: number | undefined;

  constructor(private readonly pageMoves: (() => number) | undefined) {
    this.since = pageMoves?.();
    if (!pageMoves) this.set = new Set();
  }

  /** Keeps a list that the walk fills with the nodes it reads. */
  keep(list: Text[]): Text[] {
    if (!this.set) this.lists.push(list);
    return list;
  }

  /**
   * Lets go of a list kept before (that of a block the caller made nothing of), unless the nodes
   * are looked up in the set by now: on a big page, holding every node read until the walk ends
   * had the engine keep hundreds of thousands of them through its collections of young objects.
   */
  forget(list: Text[]): void {
    if (this.set) return;
    const at = this.lists.lastIndexOf(list);
    if (at >= 0) this.lists.splice(at, 1);
  }

  /** After the page ran: if it moved nodes, the nodes read so far are looked up from now on. */
  check(): void {
    if (this.set || this.pageMoves?.() === this.since) return;
    this.set = new Set();
    for (const list of this.lists) for (const node of list) this.set.add(node);
    this.lists.length = 0;
  }

  /** False for a node read before; otherwise true, and the node counts as read. */
  first(node: Text): boolean {
    if (!this.set) return true;
    if (this.set.has(node)) return false;
    this.set.add(node);
    return true;
  }
}

/** Where a walk stood when it yielded: the node and its ancestors, and the caller's count then. */
type Position = Node[] & { changes?: number };

export interface IterateOptions {
  shallow?: boolean;
  /** Called with each open shadow root entered. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /**
   * Called, and the walk ends, when the caller resumes it after the page moved the node it stood
   * on (the caller yields to the page between blocks): the rest of the walk would follow that
   * node out of place, leaving the rest of root unread.
   */
  onMoved?: () => void;
  /**
   * With walkTextBlocks: also yield null after this many nodes read since the last yield, so that
   * the caller can yield to the page in the middle of a run of thousands of inline elements.
   */
  pauseEvery?: number;
  /**
   * A count the caller moves on whenever the page added or removed nodes (its mutation records
   * say so). Until it moves, no node the walk read can stand ahead of it, and the walk does not
   * look each one up among those read (see ReadNodes); without it, it always does.
   */
  pageMoves?: () => number;
  /**
   * A count the caller moves on whenever the page may have changed since the walk last yielded:
   * it let page code run, or changed the page itself. While the count stays the same, the walk
   * does not check again where it stands (see moved), nor ask pageMoves; without it, it does both
   * after every yield.
   */
  changes?: () => number;
  /**
   * Asked when the walk goes on after yielding a block: whether the caller made something of it
   * (found a mention there). The nodes of a block it did not are not remembered as read: if the
   * page moves one on ahead of the walk while it pauses, it is read again, which a block nothing
   * was made of allows. Without it, every node read is remembered.
   */
  kept?: (block: TextBlock) => boolean;
}

/**
 * Yields the text blocks under root in document order, skipping forbidden subtrees and entering
 * open shadow roots. A generator, so that a caller can work in slices and stop early. With
 * shallow, only the text that belongs to root's own block is read, not that of nested blocks.
 */
export function* iterateTextBlocks(root: Node, options: IterateOptions = {}): Generator<TextBlock> {
  for (const block of walkTextBlocks(root, { ...options, pauseEvery: undefined })) if (block) yield block;
}

/**
 * iterateTextBlocks, with a null now and then where the caller may pause (see pauseEvery). The
 * walks of the shadow roots it enters share its readNodes.
 */
export function* walkTextBlocks(
  root: Node,
  options: IterateOptions = {},
  readNodes = new ReadNodes(options.pageMoves),
): Generator<TextBlock | null> {
  const { shallow = false, onShadowRoot, onMoved, pauseEvery, changes, pageMoves, kept } = options;
  const doc = root.ownerDocument ?? (root as Document);
  // A skipped element (code, an input) between two words separates them too.
  let skipped = false;
  // No filter function: the browser would call into script for every node. Skipped subtrees are
  // stepped over below instead.
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
  let lost = false;
  /** The block of the last text node's parent (worked out again after each yield to the page). */
  let lastParent: Node | null = null;
  let parentBlock: Node | null = null;
  const nested = { shallow: false, onShadowRoot, onMoved: () => (lost = true), pauseEvery, changes, pageMoves, kept };
  /** After the caller had a block: see kept. */
  const release = (block: TextBlock): void => {
    if (kept && !kept(block)) readNodes.forget(block.nodes);
  };
  /**
   * Where the walk stands: the node and its ancestors up to root, to tell after a yield whether the
   * page moved any of them (into a textarea, say) or made one editable. Siblings are not compared:
   * highlighting the block just yielded changes them.
   */
  const position = (): Position => {
    const path: Position = [];
    path.changes = changes?.();
    for (let node: Node | null = walker.currentNode; node && node !== root; node = node.parentNode) path.push(node);
    return path;
  };
  const moved = (path: Position): boolean => {
    // Nothing at all changed while the caller had the block: the walk stands where it stood, and
    // the page moved no node either.
    if (!lost && path.changes !== undefined && path.changes === changes?.()) return false;
    readNodes.check();
    lastParent = null;
    lost ||= path.some(
      (node, index) =>
        node.parentNode !== (path[index + 1] ?? root) || (node.nodeType === ELEMENT_NODE && isForbidden(node as Element)),
    );
    if (lost) onMoved?.();
    return lost;
  };
  const rootShadow = root.nodeType === ELEMENT_NODE ? (root as Element).shadowRoot : null;
  if (rootShadow) {
    onShadowRoot?.(rootShadow);
    yield* walkTextBlocks(rootShadow, nested, readNodes);
    if (lost) {
      onMoved?.();
      return;
    }
  }
  let nodes: Text[] = readNodes.keep([]);
  let starts: number[] = [];
  let text = '';
  let container: Node | null = null;
  const take = (): TextBlock | null => {
    // Called at every element that starts a block, most of them with no text read since the last:
    // the lists are made anew only once used.
    if (nodes.length === 0) return null;
    // A block starts only with text that is not blank (see below), so every block holds some.
    const block = { nodes, starts, text, container: container! };
    nodes = readNodes.keep([]);
    starts = [];
    text = '';
    container = null;
    return block;
  };
  let read = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // Shallow: only root's own run of text, not the blocks nested in it. Skipped before any pause,
    // which must stand on a node that is read: a skipped one would look as if the page had just
    // made it skipped (see moved).
    const type = node.nodeType;
    // An element's kind, worked out once; 0 for a text node.
    const kind = type === ELEMENT_NODE ? kindOf((node as Element).tagName) : 0;
    const annotation = (kind & ANNOTATION) !== 0;
    if (type === ELEMENT_NODE && (annotation || isForbiddenKind(node as Element, kind) || (shallow && !(kind & INLINE)))) {
      // A ruby annotation is left out of the run of text, which goes on past it.
      if (!annotation) skipped = true;
      // On from its last descendant: the walk goes on after the element's subtree.
      let last: Node = node;
      while (last.lastChild) last = last.lastChild;
      walker.currentNode = last;
      continue;
    }
    if (pauseEvery && ++read % pauseEvery === 0) {
      const at = position();
      yield null;
      if (moved(at)) return;
    }
    if (type !== TEXT_NODE) {
      let shadow = (node as Element).shadowRoot;
      // A line break or an image between two words separates them.
      if (!(kind & INLINE) || shadow) {
        const block = take();
        if (block) {
          const at = position();
          yield block;
          release(block);
          if (moved(at)) return;
          shadow = (node as Element).shadowRoot;
        }
      }
      if (shadow) {
        onShadowRoot?.(shadow);
        const at = position();
        yield* walkTextBlocks(shadow, nested, readNodes);
        if (moved(at)) return;
      }
      continue;
    }
    const textNode = node as Text;
    if (!readNodes.first(textNode)) continue;
    // Text nodes of one parent share its block.
    const parent = textNode.parentNode;
    if (parent !== lastParent) {
      lastParent = parent;
      parentBlock = blockOf(textNode);
    }
    const nodeBlock = parentBlock;
    if (nodeBlock !== container || skipped) {
      skipped = false;
      const block = take();
      if (block) {
        const at = position();
        yield block;
        release(block);
        if (moved(at)) return;
      }
      container = nodeBlock;
    }
    const data = textNode.data;
    // Blank text that starts a block (the indentation between block elements, most of the text
    // nodes of many pages) is no part of any word: it is left out of the block rather than kept
    // until the block turns out to be blank.
    if (nodes.length === 0 && isBlank(data)) continue;
    nodes.push(textNode);
    starts.push(text.length);
    text += data;
  }
  const block = take();
  if (block) {
    yield block;
    release(block);
  }
}

/** Whether text is white space only (or empty): text that starts with a letter is told at once. */
function isBlank(text: string): boolean {
  return !NOT_BLANK.test(text);
}

const NOT_BLANK = /\S/;

/**
 * The text under root for the page pre-test, in chunks of about `chunk` characters (at most twice
 * that) or `pauseEvery` nodes: the text of its text nodes and open shadow roots (not that of
 * scripts and style sheets, which can be most of a page's characters), with a line break wherever
 * two blocks would otherwise run into one word ("Home" and "Putin" in two list items), and none
 * inside a run of text ("Mishu" and "stin" in "Mishu<b>stin</b>"). Where a space, a digit or ASCII
 * punctuation meets the next node no word can run on, so only nodes whose letters meet are placed
 * in blocks (see partsText).
 * Yields null, and stops, when it is resumed after the page took away the node it stood on.
 */
export function* pretestChunks(
  root: Node,
  { chunk, pauseEvery, onShadowRoot }: { chunk: number; pauseEvery: number; onShadowRoot?: (root: ShadowRoot) => void },
): Generator<string | null> {
  const doc = root.ownerDocument ?? (root as Document);
  const roots: Node[] = [root];
  // The walk below starts inside root: root's own shadow root is found here.
  const rootShadow = root.nodeType === ELEMENT_NODE ? (root as Element).shadowRoot : null;
  if (rootShadow) {
    onShadowRoot?.(rootShadow);
    roots.push(rootShadow);
  }
  let text = '';
  let read = 0;
  /** The elements the walk entered since the last text it read, if that ended in a letter (between[0, entered)). */
  const between: Element[] = [];
  for (let top = roots.shift(); top; top = roots.shift()) {
    text += '\n';
    const walker = doc.createTreeWalker(top, SHOW_ELEMENT | SHOW_TEXT);
    /** The last text node read; null after a skipped one, which parts the text. */
    let last: Text | null = null;
    let lastEnd = 0;
    let entered = 0;
    let lastParent: Node | null = null;
    /** How the text of the last parent is left out (UNREAD, PASSED_OVER), or 0. */
    let leftOut = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === TEXT_NODE) {
        const parent = node.parentNode;
        // Scripts and style sheets are told by the parent's name, read once for a run of text nodes
        // of one parent: finding them all first, with one query of the whole page, would be one
        // task that grows with the page (36 ms on a page of 312 000 elements).
        if (parent !== lastParent) {
          lastParent = parent;
          leftOut = parent === null ? 0 : (LEFT_OUT_BY_NAME.get((parent as Element).localName) ?? 0);
        }
        const data = (node as Text).data;
        if (leftOut === UNREAD) {
          if (last) text += '\n';
          last = null;
        } else if (data && leftOut !== PASSED_OVER) {
          if (isBlank(data)) {
            // The indentation between tags, often more of a page than its words: one space will do.
            text += ' ';
            lastEnd = 0x20;
          } else {
            const first = data.charCodeAt(0);
            if (last && mayRunOn(lastEnd) && mayRunOn(first) && partsText(last, node as Text, between, entered)) text += '\n';
            text += data;
            lastEnd = data.charCodeAt(data.length - 1);
          }
          last = node as Text;
          entered = 0;
        }
      } else {
        const element = node as Element;
        const shadow = element.shadowRoot;
        if (shadow) {
          onShadowRoot?.(shadow);
          roots.push(shadow);
        }
        // Only where the text read last ends in a letter can it matter what comes between.
        if (last && mayRunOn(lastEnd)) between[entered++] = element;
      }
      if (text.length < chunk && ++read % pauseEvery !== 0) continue;
      // The text of a book in one node goes in pieces of a chunk, each a slice of work of its own.
      for (let piece = 0; ; piece += chunk) {
        const rest = text.length - piece < 2 * chunk;
        yield rest ? text.slice(piece) : text.slice(piece, piece + chunk);
        if (!walker.currentNode.isConnected) {
          yield null;
          return;
        }
        if (rest) break;
      }
      text = '';
    }
    between.length = 0;
  }
  if (text) yield text;
}

/** Whether a word may go on over this character: an ASCII letter, or anything outside ASCII. */
function mayRunOn(code: number): boolean {
  const lower = code | 0x20;
  return code >= 0x80 || (lower >= 0x61 && lower <= 0x7a);
}

/**
 * Whether text read from `from` and then from `to` is apart for the scan: a block, a line break,
 * an image, a shadow host or an element the scan skips (an editable <span>) comes between them or
 * holds one of them, or they are in different blocks.
 */
function partsText(from: Text, to: Text, between: readonly Element[], entered: number): boolean {
  for (let index = 0; index < entered; index++) {
    const element = between[index]!;
    if (element.shadowRoot || !isInline(element) || isForbidden(element)) return true;
  }
  const block = blockOf(from);
  return block === null || block !== blockOf(to) || insideForbidden(from, block) || insideForbidden(to, block);
}
