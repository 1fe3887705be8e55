// Keeps the card beside its mark (or a painted mention's text) with Floating UI: below it, or
// above where there is no room, shifted and shortened to stay inside the viewport, and following
// scrolling and resizing.
import { autoUpdate, computePosition, flip, hide, inline, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { ELEMENT_NODE, isElement } from '../dom';

/** Room kept between the card and the viewport's edges. */
const VIEWPORT_PADDING = 8;
const GAP = 6;
/** The card never grows taller than this, even where there is room. */
const MAX_HEIGHT = 480;

export interface AnchorPoint {
  x: number;
  y: number;
}

/**
 * Positions host (the fixed, top-layer card host) next to anchor until the returned function is
 * called. card is the element whose height is capped to the room available. Where the mark wraps
 * over two lines, point (the pointer's position) picks the line the card goes next to.
 */
export interface FollowOptions {
  point?: AnchorPoint | undefined;
  /** Called when the page removes the anchor. */
  onDetached(): void;
  /**
   * Whether the card may be hidden while its anchor is scrolled out of sight. Not while it holds
   * focus: a hidden element loses focus, and the card is on its way to the anchor.
   */
  mayHide(): boolean;
}

/** Whether the anchor (a mark, or a painted mention's range) is still on the page. */
export function isConnected(anchor: Element | Range): boolean {
  return isElement(anchor) ? anchor.isConnected : !anchor.collapsed && anchor.startContainer.isConnected;
}

/**
 * The anchor as Floating UI takes it: a range is placed by its boxes, and followed through the
 * scrolling of the element its text starts in.
 */
function referenceOf(anchor: Element | Range): Element | VirtualElement {
  if (isElement(anchor)) return anchor;
  const start = anchor.startContainer;
  return {
    getBoundingClientRect: () => anchor.getBoundingClientRect(),
    getClientRects: () => anchor.getClientRects(),
    contextElement: start.nodeType === ELEMENT_NODE ? (start as Element) : (start.parentElement ?? undefined),
  };
}

export function followAnchor(
  anchor: Element | Range,
  host: HTMLElement,
  card: HTMLElement,
  { point, onDetached, mayHide }: FollowOptions,
): () => void {
  let stopped = false;
  const reference = referenceOf(anchor);
  // The point as an offset into the mark, so that it still picks the same line after scrolling.
  const origin = anchor.getBoundingClientRect();
  const offsetInMark = point ? { x: point.x - origin.left, y: point.y - origin.top } : null;
  const pointNow = () => {
    if (!offsetInMark) return {};
    const rect = anchor.getBoundingClientRect();
    return { x: rect.left + offsetInMark.x, y: rect.top + offsetInMark.y };
  };
  const update = async () => {
    if (stopped) return;
    if (!isConnected(anchor)) {
      onDetached();
      return;
    }
    const { x, y, middlewareData } = await computePosition(reference, host, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        inline(pointNow),
        offset(GAP),
        flip({ padding: VIEWPORT_PADDING }),
        shift({ padding: VIEWPORT_PADDING }),
        size({
          padding: VIEWPORT_PADDING,
          apply({ availableHeight }) {
            card.style.setProperty('max-height', `${Math.max(160, Math.min(MAX_HEIGHT, availableHeight))}px`);
          },
        }),
        hide({ strategy: 'referenceHidden' }),
      ],
    });
    if (stopped) return;
    // CSSOM properties, not a style attribute: a page's CSP may forbid the latter.
    host.style.setProperty('left', `${Math.round(x)}px`, 'important');
    host.style.setProperty('top', `${Math.round(y)}px`, 'important');
    const hidden = middlewareData.hide?.referenceHidden === true && mayHide();
    host.style.setProperty('visibility', hidden ? 'hidden' : 'visible', 'important');
  };
  const cleanup = autoUpdate(reference, host, () => void update());
  return () => {
    stopped = true;
    cleanup();
  };
}
