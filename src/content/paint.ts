// Paints mentions without touching the page's DOM, with the CSS Custom Highlight API: one
// Highlight per category, registered as `backstory-<category>` (styled in highlight.css).
//
// On a page of hundreds of thousands of elements, any change to the DOM costs the browser a frame
// of the page's size (130–220 ms measured on the benchmark's 7 MB page for one word wrapped in a
// <mark>), while a range added to a highlight costs a repaint (about 20 ms there). Such a page gets
// its mentions painted as the reader comes near them; the hover card shows a painted mention by
// its range, and real marks are written only where the keyboard, the popup or a printout needs
// them (see the annotator).
//
// In Firefox, the first range added to a highlight in a text node can cost time that grows with
// how far along its parent's children the node stands: on a page of 100 000 inline elements in one
// block, 0.5–1 ms a range (more the further along), and about 0.01 ms for ranges in the same nodes
// again. So ranges are added a slice at a time, and the page runs between slices.
import type { Mention } from '../match';
import type { Category } from '../story/schema';
import { nodeAt } from './highlight';
import type { TextBlock } from './text-blocks';

/** What the painter needs of the page's window: its highlight registry and Highlight. */
export interface PaintApi {
  registry: HighlightRegistry;
  Highlight: typeof Highlight;
}

/** The page's highlight API, where the browser has one (Chromium 105+, Firefox 140+). */
export function paintApiOf(view: Window): PaintApi | null {
  const scope = view as Window & { CSS?: { highlights?: HighlightRegistry }; Highlight?: typeof Highlight };
  const registry = scope.CSS?.highlights;
  return registry && typeof scope.Highlight === 'function' ? { registry, Highlight: scope.Highlight } : null;
}

/** A mention painted: its range, and the highlight that holds it. */
export interface PaintedMention {
  mention: Mention;
  range: Range;
}

export interface Painter {
  /** Paints the mentions (offsets into block.text) of an intact block. */
  paint(block: TextBlock, mentions: readonly Mention[]): PaintedMention[];
  /** Takes painted mentions off the page. */
  erase(painted: readonly PaintedMention[]): void;
  /** Takes every highlight of this painter off the page. */
  clear(): void;
}

export const PAINT_PREFIX = 'backstory-';

/** The longest a painter adds ranges for before it lets the page run. */
export const PAINT_SLICE_MS = 8;

export function createPainter(doc: Document, api: PaintApi): Painter {
  const byCategory = new Map<Category, Highlight>();
  /** Ranges still to be added to their highlights, in the order they were painted. */
  const pending = new Map<Range, Category>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const highlightOf = (category: Category): Highlight => {
    let highlight = byCategory.get(category);
    if (!highlight) {
      highlight = new api.Highlight();
      byCategory.set(category, highlight);
      api.registry.set(`${PAINT_PREFIX}${category}`, highlight);
    }
    return highlight;
  };

  /** Adds pending ranges for up to a slice; the rest wait for a task of their own. */
  const addPending = (): void => {
    timer = undefined;
    const deadline = performance.now() + PAINT_SLICE_MS;
    for (const [range, category] of pending) {
      pending.delete(range);
      highlightOf(category).add(range);
      if (performance.now() > deadline) break;
    }
    if (pending.size > 0) timer = setTimeout(addPending, 0);
  };

  return {
    paint(block, mentions) {
      const painted = mentions.map((mention) => {
        const { nodes, starts } = block;
        const range = doc.createRange();
        // The end in the node of the mention's last character, never at the start of the next one.
        const first = nodeAt(starts, mention.start);
        const last = nodeAt(starts, mention.end - 1);
        range.setStart(nodes[first]!, mention.start - starts[first]!);
        range.setEnd(nodes[last]!, mention.end - starts[last]!);
        pending.set(range, mention.category);
        return { mention, range };
      });
      // Where ranges already wait, these wait behind them.
      if (timer === undefined) addPending();
      return painted;
    },
    erase(painted) {
      for (const { mention, range } of painted) {
        if (!pending.delete(range)) byCategory.get(mention.category)?.delete(range);
      }
    },
    clear() {
      clearTimeout(timer);
      timer = undefined;
      pending.clear();
      for (const category of byCategory.keys()) api.registry.delete(`${PAINT_PREFIX}${category}`);
      byCategory.clear();
    },
  };
}

/** Whether the point is within one of the boxes of the range's text. */
export function isOverRange(range: Range, x: number, y: number): boolean {
  for (const box of range.getClientRects()) {
    if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) return true;
  }
  return false;
}
