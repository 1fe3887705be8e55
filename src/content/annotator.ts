// Finds the story's mentions on a page and highlights them, keeps up with a live page, and undoes
// everything exactly on stop().
//
// Cost model: a page that does not mention the story pays for one read of its text and one cheap
// pre-test, then for a pre-test of each piece of text added later. A page that does is scanned in
// slices of a few milliseconds, top first, yielding to the page between slices; afterwards only the
// blocks a mutation touched are read again.
import type { Matcher, Mention } from '../match';
import type { PageReport } from '../lib/messages';
import type { Category } from '../story/schema';
import { highlightBlock, undoHighlight, undoSplit, type BlockHighlight, type MarkedMention, type SplitRecord } from './highlight';
import { blockOf, insideForbidden, isForbidden, iterateTextBlocks, MARK_CLASS, type TextBlock } from './text-blocks';

export interface AnnotatorOptions {
  doc: Document;
  matcher: Matcher;
  /** Whether a mention should be highlighted (its category is switched on). */
  wanted(mention: Mention): boolean;
  /** Called after the set of mentions changed. */
  onChange?(): void;
  /** Styles a mark that page stylesheets cannot reach (inside a shadow root). */
  styleShadowMark?(mark: HTMLElement): void;
}

export interface Annotator {
  /** Scans the page and starts following its changes. */
  start(): Promise<void>;
  /** Stops following the page and removes every mark, restoring the DOM exactly. */
  stop(): void;
  /** Resolves when the work queued so far is done (the initial scan and any pending updates). */
  idle(): Promise<void>;
  report(): PageReport;
  /** The mentions on the page, in document order. */
  mentions(): MarkedMention[];
  /** Scrolls to the entity's next mention and flashes it; false when it has none. */
  reveal(entityId: string): boolean;
}

/** Milliseconds of work per slice before yielding to the page. */
const SLICE_MS = 8;
/** How long mutations are gathered before they are handled together. */
const BATCH_MS = 50;

/** One block's mentions: all that the matcher found, and the highlight of those resolved. */
interface Annotation {
  block: TextBlock;
  found: Mention[];
  highlight: BlockHighlight | null;
}

interface DirtyRoot {
  node: Node;
  /** Deep: the node's whole subtree; shallow: only the node's own run of text. */
  deep: boolean;
}

const yieldToPage = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

export function createAnnotator(options: AnnotatorOptions): Annotator {
  const { doc, matcher } = options;
  const view = doc.defaultView!;
  /** Annotations by their block's container, for re-reading only what changed. */
  const byContainer = new Map<Node, Set<Annotation>>();
  /** Split text nodes, to notice when the page rewrites one (React, Vue). */
  const splits = new WeakMap<Text, { annotation: Annotation; record: SplitRecord }>();
  /** Full (not short-form) mentions per entity on the page: short forms count only beside these. */
  const named = new Map<string, number>();
  const observed = new WeakSet<Node>();
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

  const annotations = function* (): Generator<Annotation> {
    for (const set of byContainer.values()) yield* set;
  };

  /** Runs a DOM change of ours without the observer seeing it, keeping the page's own records. */
  function quietly<T>(change: () => T): T {
    if (!observer) return change();
    const pending = observer.takeRecords();
    if (pending.length > 0) queueRecords(pending);
    const result = change();
    observer.takeRecords();
    return result;
  }

  function countNamed(found: readonly Mention[], delta: 1 | -1): boolean {
    let newlyNamed = false;
    for (const mention of found) {
      if (mention.short) continue;
      const count = (named.get(mention.entityId) ?? 0) + delta;
      if (count <= 0) named.delete(mention.entityId);
      else {
        if (count === 1 && delta === 1) newlyNamed = true;
        named.set(mention.entityId, count);
      }
    }
    return newlyNamed;
  }

  function resolved(found: readonly Mention[]): Mention[] {
    return found.filter((mention) => (!mention.short || named.has(mention.entityId)) && options.wanted(mention));
  }

  function highlight(annotation: Annotation): void {
    const mentions = resolved(annotation.found);
    if (mentions.length === 0) return;
    const inShadow = annotation.block.container.getRootNode() !== doc;
    annotation.highlight = quietly(() =>
      highlightBlock(annotation.block, mentions, inShadow ? options.styleShadowMark : undefined),
    );
    for (const record of annotation.highlight.records) splits.set(record.node, { annotation, record });
  }

  function unhighlight(annotation: Annotation): void {
    if (!annotation.highlight) return;
    const { records } = annotation.highlight;
    quietly(() => undoHighlight(annotation.highlight!));
    for (const record of records) splits.delete(record.node);
    annotation.highlight = null;
  }

  /**
   * Reads one block. The text before it lets a sentence such as "Bilateral trade grew by 1.6%"
   * count as trade between China and Russia when the countries were named just before.
   */
  function add(block: TextBlock, preceding: string): boolean {
    const found = matcher.find(block.text, { preceding });
    if (found.length === 0) return false;
    const annotation: Annotation = { block, found, highlight: null };
    let set = byContainer.get(block.container);
    if (!set) byContainer.set(block.container, (set = new Set()));
    set.add(annotation);
    const newlyNamed = countNamed(found, 1);
    highlight(annotation);
    return newlyNamed;
  }

  function remove(annotation: Annotation): void {
    unhighlight(annotation);
    countNamed(annotation.found, -1);
    const set = byContainer.get(annotation.block.container);
    set?.delete(annotation);
    if (set?.size === 0) byContainer.delete(annotation.block.container);
  }

  /** Short forms seen before their entity's full name: highlight them now that it is named. */
  function resolveWaitingShortForms(): void {
    for (const annotation of annotations()) {
      const highlighted = annotation.highlight?.mentions.length ?? 0;
      if (resolved(annotation.found).length === highlighted) continue;
      if (!annotation.block.nodes.every((node) => node.isConnected)) continue;
      unhighlight(annotation);
      highlight(annotation);
    }
  }

  async function scan(root: Node, shallow: boolean): Promise<boolean> {
    let newlyNamed = false;
    const run = generation;
    // An observer of the document does not see inside shadow roots: observe each one found.
    const blocks = iterateTextBlocks(root, { shallow, onShadowRoot: observe });
    let deadline = performance.now() + SLICE_MS;
    let preceding = root.nodeType === Node.ELEMENT_NODE ? ((root as Element).previousElementSibling?.textContent ?? '') : '';
    for (const block of blocks) {
      if (run !== generation) return newlyNamed;
      if (add(block, preceding)) newlyNamed = true;
      preceding = block.text;
      if (performance.now() > deadline) {
        options.onChange?.();
        await yieldToPage();
        deadline = performance.now() + SLICE_MS;
      }
    }
    return newlyNamed;
  }

  function observe(root: Node): void {
    if (!observer || observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  function isOurs(node: Node): boolean {
    return (
      node.nodeType === Node.ELEMENT_NODE &&
      ((node as Element).classList.contains(MARK_CLASS) || (node as Element).tagName === 'BACKSTORY-CARD')
    );
  }

  function queueRecords(records: readonly MutationRecord[]): void {
    for (const record of records) {
      const target = record.target;
      if (record.type === 'characterData') {
        const split = splits.get(target as Text);
        if (split) repair(split.annotation, split.record);
        markDirty(blockOf(target), false);
        continue;
      }
      let textChanged = false;
      for (const node of record.removedNodes) {
        if (isOurs(node)) continue;
        if (node.nodeType === Node.TEXT_NODE) {
          const split = splits.get(node as Text);
          if (split) repair(split.annotation, split.record);
          textChanged = true;
        } else {
          forgetInside(node);
          // Removing inline content changes the text of the block around it.
          textChanged ||= blockOf(node) !== node;
        }
      }
      for (const node of record.addedNodes) {
        if (isOurs(node)) continue;
        if (node.nodeType === Node.TEXT_NODE) textChanged = true;
        else if (node.nodeType === Node.ELEMENT_NODE) {
          // A new block is read on its own; new inline content belongs to the block around it.
          if (blockOf(node) === node) markDirty(node, true);
          else textChanged = true;
        }
      }
      if (textChanged) markDirty(blockOf(target), false);
    }
    if (dirty.length > 0 && batchTimer === undefined && !stopped) {
      batchTimer = view.setTimeout(() => {
        batchTimer = undefined;
        work = work.then(processDirty);
      }, BATCH_MS);
    }
  }

  function markDirty(node: Node | null, deep: boolean): void {
    if (node && !stopped) dirty.push({ node, deep });
  }

  /**
   * The page rewrote or removed a text node that highlighting had split. Remove what highlighting
   * inserted around it so the reader sees exactly the page's text; the block is read again later.
   */
  function repair(annotation: Annotation, record: SplitRecord): void {
    quietly(() => undoSplit(record));
    splits.delete(record.node);
    remove(annotation);
  }

  /** Forgets the annotations inside a subtree the page removed. */
  function forgetInside(removed: Node): void {
    for (const [container, set] of byContainer) {
      if (container === removed || removed.contains(container)) for (const annotation of [...set]) remove(annotation);
    }
  }

  async function processDirty(): Promise<void> {
    if (stopped) return;
    const roots = dirty;
    dirty = [];
    if (!awake) {
      // Only a pre-test of the new text until the page turns out to mention the story.
      const added = roots.map(({ node }) => node.textContent ?? '').join('\n');
      if (!matcher.mightMention(added)) return;
      awake = true;
      await scanPage();
      return;
    }
    let newlyNamed = false;
    for (const { node, deep } of uniqueRoots(roots)) {
      if (!node.isConnected || isForbiddenRoot(node)) continue;
      for (const [container, set] of [...byContainer]) {
        const affected = deep ? node === container || node.contains(container) : node === container;
        if (affected) for (const annotation of [...set]) remove(annotation);
      }
      if (await scan(node, !deep)) newlyNamed = true;
    }
    pruneDisconnected();
    if (newlyNamed) resolveWaitingShortForms();
    options.onChange?.();
  }

  function isForbiddenRoot(node: Node): boolean {
    return (node.nodeType === Node.ELEMENT_NODE && isForbidden(node as Element)) || insideForbidden(node, doc.documentElement);
  }

  /** Drops roots inside other deep roots, and duplicates. */
  function uniqueRoots(roots: DirtyRoot[]): DirtyRoot[] {
    const deep = roots.filter((root) => root.deep);
    const seen = new Set<Node>();
    return roots.filter((root) => {
      const key = root.node;
      if (seen.has(key) && !root.deep) return false;
      if (deep.some((other) => other !== root && other.node !== key && other.node.contains(key))) return false;
      seen.add(key);
      return true;
    });
  }

  function pruneDisconnected(): void {
    for (const [container, set] of [...byContainer]) {
      if (!container.isConnected) for (const annotation of [...set]) remove(annotation);
    }
  }

  async function scanPage(): Promise<void> {
    const body = doc.body;
    if (!body) return;
    if (await scan(body, false)) resolveWaitingShortForms();
    options.onChange?.();
  }

  return {
    start() {
      stopped = false;
      generation += 1;
      const body = doc.body;
      if (!body) return Promise.resolve();
      observer = new view.MutationObserver((records) => queueRecords(records));
      observe(body);
      awake = matcher.mightMention(body.textContent ?? '');
      if (awake) work = work.then(scanPage);
      return work;
    },
    stop() {
      stopped = true;
      generation += 1;
      observer?.disconnect();
      observer = null;
      if (batchTimer !== undefined) view.clearTimeout(batchTimer);
      batchTimer = undefined;
      dirty = [];
      // Last highlighted first, so each undo finds the nodes as its highlight left them.
      const all = [...annotations()].reverse();
      for (const annotation of all) unhighlight(annotation);
      byContainer.clear();
      named.clear();
      options.onChange?.();
    },
    idle: async () => {
      for (;;) {
        const current = work;
        await current;
        if (batchTimer === undefined && current === work) return;
        await new Promise((resolve) => view.setTimeout(resolve, BATCH_MS));
      }
    },
    mentions() {
      const list: MarkedMention[] = [];
      for (const annotation of annotations()) if (annotation.highlight) list.push(...annotation.highlight.mentions);
      return list.sort((a, b) =>
        a.marks[0]!.compareDocumentPosition(b.marks[0]!) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
      );
    },
    report() {
      const counts = new Map<string, { category: Category; count: number }>();
      const figures: PageReport['figures'] = [];
      let total = 0;
      for (const annotation of annotations()) {
        for (const { mention } of annotation.highlight?.mentions ?? []) {
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
      if (targets.length === 0) return false;
      const index = ((revealed.get(entityId) ?? -1) + 1) % targets.length;
      revealed.set(entityId, index);
      const target = targets[index]!.marks[0]!;
      target.scrollIntoView({ block: 'center', behavior: 'smooth' });
      target.classList.add('backstory-flash');
      view.setTimeout(() => target.classList.remove('backstory-flash'), 1600);
      return true;
    },
  };
}
