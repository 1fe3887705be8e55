// Paints mentions without touching the page's DOM, with the CSS Custom Highlight API: one
// Highlight per category, registered as `backstory-<category>` (styled in highlight.css).
//
// On a page of hundreds of thousands of elements, any change to the DOM costs the browser a frame
// of the page's size (130–220 ms measured on the benchmark's 7 MB page for one word wrapped in a
// <mark>), while a range added to a highlight costs a repaint (about 20 ms there). Such a page gets
// its mentions painted as the reader comes near them; the hover card shows a painted mention by
// its range, and real marks are written only where the keyboard, the popup or a printout needs
// them (see the annotator).
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

export function createPainter(doc: Document, api: PaintApi): Painter {
  const byCategory = new Map<Category, Highlight>();

  const highlightOf = (category: Category): Highlight => {
    let highlight = byCategory.get(category);
    if (!highlight) {
      highlight = new api.Highlight();
      byCategory.set(category, highlight);
      api.registry.set(`${PAINT_PREFIX}${category}`, highlight);
    }
    return highlight;
  };

  return {
    paint(block, mentions) {
      return mentions.map((mention) => {
        const { nodes, starts } = block;
        const range = doc.createRange();
        // The end in the node of the mention's last character, never at the start of the next one.
        const first = nodeAt(starts, mention.start);
        const last = nodeAt(starts, mention.end - 1);
        range.setStart(nodes[first]!, mention.start - starts[first]!);
        range.setEnd(nodes[last]!, mention.end - starts[last]!);
        highlightOf(mention.category).add(range);
        return { mention, range };
      });
    },
    erase(painted) {
      for (const { mention, range } of painted) byCategory.get(mention.category)?.delete(range);
    },
    clear() {
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
