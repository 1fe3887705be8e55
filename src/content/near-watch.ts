// Watches elements for coming near the viewport, for marks written (or mentions painted) as the
// reader comes near them. An IntersectionObserver works out every element it watches again in each
// frame where anything it watches was added, or where the page scrolled or moved: about 2.7 µs an
// element here, so 17 000 paragraphs watched one by one cost 45 ms in every such frame. Boxes are
// watched through their parent instead (the article, the section), and one by one only while that
// parent is near: on a page of 24 000 paragraphs, the parents are a fifth as many, and the boxes
// watched one by one are those of the parents near the reader.

import { SHOW_TEXT } from './dom';

export interface NearWatch {
  /** Starts watching box (again a no-op while it is watched). */
  add(box: Element): void;
  /** Stops watching box. */
  remove(box: Element): void;
  /** Whether box is near, as far as the observer has told (false until it has). */
  isNear(box: Element): boolean;
  disconnect(): void;
}

/**
 * Whether the element's text is laid out (display: contents, not display: none), by its first
 * text that is not white space (white space alone may be laid out as nothing).
 */
function showsText(element: Element): boolean {
  const doc = element.ownerDocument;
  const walker = doc.createTreeWalker(element, SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/\S/.test((node as Text).data)) continue;
    const range = doc.createRange();
    range.selectNodeContents(node);
    return range.getClientRects().length > 0;
  }
  return false;
}

/** What the observer last told of an element. */
interface Seen {
  intersecting: boolean;
  /** Without a box of its own: display: contents, or display: none here or above. */
  boxless: boolean;
  /** For a box without one: whether its text shows (see showsText), once asked. */
  shows?: boolean;
}

/**
 * Whether a box is near, from what the observer told of it. One without a box of its own never
 * comes near: with display: contents its text shows all the same, and is written now; hidden, it
 * waits, and the observer tells when it shows.
 */
function isNearBox(box: Element, seen: Seen): boolean {
  // Asked again for each block added to a box already told of: the layout is read once.
  return seen.intersecting || (seen.boxless && (seen.shows ??= showsText(box)));
}

/**
 * onBoxes is told of each watched box that came near or went away (not of the parents). groupOf
 * gives the element a box is watched through, or null to watch it on its own (where its parent is
 * the body, which is always near).
 */
export function watchNear(
  Observer: typeof IntersectionObserver,
  rootMargin: string,
  onBoxes: (changes: ReadonlyArray<readonly [box: Element, near: boolean]>) => void,
  groupOf: (box: Element) => Element | null,
): NearWatch {
  /** The boxes watched, and the element each is watched through (null: on its own). */
  const boxes = new Map<Element, Element | null>();
  /** The boxes by the element they are watched through. */
  const groups = new Map<Element, Set<Element>>();
  /** The groups near the viewport: their boxes are watched one by one. */
  const open = new Set<Element>();
  /** What the observer watches, with what it last told of each (undefined until it has). */
  const observed = new Map<Element, Seen | undefined>();
  let observer: IntersectionObserver | null = null;

  const watchedAlone = (box: Element): boolean => {
    const group = boxes.get(box);
    return group === null || (group !== undefined && open.has(group));
  };

  /** Observes the element while it is a group or a box watched alone, and only then. */
  const sync = (element: Element): void => {
    const wanted = groups.has(element) || (boxes.has(element) && watchedAlone(element));
    if (wanted === observed.has(element)) return;
    observer ??= new Observer(onEntries, { rootMargin });
    if (wanted) {
      observed.set(element, undefined);
      observer.observe(element);
    } else {
      observed.delete(element);
      observer.unobserve(element);
    }
  };

  function onEntries(entries: IntersectionObserverEntry[]): void {
    const changes: Array<readonly [Element, boolean]> = [];
    for (const { target, isIntersecting, boundingClientRect: box } of entries) {
      if (!observed.has(target)) continue;
      const flat = box.width === 0 || box.height === 0;
      const seen: Seen = { intersecting: isIntersecting, boxless: box.width === 0 && box.height === 0 };
      observed.set(target, seen);
      // A group with no height (its children floated or placed elsewhere) does not tell where
      // they are: its boxes are watched one by one.
      const members = groups.get(target);
      if (members && (isIntersecting || flat) !== open.has(target)) {
        const opening = !open.has(target);
        if (opening) open.add(target);
        else open.delete(target);
        for (const member of members) {
          sync(member);
          // Going away, its boxes count as away. Coming near, each is told of by the observer,
          // but one that is also a group was observed already, and what it told still holds.
          const told = observed.get(member);
          if (!opening) changes.push([member, false]);
          else if (told) changes.push([member, isNearBox(member, told)]);
        }
      }
      if (boxes.has(target) && watchedAlone(target)) changes.push([target, isNearBox(target, seen)]);
    }
    if (changes.length > 0) onBoxes(changes);
  }

  return {
    add(box) {
      if (boxes.has(box)) return;
      const group = groupOf(box);
      boxes.set(box, group);
      if (group) {
        let members = groups.get(group);
        if (!members) {
          groups.set(group, (members = new Set()));
          sync(group);
        }
        members.add(box);
      }
      sync(box);
    },
    remove(box) {
      if (!boxes.has(box)) return;
      const group = boxes.get(box)!;
      boxes.delete(box);
      sync(box);
      const members = group ? groups.get(group) : undefined;
      if (!members) return;
      members.delete(box);
      if (members.size > 0) return;
      groups.delete(group!);
      open.delete(group!);
      sync(group!);
    },
    isNear(box) {
      const seen = observed.get(box);
      return seen !== undefined && boxes.has(box) && watchedAlone(box) && isNearBox(box, seen);
    },
    disconnect() {
      observer?.disconnect();
      observer = null;
      boxes.clear();
      groups.clear();
      open.clear();
      observed.clear();
    },
  };
}
