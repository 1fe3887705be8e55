// Finds the story's mentions on a page and highlights them, keeps up with a live page, and undoes
// everything exactly on stop().
//
// Cost model: a page that does not mention the story pays for one read of its text nodes and one
// cheap pre-test, in slices, then for a pre-test of each piece of text added later. A page that does is scanned in
// slices of a few milliseconds, top first, yielding to the page between slices: every mention is
// found, the marks of the first screens are written as it goes, and the rest as the reader comes
// near them (see viewportObserver). Afterwards only the blocks a mutation touched are read again.
import { findInParts, isResolved, type EntitySet, type Matcher, type Mention, type PartSizes, type PendingMatcher, type PretestSession } from '../match';
import type { PageReport } from '../lib/messages';
import type { Category } from '../story/schema';
import { highlightBlock, nodeAt, undoHighlight, type BlockHighlight, type MarkedMention } from './highlight';
import { watchNear, type NearWatch } from './near-watch';
import { createPainter, isOverRange, type PaintApi, type PaintedMention, type Painter } from './paint';
import {
  blockOf,
  blocksInside,
  containsComposed,
  insideForbidden,
  isForbidden,
  shadowHost,
  walkTextBlocks,
  MARK_CLASS,
  pretestChunks,
  splitsRunningText,
  type TextBlock,
} from './text-blocks';
import { DOCUMENT_FRAGMENT_NODE, DOCUMENT_POSITION_FOLLOWING, ELEMENT_NODE, FILTER_ACCEPT, FILTER_REJECT, SHOW_ELEMENT, SHOW_TEXT, TEXT_NODE } from './dom';

export interface AnnotatorOptions {
  doc: Document;
  /** The matcher; or its pre-test alone, the rest read once the page first passes it. */
  matcher: Matcher | PendingMatcher;
  /** Whether a mention should be highlighted (its category is switched on). */
  wanted(mention: Mention): boolean;
  /** Called after the set of mentions changed. */
  onChange?(): void;
  /** Styles a mark that page stylesheets cannot reach (inside a shadow root). */
  styleShadowMark?(mark: HTMLElement): void;
  /** How much text the first scan marks as it goes before it writes in batches (FIRST_SCREENS_CHARS). */
  firstScreensChars?: number;
  /** How many nodes a walk reads between two looks at the clock (PAUSE_EVERY). */
  pauseEvery?: number;
  /** How a block of much text is cut into parts, between which the page may run (PART_SIZES). */
  partSizes?: PartSizes;
  /**
   * With it, the marks of blocks past the first screens are written only once the block comes
   * near the viewport (within NEAR_VIEWPORT), as the reader scrolls to it: until then its mentions
   * count in report() and mentions() without marks. Without it, they are written in batches.
   */
  viewportObserver?: typeof IntersectionObserver;
  /**
   * With it (and viewportObserver), a page of more than `paintAboveElements` elements (default
   * PAINT_ABOVE_ELEMENTS) gets the mentions of blocks near the viewport painted with the CSS Custom
   * Highlight API instead of marks: written() writes a block's marks. See paint.ts for why. A page
   * that grows past it is painted from then on (its marks stay).
   */
  paintApi?: PaintApi | null;
  paintAboveElements?: number;
  /**
   * On a painted page, called when the pointer comes onto a painted mention (looked at once a
   * frame at most) or a press lands on one, and with null when it leaves it: the hover card shows
   * a painted mention by its range, which writes nothing into the page.
   */
  onPointed?(pointed: PointedMention | null): void;
}

/** A painted mention under the pointer, where the pointer is, and whether it was pressed there. */
export interface PointedMention extends PaintedMention {
  x: number;
  y: number;
  press: boolean;
}

export interface Annotator {
  /** Scans the page and starts following its changes. */
  start(): Promise<void>;
  /** Stops following the page and removes every mark, restoring the DOM exactly. */
  stop(): void;
  /**
   * Resolves when the work queued so far is done (the initial scan, any pending updates, and the
   * writing of blocks that came near the viewport).
   */
  idle(): Promise<void>;
  report(): PageReport;
  /**
   * The mentions on the page, in document order. Those of blocks not written yet (see
   * viewportObserver) have no marks: written() gives them theirs.
   */
  mentions(): MarkedMention[];
  /** The mention with its marks, written now if they were not yet; null if it is gone. */
  written(mention: MarkedMention): MarkedMention | null;
  /** Scrolls to the entity's next mention and flashes it; false when it has none. */
  reveal(entityId: string): boolean;
}

/** Milliseconds of work per slice before yielding to the page. */
const SLICE_MS = 8;
/** See scan: how much text of blocks without mentions is read between two looks at the clock. */
const CLOCK_EVERY_CHARS = 2_000;
/** Nodes read between two looks at the clock, within a long run of text. */
const PAUSE_EVERY = 500;
/**
 * The first scan writes marks as it goes for about this much text (more than a screenful), then
 * in batches: every WRITE_EVERY_MS, for up to WRITE_SLICE_MS at a time.
 */
const FIRST_SCREENS_CHARS = 20_000;
const WRITE_EVERY_MS = 250;
const WRITE_SLICE_MS = 25;
/** Characters of page text the pre-test reads at a time. */
const PRETEST_CHUNK = 32_768;
/** How long mutations are gathered before they are handled together. */
const BATCH_MS = 50;
/**
 * How far beyond the viewport a block's marks are written ahead of the reader (one viewport
 * above and below): those of a page scrolled at an ordinary pace are there before it is.
 */
const NEAR_VIEWPORT = '100% 0px';
/**
 * Pages of more elements than this get their mentions painted rather than marked (see paintApi):
 * a <mark> written there costs the next frame 30 ms or more on this machine (40 ms on a page of
 * 58 000 elements, 130–220 ms on one of 310 000), a painted range a few.
 */
const PAINT_ABOVE_ELEMENTS = 50_000;
/**
 * Blocks of more text than this get their mentions painted on any page: a <mark> in a paragraph
 * has the browser lay the whole paragraph out again, which costs a frame in proportion to its text
 * (in Chromium here, 32 ms for 100 000 characters, 170–230 ms for 500 000, 1.4–1.9 s for five
 * million, against 17–19 ms for a painted range). Only a machine-made page has such a paragraph:
 * a book or a log as one run of text.
 */
const PAINT_BLOCKS_OVER_CHARS = 100_000;

/** One block's mentions: all that the matcher found, and the highlight of those resolved. */
interface Annotation {
  block: TextBlock;
  found: Mention[];
  /** The mentions highlighted: those of found resolved when the block was last highlighted. */
  shown: Mention[];
  highlight: BlockHighlight | null;
  /** The mentions painted (see paintApi) while the block has no marks. */
  painted: PaintedMention[] | null;
}

interface DirtyRoot {
  node: Node;
  /** Deep: the node's whole subtree; shallow: only the node's own run of text. */
  deep: boolean;
}

/** Longest run of scan slices resumed with scheduler.yield() before a whole task goes by. */
const TASK_YIELD_MS = 50;
let lastTaskYield = 0;

/**
 * Lets the page run. scheduler.yield() lets input and rendering through, but its continuation goes
 * before the page's own timers and tasks: on a long scan, a plain task now and then lets those run
 * too (a page's 10 ms timer otherwise stalled for seconds on a page of 100 000 elements).
 */
const yieldToPage = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  const now = performance.now();
  if (scheduler?.yield && now - lastTaskYield < TASK_YIELD_MS) return scheduler.yield();
  lastTaskYield = now;
  return new Promise((resolve) => setTimeout(resolve, 0));
};

export function createAnnotator(options: AnnotatorOptions): Annotator {
  const { doc } = options;
  /** The matcher, once read: from the start, or when the page first passes the pre-test (see wake). */
  let matcher: Matcher | null = 'find' in options.matcher ? options.matcher : null;
  const pauseEvery = options.pauseEvery ?? PAUSE_EVERY;
  const view = doc.defaultView!;
  /** Annotations by their block's container, for re-reading only what changed. */
  const byContainer = new Map<Node, Set<Annotation>>();
  /** Split text nodes, to notice when the page rewrites one (React, Vue). */
  const splits = new WeakMap<Text, Annotation>();
  /** Split text nodes whose text the page has since written: the page's text wins over the split. */
  const rewritten = new WeakSet<Text>();
  /** Mentions per entity on the page that need nothing (see Mention.needs): the others count only beside these. */
  const named = new Map<string, number>();
  /**
   * Mentions through aliases withRelated per entity on the page, by what they need: where one of
   * their needs is named, they name their entity in full for its short forms (see isResolved).
   */
  const namedIf = new Map<string, Map<readonly string[], number>>();
  const namedFully: EntitySet = {
    has: (id) => {
      if (named.has(id)) return true;
      const conditions = namedIf.get(id);
      if (conditions) for (const needs of conditions.keys()) if (needs.some((need) => named.has(need))) return true;
      return false;
    },
  };
  /** Whether an entity became named or stopped being named: short forms elsewhere follow. */
  let namesChanged = false;
  /** Roots the current observer watches; a new observer (start() after stop()) starts empty. */
  let observed = new WeakSet<Node>();
  let observer: MutationObserver | null = null;
  /** Until the page is known to mention the story, only a pre-test runs on added text. */
  let awake = false;
  let stopped = true;
  /** Bumped by start() and stop(), so that a scan from an earlier start stops. */
  let generation = 0;
  let dirty: DirtyRoot[] = [];
  let work: Promise<void> = Promise.resolve();
  let batchTimer: number | undefined;
  const revealed = new Map<string, number>();
  /** Annotations found by the first scan whose marks wait for a batch (see flushWrites). */
  const unwritten = new Set<Annotation>();
  /** Whether add() leaves the marks to flushWrites, and when it last wrote. */
  let batching = false;
  let lastFlush = 0;
  /** While the first scan runs: how much text it has read. */
  let firstScan: { read: number } | null = null;
  /** Watches the elements of unwritten blocks, with viewportObserver (see writeNearby). */
  let viewport: NearWatch | null = null;
  /** Annotations whose marks wait for the reader (see awaitViewport), by the element watched for them. */
  const awaiting = new Map<Element, Set<Annotation>>();
  /** Unwritten annotations near the viewport, for writeNearby. */
  const nearby = new Set<Annotation>();
  let nearbyTimer: number | undefined;
  /** The annotations in document order, while no change has made it stale (see ordered()). */
  let inOrder: Annotation[] | null = [];
  /** What paints mentions (see paintApi), where it can: it needs the viewport observer too. */
  const paintApi = options.viewportObserver ? (options.paintApi ?? null) : null;
  /** Set once a block is painted (see paintApi and paintable). */
  let painter: Painter | null = null;
  /** The page is big enough for every block of it to be painted (see startPainting). */
  let paintAll = false;
  /** Painted annotations by the text nodes of their painted mentions, for the pointer (see paintedAt). */
  let paintedNodes = new WeakMap<Text, Annotation>();
  /**
   * The elements from a painted text node's parent up to its block, painted now or before: the
   * pointer can only be on painted text where the element it is over is one of them.
   */
  let paintedParents = new WeakSet<Node>();
  /** Where the pointer last moved and the element it was over, while a frame is awaited to look what it is on. */
  let pointer: { x: number; y: number; over: EventTarget | null } | null = null;
  /** The painted mention onPointed was last told the pointer is on. */
  let pointedAt: PaintedMention | null = null;

  const annotations = function* (): Generator<Annotation> {
    for (const set of byContainer.values()) yield* set;
  };

  /**
   * Moves on each time the page may have changed under a walk (see walkTextBlocks' changes): a
   * change of ours, or the scan letting the page run.
   */
  let changes = 0;
  /** Moves on with every record of the page adding or removing nodes (see walkTextBlocks' pageMoves). */
  let pageMoves = 0;
  /**
   * The elements on the page when startPainting last counted them, and how many the page and its
   * marks added since (removals aside): until their sum is past the bar, they are not counted again.
   */
  let counted: number | null = null;
  let added = 0;

  /** Runs a DOM change of ours without the observer seeing it, keeping the page's own records. */
  function quietly<T>(change: () => T): T {
    changes += 1;
    if (!observer) return change();
    const pending = observer.takeRecords();
    if (pending.length > 0) queueRecords(pending);
    const result = change();
    observer.takeRecords();
    return result;
  }

  function countNamed(found: readonly Mention[], delta: 1 | -1): void {
    for (const mention of found) {
      let count: number;
      if (!mention.needs) {
        count = (named.get(mention.entityId) ?? 0) + delta;
        if (count <= 0) named.delete(mention.entityId);
        else named.set(mention.entityId, count);
      } else if (!mention.short) {
        let conditions = namedIf.get(mention.entityId);
        if (!conditions) namedIf.set(mention.entityId, (conditions = new Map()));
        count = (conditions.get(mention.needs) ?? 0) + delta;
        if (count > 0) conditions.set(mention.needs, count);
        else if (conditions.delete(mention.needs) && conditions.size === 0) namedIf.delete(mention.entityId);
      } else {
        continue;
      }
      // An entity named for the first time, or no longer named at all (or so on a condition).
      if (count === (delta === 1 ? 1 : 0)) namesChanged = true;
    }
  }

  function resolved(found: readonly Mention[]): Mention[] {
    return found.filter((mention) => isResolved(mention, named, namedFully) && options.wanted(mention));
  }

  function highlight(annotation: Annotation): void {
    settle(annotation);
    unpaint(annotation);
    if (annotation.highlight) return;
    const mentions = resolved(annotation.found);
    annotation.shown = mentions;
    if (mentions.length === 0) return;
    const { block } = annotation;
    const inShadow = block.container.getRootNode() !== doc;
    quietly(() => {
      // The page's pending records, handled first, may have removed the annotation or changed its
      // text; the block is then read again, and marks made now would be stale or orphaned.
      if (!byContainer.get(block.container)?.has(annotation) || !isIntact(block)) return;
      annotation.highlight = highlightBlock(block, mentions, inShadow ? options.styleShadowMark : undefined);
      for (const { marks } of annotation.highlight.mentions) added += marks.length;
      for (const record of annotation.highlight.records) {
        splits.set(record.node, annotation);
        rewritten.delete(record.node);
      }
    });
  }

  function isIntact(block: TextBlock): boolean {
    let text = '';
    for (const node of block.nodes) {
      if (!node.isConnected) return false;
      text += node.data;
    }
    return text === block.text;
  }

  function unhighlight(annotation: Annotation): void {
    // The page's pending records are handled first, and they may already undo this highlight.
    quietly(() => {
      const current = annotation.highlight;
      if (!current) return;
      annotation.highlight = null;
      for (const record of current.records) splits.delete(record.node);
      undoHighlight(current, (node) => rewritten.has(node));
    });
  }

  /** Paints the annotation's mentions (see paintApi) where it has neither marks nor paint. */
  function paint(annotation: Annotation): void {
    settle(annotation);
    if (!painter || annotation.highlight || annotation.painted) return;
    const { block } = annotation;
    if (!byContainer.get(block.container)?.has(annotation)) return;
    const shown = resolved(annotation.found);
    // The text nodes the paint stands on, with one on either side for the words around it. Only
    // they are looked at: a block of 100 000 inline elements is one block, and going over all of
    // its nodes took half a second in Firefox. Text the page changed since it was read, here or
    // elsewhere in the block, is read again (its records are pending), and painted anew.
    const spans = shown.map((mention) => [nodeAt(block.starts, mention.start), nodeAt(block.starts, mention.end - 1)] as const);
    if (!isIntactAround(block, spans)) return;
    annotation.shown = shown;
    annotation.painted = painter.paint(block, shown);
    for (const [first, last] of spans) {
      for (let index = first; index <= last; index++) {
        const node = block.nodes[index]!;
        paintedNodes.set(node, annotation);
        for (let parent = node.parentNode; parent && !paintedParents.has(parent); parent = parent.parentNode) {
          paintedParents.add(parent);
          if (parent === block.container) break;
        }
      }
    }
  }

  /**
   * Whether the block's text nodes of the spans (in document order, as the matcher gives its
   * mentions), with one on either side of each, still hold what was read. Each node is read once,
   * however many mentions stand on it: in Firefox, reading and comparing a text node of 5 MB again
   * for each of its 50 mentions took 1.0–1.2 s in one task.
   */
  function isIntactAround(block: TextBlock, spans: ReadonlyArray<readonly [first: number, last: number]>): boolean {
    const { nodes, starts, text } = block;
    /** The first node not checked yet. */
    let next = 0;
    for (const [first, last] of spans) {
      for (let index = Math.max(first - 1, next); index <= Math.min(last + 1, nodes.length - 1); index++) {
        const node = nodes[index]!;
        const end = starts[index + 1] ?? text.length;
        if (!node.isConnected) return false;
        const data = node.data;
        if (data.length !== end - starts[index]! || !text.startsWith(data, starts[index]!)) return false;
      }
      next = Math.max(next, last + 2);
    }
    return true;
  }

  function unpaint(annotation: Annotation): void {
    if (!annotation.painted) return;
    painter?.erase(annotation.painted);
    annotation.painted = null;
  }

  /**
   * Whether a block is painted: on a big page (see startPainting) or where the block's own text is
   * long (see PAINT_BLOCKS_OVER_CHARS), and only in the document (a shadow tree would need its
   * own style).
   */
  function paintable(block: TextBlock): boolean {
    if (!paintAll && block.text.length <= PAINT_BLOCKS_OVER_CHARS) return false;
    return block.container.getRootNode() === doc && ensurePainter() !== null;
  }

  /** Takes in one block and the mentions found in it. */
  function add(block: TextBlock, found: Mention[]): void {
    if (found.length === 0) return;
    const annotation: Annotation = { block, found, shown: [], highlight: null, painted: null };
    let set = byContainer.get(block.container);
    if (!set) byContainer.set(block.container, (set = new Set()));
    set.add(annotation);
    // A first scan reads the page in document order; anything else may land anywhere.
    if (firstScan && inOrder) inOrder.push(annotation);
    else inOrder = null;
    countNamed(found, 1);
    // A painted page paints each block as the reader comes near it, and writes marks only where it
    // must (see paintApi). Elsewhere, past the first screens of a first scan, marks wait: for the
    // reader to come near them, or for a batch (see flushWrites).
    if (paintable(block)) {
      if (!awaitViewport(annotation)) highlight(annotation);
    } else if (!batching) highlight(annotation);
    else if (!awaitViewport(annotation)) unwritten.add(annotation);
  }

  /** The element whose box tells where a block is: its container, or the shadow root's host. */
  function boxOf(block: TextBlock): Element | null {
    const { container } = block;
    return container.nodeType === ELEMENT_NODE ? (container as Element) : shadowHost(container);
  }

  /** Leaves the annotation's marks until its block comes near the viewport; false without an observer. */
  function awaitViewport(annotation: Annotation): boolean {
    const Observer = options.viewportObserver;
    const box = boxOf(annotation.block);
    if (!Observer || !box) return false;
    viewport ??= watchNear(Observer, NEAR_VIEWPORT, onViewport, watchedThrough);
    let set = awaiting.get(box);
    if (!set) {
      awaiting.set(box, (set = new Set()));
      viewport.add(box);
    }
    set.add(annotation);
    // A block of a box already near (another run of its text) is written with the others.
    if (viewport.isNear(box)) {
      nearby.add(annotation);
      writeNearbySoon();
    }
    return true;
  }

  /** A box's parent, through which it is watched (see watchNear), unless that is the body. */
  function watchedThrough(box: Element): Element | null {
    const parent = box.parentElement;
    return parent && parent !== doc.body && parent !== doc.documentElement ? parent : null;
  }

  /** Forgets that an annotation waits for its marks (written or removed). */
  function settle(annotation: Annotation): void {
    unwritten.delete(annotation);
    const box = boxOf(annotation.block);
    const set = box ? awaiting.get(box) : undefined;
    if (!box || !set?.delete(annotation)) return;
    nearby.delete(annotation);
    if (set.size > 0) return;
    awaiting.delete(box);
    viewport?.remove(box);
  }

  function onViewport(changes: ReadonlyArray<readonly [box: Element, near: boolean]>): void {
    for (const [box, close] of changes) {
      for (const annotation of awaiting.get(box) ?? []) {
        if (close) nearby.add(annotation);
        else nearby.delete(annotation);
      }
    }
    writeNearby();
  }

  function writeNearbySoon(): void {
    if (nearbyTimer !== undefined || stopped) return;
    nearbyTimer = view.setTimeout(() => {
      nearbyTimer = undefined;
      writeNearby();
    }, 0);
  }

  /** Writes the unwritten blocks near the viewport, a slice at a time. */
  function writeNearby(): void {
    if (nearbyTimer !== undefined || stopped || nearby.size === 0) return;
    const deadline = performance.now() + WRITE_SLICE_MS;
    for (const annotation of nearby) {
      if (paintable(annotation.block)) paint(annotation);
      else highlight(annotation);
      if (performance.now() > deadline) break;
    }
    // No onChange: what the page mentions, and so the counts, stay as they were.
    if (nearby.size > 0) writeNearbySoon();
  }

  /**
   * A printed page shows all of it: every mark still waiting is written before the browser lays
   * the page out for print (beforeprint runs first, synchronously).
   */
  function writeAllForPrint(): void {
    if (stopped) return;
    for (const set of [...awaiting.values()]) for (const annotation of [...set]) highlight(annotation);
    for (const annotation of [...unwritten]) highlight(annotation);
    for (const annotation of [...annotations()]) if (annotation.painted) highlight(annotation);
  }

  /** Whether the annotation's marks are still to be written (in a batch, or near the viewport). */
  function waiting(annotation: Annotation): boolean {
    if (unwritten.has(annotation) || annotation.painted) return true;
    const box = awaiting.size > 0 ? boxOf(annotation.block) : null;
    return box !== null && (awaiting.get(box)?.has(annotation) ?? false);
  }

  /** The mentions an annotation shows, or will once written. */
  function showing(annotation: Annotation): readonly Mention[] {
    if (annotation.highlight) return annotation.highlight.mentions.map(({ mention }) => mention);
    if (annotation.painted) return annotation.shown;
    return waiting(annotation) ? resolved(annotation.found) : [];
  }

  /**
   * Document order of two blocks by their first text nodes; a node in a shadow tree stands where
   * its host does (compareDocumentPosition orders nodes of different trees arbitrarily).
   */
  function byPosition(a: Annotation, b: Annotation): number {
    const lift = (node: Node): Node => {
      for (let host = shadowHost(node); host; host = shadowHost(node)) node = host;
      return node;
    };
    let first: Node = a.block.nodes[0]!;
    let second: Node = b.block.nodes[0]!;
    const [liftedFirst, liftedSecond] = [lift(first), lift(second)];
    if (liftedFirst !== liftedSecond) [first, second] = [liftedFirst, liftedSecond];
    return first.compareDocumentPosition(second) & DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  }

  function ordered(): Annotation[] {
    return (inOrder ??= [...annotations()].sort(byPosition));
  }

  /**
   * Writes the marks found since the last batch, for up to a slice. Each batch of changes costs
   * the page one frame (style, layout, and on a big page a walk of all its layers whatever the
   * change), so a first scan writes one batch in a while rather than some at every slice.
   */
  function flushWrites(deadline: number): void {
    for (const annotation of unwritten) {
      highlight(annotation);
      if (performance.now() > deadline) break;
    }
    lastFlush = performance.now();
  }

  function remove(annotation: Annotation): void {
    const set = byContainer.get(annotation.block.container);
    // Already removed: undoing a highlight can handle page records that remove it too.
    if (!set?.delete(annotation)) return;
    settle(annotation);
    inOrder = null;
    if (set.size === 0) byContainer.delete(annotation.block.container);
    countNamed(annotation.found, -1);
    unpaint(annotation);
    unhighlight(annotation);
  }

  /**
   * Short forms follow their entity's full name: highlighted once it is named anywhere on the page
   * (even after them), and no longer once the page has removed every full mention.
   */
  function resolveShortForms(): void {
    if (!namesChanged) return;
    namesChanged = false;
    for (const annotation of [...annotations()]) {
      // Unwritten ones resolve their short forms when they are written (painted ones are shown).
      if (!annotation.painted && waiting(annotation)) continue;
      const now = resolved(annotation.found);
      if (now.length === annotation.shown.length && now.every((mention, index) => mention === annotation.shown[index])) continue;
      if (!annotation.block.nodes.every((node) => node.isConnected)) continue;
      if (annotation.painted) {
        unpaint(annotation);
        paint(annotation);
      } else {
        unhighlight(annotation);
        highlight(annotation);
      }
    }
  }

  async function scan(root: Node, shallow: boolean): Promise<void> {
    const run = generation;
    let moved = false;
    /** Whether a mention was found in the block read last. */
    let found = false;
    // An observer of the document does not see inside shadow roots: observe each one found.
    const blocks = walkTextBlocks(root, {
      shallow,
      onShadowRoot: observe,
      onMoved: () => (moved = true),
      pauseEvery,
      changes: () => changes,
      pageMoves: () => {
        // Records not handed to the observer yet count too.
        const pending = observer?.takeRecords() ?? [];
        if (pending.length > 0) queueRecords(pending);
        return pageMoves;
      },
      // A block with nothing found leaves nothing behind that a second read could double.
      kept: () => found,
    });
    let deadline = performance.now() + SLICE_MS;
    /** Lets the page run (the slice is used up); false if this run was stopped meanwhile. */
    const pause = async (): Promise<boolean> => {
      if (batching && performance.now() - lastFlush > WRITE_EVERY_MS) flushWrites(performance.now() + WRITE_SLICE_MS);
      options.onChange?.();
      changes += 1;
      await yieldToPage();
      deadline = performance.now() + SLICE_MS;
      return run === generation;
    };
    // The text before a block lets a sentence such as "Bilateral trade grew by 1.6%" count as
    // trade between China and Russia when the countries were named just before.
    let preceding = root.nodeType === ELEMENT_NODE ? ((root as Element).previousElementSibling?.textContent ?? '') : '';
    /**
     * Characters of blocks with nothing found read since the clock was last read: thousands of
     * such blocks take less than a millisecond, and reading the clock after each cost more than
     * some of them.
     */
    let unclocked = 0;
    for (const block of blocks) {
      if (run !== generation) return;
      found = false;
      // The page may have removed what is being read while the scan yielded to it; the records of
      // that change bring the text wherever it went.
      if (block?.container?.isConnected) {
        // Blocks are read only once awake, and the matcher is read by then. A block of megabytes
        // is read in parts, with the page let run between them.
        const finding = findInParts(matcher!, block.text, { preceding }, options.partSizes);
        let step = finding.next();
        while (!step.done) {
          if (performance.now() > deadline && !(await pause())) return;
          step = finding.next();
        }
        found = step.value.length > 0;
        if (block.container.isConnected) add(block, step.value);
        preceding = block.text;
        unclocked += block.text.length;
        if (firstScan && !batching && (firstScan.read += block.text.length) > (options.firstScreensChars ?? FIRST_SCREENS_CHARS)) batching = true;
      }
      // A null from the walk is a pause it offers after many nodes: the clock is read there too.
      if (block && !found && unclocked < CLOCK_EVERY_CHARS) continue;
      unclocked = 0;
      if (performance.now() > deadline && !(await pause())) return;
    }
    // The page moved what the scan stood on while it yielded: read root again from the start.
    if (moved && run === generation) {
      markDirty(root, !shallow);
      scheduleBatch();
    }
  }

  function observe(root: Node): void {
    if (!observer || observed.has(root)) return;
    observed.add(root);
    observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      // An element made editable must lose its marks before the user types into them.
      attributes: true,
      attributeFilter: ['contenteditable'],
    });
  }

  function isOurs(node: Node): boolean {
    return (
      node.nodeType === ELEMENT_NODE &&
      ((node as Element).classList.contains(MARK_CLASS) || (node as Element).tagName === 'BACKSTORY-CARD')
    );
  }

  /** Notes the split nodes the page wrote, before any record is handled: see undoSplit. */
  function noteRewrites(records: readonly MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'characterData' && splits.has(record.target as Text)) rewritten.add(record.target as Text);
    }
  }

  /** Runs a task after the work queued so far. A failure is reported, and later work still runs. */
  function enqueue(task: () => Promise<void>): Promise<void> {
    work = work.then(task).catch((error: unknown) => console.error('Backstory:', error));
    return work;
  }

  function queueRecords(records: readonly MutationRecord[]): void {
    noteRewrites(records);
    let addedInBatch: Set<Node> | undefined;
    const batch = () => (addedInBatch ??= new Set(records.flatMap((record) => [...record.addedNodes])));
    for (const record of records) {
      const target = record.target;
      if (record.type === 'childList') pageMoves += 1;
      if (record.type === 'attributes') {
        for (const annotation of [...annotations()]) {
          if (annotation.block.nodes.some((node) => containsComposed(target, node))) remove(annotation);
        }
        // Read again as a whole: an element made read-only again may hold whole blocks.
        markDirty(blockOf(target), true);
        continue;
      }
      if (record.type === 'characterData') {
        const split = splits.get(target as Text);
        if (split) remove(split);
        markDirty(blockOf(target), false);
        continue;
      }
      let textChanged = false;
      /** A block added or removed: it splits or joins the text around it where it falls inside. */
      let boundaryChanged = false;
      for (const node of record.removedNodes) {
        if (isOurs(node)) continue;
        if (node.nodeType === TEXT_NODE) {
          // The page removed a node that highlighting split: remove the rest of it too.
          const split = splits.get(node as Text);
          if (split) remove(split);
          textChanged = true;
        } else {
          forgetInside(node);
          // Removing inline content changes the text of the block around it.
          if (blockOf(node) === node) boundaryChanged = true;
          else textChanged = true;
        }
      }
      for (const node of record.addedNodes) {
        if (isOurs(node)) continue;
        if (node.nodeType === TEXT_NODE) textChanged = true;
        else if (node.nodeType === ELEMENT_NODE) {
          // Counted only while the page may yet grow past the bar (see startPainting).
          if (paintApi && !paintAll) added += 1 + (node as Element).getElementsByTagName('*').length;
          // A new block is read on its own; new inline content belongs to the block around it,
          // apart from any blocks inside it (a link around a card's <div>s).
          if (blockOf(node) === node) {
            markDirty(node, true);
            boundaryChanged = true;
          } else {
            textChanged = true;
            for (const block of blocksInside(node as Element)) markDirty(block, true);
          }
        }
      }
      textChanged ||= boundaryChanged && splitsRunningText(target, ...boundarySiblings(record, batch));
      if (textChanged) markDirty(blockOf(target), false);
    }
    scheduleBatch();
  }

  function scheduleBatch(): void {
    // Names that changed outside a batch (the page removed a block) still update short forms.
    if ((dirty.length > 0 || namesChanged) && batchTimer === undefined && !stopped) {
      batchTimer = view.setTimeout(() => {
        batchTimer = undefined;
        enqueue(processDirty);
      }, BATCH_MS);
    }
  }

  /**
   * The siblings either side of what a record added or removed. Where a DOM leaves them out of
   * records of additions (happy-dom, which also reports each added node on its own), they are read
   * from the added nodes as they are now, past the other nodes added in the same batch.
   */
  function boundarySiblings(record: MutationRecord, batch: () => Set<Node>): [Node | null, Node | null] {
    const added = record.addedNodes;
    const first = added[0];
    const last = added[added.length - 1];
    const past = (node: Node | null, direction: 'previousSibling' | 'nextSibling'): Node | null => {
      while (node && batch().has(node)) node = node[direction];
      return node;
    };
    const previous = record.previousSibling ?? (first?.parentNode === record.target ? past(first.previousSibling, 'previousSibling') : null);
    const next = record.nextSibling ?? (last?.parentNode === record.target ? past(last.nextSibling, 'nextSibling') : null);
    return [previous, next];
  }

  function markDirty(node: Node | null, deep: boolean): void {
    if (node && !stopped) dirty.push({ node, deep });
  }

  /**
   * Forgets the annotations inside a subtree the page removed, and those with split text in it (an
   * inline element taken out of a paragraph): its nodes are joined back at once, before the page
   * can write to them unseen while they are detached.
   */
  function forgetInside(removed: Node): void {
    removeIn(containersIn(removed, true));
    const visit = (root: Node): void => {
      const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === TEXT_NODE) {
          const split = splits.get(node as Text);
          if (split) remove(split);
        } else if ((node as Element).shadowRoot) visit((node as Element).shadowRoot!);
      }
    };
    if (removed.nodeType === ELEMENT_NODE && (removed as Element).shadowRoot) visit((removed as Element).shadowRoot!);
    visit(removed);
  }

  function removeIn(containers: readonly Node[]): void {
    for (const container of containers) for (const annotation of [...(byContainer.get(container) ?? [])]) remove(annotation);
  }

  /**
   * The containers with annotations that a scan of root reads: every one under it, shadow roots
   * included (deep), or only its own run of text and the shadow roots met in that run (shallow).
   * Found by walking root rather than by testing every annotation: a page that changes a paragraph
   * at a time has few nodes there and many annotations elsewhere.
   */
  function containersIn(root: Node, deep: boolean): Node[] {
    const found: Node[] = [];
    if (byContainer.size === 0) return found;
    const visit = (from: Node, whole: boolean): void => {
      if (byContainer.has(from)) found.push(from);
      const shadow = from.nodeType === ELEMENT_NODE ? (from as Element).shadowRoot : null;
      if (shadow) visit(shadow, true);
      const walker = doc.createTreeWalker(from, SHOW_ELEMENT, {
        // Shallow: the run goes on through inline elements only.
        acceptNode: (node) => (whole || blockOf(node) !== node ? FILTER_ACCEPT : FILTER_REJECT),
      });
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (whole && byContainer.has(node)) found.push(node);
        const inner = (node as Element).shadowRoot;
        if (inner) visit(inner, true);
      }
    };
    visit(root, deep);
    return found;
  }

  async function processDirty(): Promise<void> {
    if (stopped) return;
    const roots = dirty;
    dirty = [];
    if (!awake) {
      // Only a pre-test of the new text until the page turns out to mention the story.
      const session = options.matcher.pretestSession();
      if (!roots.some(({ node }) => pretestPasses(node, session)) || !(await wake(generation))) return;
      await scanPage();
      return;
    }
    // A page that grows as it is read (a live blog, an endless feed) is painted from the time it
    // is big enough; the marks written before stay.
    startPainting();
    const live = uniqueRoots(roots).filter(({ node }) => node.isConnected && !isForbiddenRoot(node));
    // Every root's old marks go before any root is read: inline content the page moved from one
    // block to another carries the marks of the first, which would hide its text from the second.
    for (const { node, deep } of live) removeIn(containersIn(node, deep));
    for (const { node, deep } of live) {
      await scan(node, !deep);
    }
    pruneDisconnected();
    resolveShortForms();
    options.onChange?.();
  }

  /**
   * The pre-test of the whole page, read in slices like the scan: the text of its text nodes
   * (not that of scripts and style sheets, which can be most of a page's characters) and of its
   * open shadow roots, which the observer is asked to watch from now on. False when the page
   * cannot mention the story, or when this run was stopped.
   */
  async function pretestPage(body: HTMLElement, run: number): Promise<boolean> {
    let deadline = performance.now() + SLICE_MS;
    for (const steps = options.matcher.prepareSession(); !steps.next().done; ) {
      if (performance.now() < deadline) continue;
      await yieldToPage();
      if (run !== generation) return false;
      deadline = performance.now() + SLICE_MS;
    }
    const session = options.matcher.pretestSession();
    for (let attempt = 1; attempt <= 3; attempt++) {
      let lost = false;
      for (const chunk of pretestChunks(body, { chunk: PRETEST_CHUNK, pauseEvery, onShadowRoot: observe })) {
        if (chunk === null) {
          lost = true;
          break;
        }
        if (session.add(chunk)) return true;
        if (performance.now() < deadline) continue;
        await yieldToPage();
        if (run !== generation) return false;
        deadline = performance.now() + SLICE_MS;
      }
      if (!lost) return false;
      // The page took away the node the walk stood on, and the rest of the walk would stay in
      // what it took away: read the page again (what was read stays counted).
    }
    // A page that keeps doing that is scanned: the scan reads everything, at a higher cost.
    return true;
  }

  /**
   * After the page passed the pre-test: reads the matcher where it was pending (an imported pack's)
   * and gets it ready to find, in slices, then the page is scanned. False where this run was
   * stopped meanwhile, or where the pack could not be read: the page then stays as it is.
   */
  async function wake(run: number): Promise<boolean> {
    if (!matcher) {
      try {
        matcher = await (options.matcher as PendingMatcher).load();
      } catch {
        return false;
      }
    }
    let deadline = performance.now() + SLICE_MS;
    for (const steps = matcher.prepareFind(); run === generation && !steps.next().done; ) {
      if (performance.now() < deadline) continue;
      await yieldToPage();
      deadline = performance.now() + SLICE_MS;
    }
    if (run !== generation) return false;
    awake = true;
    return true;
  }

  /**
   * Reads the text under root (see pretestChunks) into a pre-test session, true once it passes.
   * The shadow roots read are observed from now on (a page that passes is then scanned whole).
   */
  function pretestPasses(root: Node, session: PretestSession): boolean {
    for (const chunk of pretestChunks(root, { chunk: Infinity, pauseEvery: Infinity, onShadowRoot: observe })) {
      if (chunk !== null && session.add(chunk)) return true;
    }
    return false;
  }

  /**
   * Whether a shallow scan of root reads the container's block: root's own run of text, and the
   * shadow roots (whole) of root and of the inline elements in that run.
   */
  function readByShallowScan(root: Node, container: Node): boolean {
    if (container === root) return true;
    for (let top = container.getRootNode(); top.nodeType === DOCUMENT_FRAGMENT_NODE; ) {
      const host = (top as ShadowRoot).host;
      if (!host) return false;
      if (host === root || blockOf(host) === root) return true;
      top = host.getRootNode();
    }
    return false;
  }

  function isForbiddenRoot(node: Node): boolean {
    return (node.nodeType === ELEMENT_NODE && isForbidden(node as Element)) || insideForbidden(node, doc.documentElement);
  }

  /**
   * Drops the roots another root's scan reads anyway: a block would otherwise be read twice, the
   * second time with the first one's marks hiding part of its text.
   */
  function uniqueRoots(roots: DirtyRoot[]): DirtyRoot[] {
    const distinct = new Map<Node, DirtyRoot>();
    for (const root of roots) if (!distinct.get(root.node)?.deep) distinct.set(root.node, root);
    const list = [...distinct.values()];
    const deep = list.filter((root) => root.deep);
    // Only a root in a shadow tree can be read by a shallow scan of another (its host's).
    const shadowed = new Set(list.filter(({ node }) => node.getRootNode().nodeType === DOCUMENT_FRAGMENT_NODE));
    const covers = (other: DirtyRoot, root: DirtyRoot): boolean =>
      other !== root &&
      (other.deep
        ? other.node.contains(root.node) || (shadowed.has(root) && containsComposed(other.node, root.node))
        : shadowed.has(root) && other.node !== root.node && readByShallowScan(other.node, root.node));
    return list.filter((root) => !(shadowed.has(root) ? list : deep).some((other) => covers(other, root)));
  }


  function pruneDisconnected(): void {
    for (const [container, set] of [...byContainer]) {
      if (!container.isConnected) for (const annotation of [...set]) remove(annotation);
    }
  }

  /** Has every block of this page painted from now on where it is big enough (see paintApi). */
  function startPainting(): void {
    const bar = options.paintAboveElements ?? PAINT_ABOVE_ELEMENTS;
    if (paintAll || !paintApi || (counted !== null && counted + added <= bar)) return;
    // The collection finds its items as asked: the element past the bar is looked for by walking
    // no further than it, where the length would walk the whole page (25-30 ms on one of 312 000
    // elements, in one task).
    const elements = doc.getElementsByTagName('*');
    paintAll = elements.item(bar) !== null;
    counted = paintAll ? bar + 1 : elements.length;
    added = 0;
  }

  /** The painter, made (with the pointer's listeners) the first time a block is painted. */
  function ensurePainter(): Painter | null {
    if (painter || !paintApi) return painter;
    painter = createPainter(doc, paintApi);
    view.addEventListener('pointermove', onPointerMove, { capture: true, passive: true });
    view.addEventListener('pointerdown', onPointerDown, { capture: true, passive: true });
    return painter;
  }

  function stopPainting(): void {
    view.removeEventListener('pointermove', onPointerMove, { capture: true });
    view.removeEventListener('pointerdown', onPointerDown, { capture: true });
    painter?.clear();
    painter = null;
    paintAll = false;
    // The page is not followed while stopped: it is counted again when started.
    counted = null;
    paintedNodes = new WeakMap();
    paintedParents = new WeakSet();
    pointer = null;
    pointedAt = null;
  }

  /** Looks what the pointer is over once a frame, not at every move. */
  function onPointerMove(event: PointerEvent): void {
    const waitingFrame = pointer !== null;
    pointer = { x: event.clientX, y: event.clientY, over: event.target };
    if (waitingFrame) return;
    view.requestAnimationFrame(() => {
      const at = pointer;
      pointer = null;
      if (at) point(at.x, at.y, at.over, false);
    });
  }

  /** A press on a painted mention (a tap, with no hover before it) shows it at once. */
  function onPointerDown(event: PointerEvent): void {
    point(event.clientX, event.clientY, event.target, true);
  }

  /** Tells onPointed what painted mention the pointer is on, when that changed or on a press. */
  function point(x: number, y: number, over: EventTarget | null, press: boolean): void {
    const painted = paintedAt(x, y, over);
    if (painted === pointedAt && !(press && painted)) return;
    pointedAt = painted;
    options.onPointed?.(painted && { ...painted, x, y, press });
  }

  /**
   * The painted mention under the point, over the element `over`: none where that element holds
   * no painted text (the page is not hit-tested then); otherwise the text there, found the way the
   * browser places a caret, then the boxes of the mention's text (a point beside a line's end puts
   * the caret at the end of its last word).
   */
  function paintedAt(x: number, y: number, over: EventTarget | null): PaintedMention | null {
    if (!painter || stopped || !over || !paintedParents.has(over as Node)) return null;
    const withCaret = doc as Document & { caretPositionFromPoint?: Document['caretPositionFromPoint'] };
    const caret = withCaret.caretPositionFromPoint?.(x, y);
    const range = caret ? null : doc.caretRangeFromPoint?.(x, y);
    const node = caret ? caret.offsetNode : range?.startContainer;
    const offset = (caret ? caret.offset : range?.startOffset) ?? 0;
    if (!node || node.nodeType !== TEXT_NODE) return null;
    const painted = paintedNodes.get(node as Text)?.painted;
    return painted?.find(({ range: at }) => at.isPointInRange(node, offset) && isOverRange(at, x, y)) ?? null;
  }

  async function scanPage(): Promise<void> {
    const body = doc.body;
    if (!body) return;
    startPainting();
    const run = generation;
    firstScan = { read: 0 };
    // Blocks read by a first scan come in document order (see ordered()).
    if (byContainer.size === 0) inOrder = [];
    try {
      await scan(body, false);
    } finally {
      firstScan = null;
      batching = false;
    }
    let deadline = performance.now() + WRITE_SLICE_MS;
    while (unwritten.size > 0 && run === generation) {
      flushWrites(deadline);
      if (unwritten.size === 0) break;
      options.onChange?.();
      await yieldToPage();
      deadline = performance.now() + WRITE_SLICE_MS;
    }
    resolveShortForms();
    options.onChange?.();
  }

  return {
    start() {
      stopped = false;
      generation += 1;
      const body = doc.body;
      if (!body) return Promise.resolve();
      observer = new view.MutationObserver((records) => queueRecords(records));
      observed = new WeakSet();
      observe(body);
      view.addEventListener('beforeprint', writeAllForPrint);
      awake = false;
      // A scan queued by an earlier start() that stop() cancelled must not run after this one.
      const run = generation;
      enqueue(async () => {
        if (run !== generation || !(await pretestPage(body, run)) || !(await wake(run))) return;
        await scanPage();
      });
      return work;
    },
    stop() {
      stopped = true;
      generation += 1;
      view.removeEventListener('beforeprint', writeAllForPrint);
      stopPainting();
      noteRewrites(observer?.takeRecords() ?? []);
      observer?.disconnect();
      observer = null;
      if (batchTimer !== undefined) view.clearTimeout(batchTimer);
      batchTimer = undefined;
      dirty = [];
      // Last highlighted first, so each undo finds the nodes as its highlight left them.
      const all = [...annotations()].reverse();
      for (const annotation of all) unhighlight(annotation);
      byContainer.clear();
      unwritten.clear();
      nearby.clear();
      awaiting.clear();
      viewport?.disconnect();
      viewport = null;
      view.clearTimeout(nearbyTimer);
      nearbyTimer = undefined;
      inOrder = [];
      batching = false;
      firstScan = null;
      named.clear();
      namedIf.clear();
      namesChanged = false;
      options.onChange?.();
    },
    idle: async () => {
      for (;;) {
        const current = work;
        await current;
        if (batchTimer === undefined && nearbyTimer === undefined && current === work) return;
        await new Promise((resolve) => view.setTimeout(resolve, BATCH_MS));
      }
    },
    mentions() {
      const list: MarkedMention[] = [];
      for (const annotation of ordered()) {
        if (annotation.highlight) list.push(...annotation.highlight.mentions);
        else for (const mention of showing(annotation)) list.push({ mention, marks: [] });
      }
      return list;
    },
    written(marked) {
      // Looked for here, where a reader asked for it, rather than noted for every mention found.
      const annotation = ordered().find((each) => each.found.includes(marked.mention));
      if (!annotation) return null;
      if (waiting(annotation)) highlight(annotation);
      return annotation.highlight?.mentions.find(({ mention }) => mention === marked.mention) ?? null;
    },
    report() {
      const counts = new Map<string, { category: Category; count: number }>();
      const figures: PageReport['figures'] = [];
      let total = 0;
      for (const annotation of annotations()) {
        for (const mention of showing(annotation)) {
          total += 1;
          const entry = counts.get(mention.entityId) ?? { category: mention.category, count: 0 };
          entry.count += 1;
          counts.set(mention.entityId, entry);
          if (mention.value) figures.push({ entityId: mention.entityId, text: mention.value.text, value: mention.value.value });
        }
      }
      return {
        total,
        entities: [...counts].map(([entityId, { category, count }]) => ({ entityId, category, count })),
        figures,
        active: !stopped,
      };
    },
    reveal(entityId) {
      const targets = this.mentions().filter(({ mention }) => mention.entityId === entityId);
      for (const _ of targets) {
        const index = ((revealed.get(entityId) ?? -1) + 1) % targets.length;
        revealed.set(entityId, index);
        const target = this.written(targets[index]!)?.marks[0];
        if (!target) continue;
        target.scrollIntoView({ block: 'center', behavior: 'smooth' });
        target.classList.add('backstory-flash');
        view.setTimeout(() => target.classList.remove('backstory-flash'), 1600);
        return true;
      }
      return false;
    },
  };
}
