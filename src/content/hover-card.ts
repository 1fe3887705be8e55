// The hover card: shows a mention's backstory beside its mark on hover intent or focus, keeps it
// while the pointer or focus is on the mark or the card, and moves between mentions. A painted
// mention (see paint.ts) has no mark: the annotator tells where the pointer meets one (pointed),
// and its card stands beside the painted text.
//
// One card per frame at most. It lives in the open shadow root of a <backstory-card> element
// appended to <html> while it shows, and is shown in the top layer as a manual popover where the
// browser has popovers, so page stacking contexts and transforms on <html> cannot cover or
// displace it. Page events are watched by delegation on the window, in the capture phase, so
// marks added later work too and a page that stops propagation does not break the card.
//
// The shadow root is open: it isolates styles, which is what the card needs; a closed root would
// hide nothing from a page that can already see its own text and remove or cover any element,
// while an open one stays inspectable by assistive and testing tools.
//
// Accessibility (WCAG 2.1 SC 1.4.13): the card is hoverable (the pointer can move onto it),
// persistent (it stays while the pointer or focus is on the mark or the card) and dismissible
// (Esc, which also returns focus to the mark). It is a non-modal dialog, not a tooltip, because it
// holds buttons; the mark it describes points at its host with aria-describedby.
import type { StoryPack, Entity } from '../story/schema';
import { applyCardStyles } from './card/card-styles';
import { followAnchor, isConnected, type AnchorPoint } from './card/card-position';
import { browserCardText } from './card/card-text';
import { buildCardView, type CardAction, type CardText, type RelatedEntity } from './card/card-view';
import type { Mention } from '../match';
import type { PointedMention } from './annotator';
import type { MarkedMention } from './highlight';
import type { PaintedMention } from './paint';
import { isElement } from './dom';
import { MARK_CLASS } from './text-blocks';

export interface HoverCardOptions {
  doc: Document;
  pack: StoryPack;
  /**
   * The page's mentions in document order, as the annotator holds them now; those whose marks are
   * not written yet have none.
   */
  mentions: () => readonly MarkedMention[];
  /** The mention with its marks, written now if need be; null if it is gone. */
  written: (mention: MarkedMention) => MarkedMention | null;
  /** Milliseconds of hover intent before a card shows. */
  hoverDelay: () => number;
  signal: AbortSignal;
}

export interface HoverCards {
  /** Moves focus to the next (1) or previous (-1) mention after the focused one or the viewport, and shows its card; false when there is none. */
  moveFocus(direction: 1 | -1): boolean;
  hide(): void;
  /**
   * Call after the set of mentions changed: makes new marks focusable and updates or closes the
   * card whose mark changed. Cheap to call often: the work is batched.
   */
  refresh(): void;
  /**
   * The pointer came onto a painted mention (see paint.ts), or left the one it was on (null): its
   * card shows beside the painted text, as a mark's does on hover, or at once where pressed.
   */
  pointed(pointed: PointedMention | null): void;
}

export const CARD_TAG = 'backstory-card';
/** How long the card stays after the pointer and focus left it and its mark. */
export const HIDE_GRACE_MS = 300;
const REFRESH_BATCH_MS = 150;
const MARK_SELECTOR = `mark.${MARK_CLASS}`;

/** What a card is placed next to: a mark, or the range of a painted mention (see paint.ts). */
type Anchor = HTMLElement | Range;

interface Shown {
  mention: MarkedMention;
  /** Where the mention stood among its entity's when the card was built: "2 of 3". */
  position: string;
  /** What the card is placed next to; a mark is also what aria-describedby points from. */
  anchor: Anchor;
  card: HTMLElement;
  allQuotes: boolean;
  point: AnchorPoint | undefined;
  stopFollowing: () => void;
}

interface CardHost {
  host: HTMLElement;
  root: ShadowRoot;
}

/** The anchor if it is a mark (not a painted mention's range). */
function markOf(anchor: Anchor): HTMLElement | null {
  return isElement(anchor) ? anchor : null;
}

/** The mark at or around node, within node's own tree. */
function closestMark(node: EventTarget | undefined | null): HTMLElement | null {
  if (typeof node !== 'object' || node === null) return null;
  const element = isElement(node) ? node : (node as Node).parentElement;
  return (element?.closest(MARK_SELECTOR) as HTMLElement | null) ?? null;
}

/** The focused element, looking inside open shadow roots. */
function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function sameMention(a: { mention: Mention }, b: { mention: Mention }): boolean {
  return a.mention === b.mention;
}

export function createHoverCards(options: HoverCardOptions): HoverCards {
  const { doc, pack, signal } = options;
  const view = doc.defaultView!;
  const entities = new Map<string, Entity>(pack.entities.map((entity) => [entity.id, entity]));
  let text: CardText | null = null;
  let cardHost: CardHost | null = null;
  let shown: Shown | null = null;
  /** The pointer is over the shown mention's marks or the card. */
  let hovered = false;
  /** Focus is on the shown mention's mark or inside the card. */
  let focused = false;
  let showTimer: number | undefined;
  let hideTimer: number | undefined;
  let refreshTimer: number | undefined;
  /** The mark or painted mention waiting out its hover delay. */
  let pending: Anchor | null = null;
  /** The painted mention the pointer is on, as the annotator last told (see pointed). */
  let pointedNow: PaintedMention | null = null;
  /** The pointer is over the card (the annotator tells of painted mentions a frame late). */
  let overCard = false;
  /** Closed with Esc: not shown again until the pointer and focus have left it. */
  let dismissed: MarkedMention | null = null;
  /** Set while this module moves focus itself, so that focusin does not act on it twice. */
  let movingFocus = false;
  let markIndex = new WeakMap<Element, MarkedMention>();
  /** Marks given tabindex here, to take it back when switched off. */
  const madeFocusable = new Set<HTMLElement>();

  const reducedMotion = () => view.matchMedia('(prefers-reduced-motion: reduce)').matches;

  function mentionOf(mark: Element): MarkedMention | null {
    if (!mark.isConnected) return null;
    const known = markIndex.get(mark);
    if (known) return known;
    markIndex = new WeakMap();
    for (const mention of options.mentions()) for (const each of mention.marks) markIndex.set(each, mention);
    return markIndex.get(mark) ?? null;
  }

  function ensureFocusable(mark: HTMLElement): void {
    if (mark.hasAttribute('tabindex')) return;
    mark.tabIndex = -1;
    madeFocusable.add(mark);
  }

  function getCardHost(): CardHost {
    if (cardHost) return cardHost;
    const host = doc.createElement(CARD_TAG);
    host.id = `${CARD_TAG}-${Math.random().toString(36).slice(2, 10)}`;
    host.setAttribute('role', 'dialog');
    const root = host.attachShadow({ mode: 'open' });
    applyCardStyles(root);
    root.addEventListener('click', onCardClick, { signal });
    cardHost = { host, root };
    return cardHost;
  }

  function isInCard(path: readonly EventTarget[]): boolean {
    return cardHost !== null && path.includes(cardHost.host);
  }

  function isFocusOn(mention: MarkedMention): boolean {
    const active = deepActiveElement(doc);
    if (!active) return false;
    if (cardHost && (active === cardHost.host || active.getRootNode() === cardHost.root)) return true;
    return mention.marks.includes(active as HTMLElement);
  }

  function cancelShow(): void {
    view.clearTimeout(showTimer);
    showTimer = undefined;
    pending = null;
  }

  function cancelHide(): void {
    view.clearTimeout(hideTimer);
    hideTimer = undefined;
  }

  function hideWhenLeft(): void {
    if (!shown || hovered || focused || hideTimer !== undefined) return;
    hideTimer = view.setTimeout(() => {
      hideTimer = undefined;
      // A card waiting out its hover delay for another mark still shows.
      if (!hovered && !focused) hideNow({ keepPending: true });
    }, HIDE_GRACE_MS);
  }

  function setHovered(value: boolean): void {
    hovered = value;
    if (value) cancelHide();
    else hideWhenLeft();
  }

  function setFocused(value: boolean): void {
    focused = value;
    if (value) cancelHide();
    else hideWhenLeft();
  }

  /** The entity's mentions on the page in document order, and where this one stands. */
  function siblingsOf(mention: MarkedMention): { list: MarkedMention[]; index: number } {
    const list = options.mentions().filter((each) => each.mention.entityId === mention.mention.entityId);
    return { list, index: list.findIndex((each) => sameMention(each, mention)) };
  }

  /** Builds the card for shown's mention, keeping focus on the control that had it. */
  function render(state: Shown): boolean {
    const entity = entities.get(state.mention.mention.entityId);
    const { list, index } = siblingsOf(state.mention);
    if (!entity || index < 0) return false;
    const { host, root } = getCardHost();
    const related: RelatedEntity[] = [];
    for (const id of entity.related) {
      const other = entities.get(id);
      if (other) related.push({ id, name: other.name, category: other.category });
    }
    const words = cardText();
    const card = buildCardView(
      doc,
      {
        entity,
        story: pack.story,
        related,
        pageFigure: state.mention.mention.value,
        position: { index, count: list.length },
        allQuotes: state.allQuotes,
      },
      words,
    );
    // A painted mention is on a page where each frame costs the most (see the annotator's
    // paintApi): there the card appears without the two frames its entry animation adds.
    if (!state.card.isConnected && markOf(state.anchor)) card.classList.add('entering');
    state.position = `${index}/${list.length}`;
    const active = root.activeElement as HTMLElement | null;
    const focusedAction = active?.dataset.action;
    if (state.card.isConnected) state.card.replaceWith(card);
    else root.append(card);
    state.card = card;
    host.setAttribute('aria-label', words.message('cardLabel', [entity.name]) || entity.name);
    if (focusedAction) root.querySelector<HTMLElement>(`[data-action="${focusedAction}"]`)?.focus({ preventScroll: true });
    state.stopFollowing();
    state.stopFollowing = followAnchor(state.anchor, host, card, {
      point: state.point,
      onDetached: () => hideNow({ keepPending: true }),
      mayHide: () => root.activeElement === null,
    });
    return true;
  }

  function describe(mark: HTMLElement | null, previous: HTMLElement | null): void {
    const id = cardHost?.host.id;
    if (previous && previous !== mark && previous.getAttribute('aria-describedby') === id) {
      previous.removeAttribute('aria-describedby');
    }
    if (mark && id) mark.setAttribute('aria-describedby', id);
  }

  function show(mention: MarkedMention, anchor: Anchor, point?: AnchorPoint): void {
    cancelShow();
    cancelHide();
    dismissed = null;
    if (shown && sameMention(shown.mention, mention)) return;
    hideNow({ keepPending: true });
    const { host, root } = getCardHost();
    const state: Shown = {
      mention,
      position: '',
      anchor,
      card: root.ownerDocument.createElement('div'),
      allQuotes: false,
      point,
      stopFollowing: () => undefined,
    };
    doc.documentElement.append(host);
    if (!render(state)) {
      host.remove();
      return;
    }
    shown = state;
    const mark = markOf(anchor);
    if (mark) ensureFocusable(mark);
    describe(mark, null);
    showInTopLayer(host);
    hovered = false;
    focused = isFocusOn(mention);
  }

  function showInTopLayer(host: HTMLElement): void {
    if (typeof host.showPopover !== 'function') return;
    try {
      host.setAttribute('popover', 'manual');
      host.showPopover();
    } catch {
      // Without the top layer, the host's z-index keeps it above the page.
      host.removeAttribute('popover');
    }
  }

  function hideNow({ keepPending = false } = {}): void {
    if (!keepPending) cancelShow();
    cancelHide();
    hovered = false;
    focused = false;
    if (!shown) return;
    const state = shown;
    shown = null;
    state.stopFollowing();
    describe(null, markOf(state.anchor));
    cardHost?.host.remove();
    state.card.remove();
  }

  /** Moves the shown card to another mention of the same entity. */
  function step(direction: 1 | -1): void {
    if (!shown) return;
    const { list, index } = siblingsOf(shown.mention);
    if (list.length < 2 || index < 0) return;
    const target = options.written(list[(index + direction + list.length) % list.length]!);
    const mark = target?.marks[0];
    if (!target || !mark) {
      hideNow();
      return;
    }
    const previous = markOf(shown.anchor);
    shown.mention = target;
    shown.anchor = mark;
    shown.point = undefined;
    shown.allQuotes = false;
    ensureFocusable(mark);
    describe(mark, previous);
    scrollToMark(mark);
    if (!render(shown)) hideNow();
  }

  /** Scrolls the mark to the middle of the viewport, unless it is well inside it already. */
  function scrollToMark(mark: HTMLElement): void {
    const rect = mark.getBoundingClientRect();
    const height = view.innerHeight;
    const wellInside =
      rect.top >= height * 0.15 && rect.bottom <= height * 0.85 && rect.left >= 0 && rect.right <= view.innerWidth;
    if (wellInside) return;
    mark.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
  }

  function focusMark(mark: HTMLElement): void {
    ensureFocusable(mark);
    movingFocus = true;
    try {
      mark.focus({ preventScroll: true });
    } finally {
      movingFocus = false;
    }
  }

  function onCardClick(event: Event): void {
    const control = (event.target as Element | null)?.closest?.('[data-action]') as HTMLElement | null;
    if (!control || !shown) return;
    const action = control.dataset.action as CardAction;
    if (action === 'previous' || action === 'next') step(action === 'next' ? 1 : -1);
    else if (action === 'more-quotes') {
      const hadFocus = cardHost?.root.activeElement === control;
      const before = shown.card.querySelectorAll('.quote').length;
      shown.allQuotes = true;
      render(shown);
      // The button is gone: give focus to the first sentence it revealed, for keyboard users.
      const revealed = shown.card.querySelectorAll<HTMLElement>('.quote')[before];
      if (hadFocus && revealed) {
        revealed.tabIndex = -1;
        revealed.focus({ preventScroll: true });
      }
    }
  }

  /**
   * While the first hover delay runs: the browser's first date format on a page loads its locale
   * data (30–50 ms), which would otherwise fall in the task that shows the card.
   */
  function warmUp(): void {
    // Read already: a card showed, or the warm-up ran.
    if (text) return;
    const words = cardText();
    view.requestIdleCallback?.(() => words.date(pack.story.date), { timeout: 1_000 });
  }

  /** The card's words, read from the browser once. */
  function cardText(): CardText {
    return (text ??= browserCardText());
  }

  /** Shows the mention beside anchor once the pointer has rested there for the hover delay. */
  function showAfterDelay(anchor: Anchor, point: AnchorPoint, mentionNow: () => MarkedMention | null): void {
    if (pending === anchor) return;
    cancelShow();
    pending = anchor;
    warmUp();
    showTimer = view.setTimeout(() => {
      showTimer = undefined;
      pending = null;
      const mention = mentionNow();
      if (!mention) return;
      show(mention, anchor, point);
      hovered = true;
    }, Math.max(0, options.hoverDelay()));
  }

  function onPointerOver(event: MouseEvent): void {
    const path = event.composedPath();
    overCard = isInCard(path);
    if (overCard) {
      setHovered(true);
      return;
    }
    const mark = closestMark(path[0]);
    // Over a painted mention, the pointer crosses the page's own elements: what it is on is
    // told by pointed().
    if (!mark && pointedNow) return;
    if (mark && shown?.mention.marks.includes(mark)) {
      setHovered(true);
      return;
    }
    setHovered(false);
    if (dismissed && !(mark && dismissed.marks.includes(mark))) dismissed = null;
    if (!mark) {
      cancelShow();
      return;
    }
    if (dismissed) return;
    showAfterDelay(mark, { x: event.clientX, y: event.clientY }, () => mentionOf(mark));
  }

  function pointed(pointed: PointedMention | null): void {
    const before = pointedNow;
    pointedNow = pointed;
    if (!pointed) {
      if (!before) return;
      if (pending === before.range) cancelShow();
      if (dismissed && sameMention(dismissed, before)) dismissed = null;
      if (shown && sameMention(shown.mention, before) && !overCard) setHovered(false);
      return;
    }
    const { range, x, y, press } = pointed;
    if (shown && sameMention(shown.mention, pointed)) {
      setHovered(true);
      return;
    }
    const mention: MarkedMention = { mention: pointed.mention, marks: [] };
    if (press) {
      // A tap has no hover before it.
      dismissed = null;
      show(mention, range, { x, y });
      hovered = true;
      return;
    }
    setHovered(false);
    if (dismissed && !sameMention(dismissed, mention)) dismissed = null;
    if (dismissed) return;
    showAfterDelay(range, { x, y }, () => mention);
  }

  function onPointerOut(event: MouseEvent): void {
    // Leaving the window: no mouseover follows.
    if (event.relatedTarget === null) {
      overCard = false;
      cancelShow();
      setHovered(false);
    }
  }

  function onPointerDown(event: PointerEvent): void {
    // Focusable before the press focuses it, for marks that appeared since the last refresh.
    const mark = closestMark(event.composedPath()[0]);
    if (mark) ensureFocusable(mark);
  }

  function onClick(event: MouseEvent): void {
    // A click or tap opens the card at once: touch screens have no hover.
    const path = event.composedPath();
    if (isInCard(path)) return;
    const mark = closestMark(path[0]);
    const mention = mark && mentionOf(mark);
    if (!mark || !mention) return;
    if (!shown || !sameMention(shown.mention, mention)) show(mention, mark, { x: event.clientX, y: event.clientY });
    hovered = true;
    focused = isFocusOn(mention);
  }

  function onFocusIn(event: FocusEvent): void {
    if (movingFocus) return;
    const path = event.composedPath();
    if (isInCard(path)) {
      setFocused(true);
      return;
    }
    const mark = closestMark(path[0]);
    const mention = mark && mentionOf(mark);
    if (mark && mention) {
      if (shown && sameMention(shown.mention, mention)) {
        setFocused(true);
        return;
      }
      if (dismissed && sameMention(dismissed, mention)) return;
      show(mention, mark);
      focused = true;
      return;
    }
    dismissed = null;
    setFocused(false);
  }

  function onFocusOut(event: FocusEvent): void {
    // Focus going nowhere (the window lost it, or a click on plain text): no focusin follows.
    if (event.relatedTarget === null) setFocused(false);
  }

  function cardControls(): HTMLElement[] {
    return shown ? [...shown.card.querySelectorAll<HTMLElement>('button')] : [];
  }

  function onKeyDown(event: KeyboardEvent): void {
    // Esc during an IME composition cancels the composition, not the card.
    if (!shown || event.defaultPrevented || event.isComposing) return;
    const path = event.composedPath();
    const inCard = isInCard(path);
    const state = shown;
    if (event.key === 'Escape') {
      const wasFocused = inCard || isFocusOn(state.mention);
      hideNow();
      dismissed = state.mention;
      const mark = markOf(state.anchor);
      if (wasFocused && mark) focusMark(mark);
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
    // Tab from the focused mark enters the card; Shift+Tab from its first control goes back; Tab
    // past its last control goes on through the page from the mark.
    // A painted mention has no mark to go back to: Tab goes on through the card and the page.
    const controls = cardControls();
    const target = path[0];
    const mark = markOf(state.anchor);
    if (controls.length === 0) return;
    if (!event.shiftKey && state.mention.marks.includes(target as HTMLElement)) {
      event.preventDefault();
      controls[0]!.focus({ preventScroll: true });
    } else if (inCard && event.shiftKey && target === controls[0] && mark) {
      event.preventDefault();
      focusMark(mark);
    } else if (inCard && !event.shiftKey && target === controls.at(-1) && mark) {
      focusMark(mark);
    }
  }

  /** The mention with focus (on its mark, or in its card), if any. */
  function focusedMention(): MarkedMention | null {
    if (shown && isFocusOn(shown.mention)) return shown.mention;
    const active = deepActiveElement(doc);
    const mark = closestMark(active);
    return mark ? mentionOf(mark) : null;
  }

  /** Whether the mention has a mark on the page that takes up room. */
  function rendered(mention: MarkedMention): boolean {
    const mark = mention.marks[0];
    return mark !== undefined && mark.isConnected && mark.getClientRects().length > 0;
  }

  /**
   * Where keyboard navigation starts when no mention has focus: the first mention at or below the
   * top of the viewport (1), or the last one at or above its bottom (-1); -1 when there is none.
   * A mention without marks yet counts from where the written ones around it stand.
   */
  function startFromViewport(list: readonly MarkedMention[], direction: 1 | -1): number {
    const unwritten = (mention: MarkedMention) => mention.marks.length === 0;
    if (direction === 1) {
      const written = list.findIndex((mention) => rendered(mention) && mention.marks[0]!.getBoundingClientRect().top >= 0);
      const lastAbove = list.findLastIndex((mention) => rendered(mention) && mention.marks[0]!.getBoundingClientRect().top < 0);
      const waiting = list.findIndex((mention, index) => index > lastAbove && unwritten(mention));
      if (written < 0 || waiting < 0) return Math.max(written, waiting);
      return Math.min(written, waiting);
    }
    const height = view.innerHeight;
    const written = list.findLastIndex((mention) => rendered(mention) && mention.marks[0]!.getBoundingClientRect().bottom <= height);
    let firstBelow = list.findIndex((mention) => rendered(mention) && mention.marks[0]!.getBoundingClientRect().bottom > height);
    if (firstBelow < 0) firstBelow = list.length;
    const waiting = list.findLastIndex((mention, index) => index < firstBelow && unwritten(mention));
    return Math.max(written, waiting);
  }

  function moveFocus(direction: 1 | -1): boolean {
    const list = options.mentions();
    if (list.length === 0) return false;
    const current = focusedMention();
    const start = current ? list.findIndex((mention) => sameMention(mention, current)) + direction : startFromViewport(list, direction);
    for (let index = start; index >= 0 && index < list.length; index += direction) {
      const listed = list[index]!;
      const target = listed.marks.length > 0 ? listed : options.written(listed);
      if (!target || !rendered(target)) continue;
      const mark = target.marks[0]!;
      focusMark(mark);
      scrollToMark(mark);
      dismissed = null;
      show(target, mark);
      focused = isFocusOn(target);
      return true;
    }
    return false;
  }

  function refresh(): void {
    if (refreshTimer !== undefined || signal.aborted) return;
    refreshTimer = view.setTimeout(() => {
      refreshTimer = undefined;
      markIndex = new WeakMap();
      for (const mark of madeFocusable) if (!mark.isConnected) madeFocusable.delete(mark);
      if (!shown) return;
      const { list, index } = siblingsOf(shown.mention);
      if (!isConnected(shown.anchor) || index < 0) hideNow({ keepPending: true });
      else if (`${index}/${list.length}` !== shown.position) render(shown);
    }, REFRESH_BATCH_MS);
  }

  const listen = <K extends keyof WindowEventMap>(type: K, listener: (event: WindowEventMap[K]) => void) =>
    view.addEventListener(type, listener as EventListener, { capture: true, signal });
  listen('mouseover', onPointerOver);
  listen('mouseout', onPointerOut);
  listen('pointerdown', onPointerDown);
  listen('click', onClick);
  listen('focusin', onFocusIn);
  listen('focusout', onFocusOut);
  listen('keydown', onKeyDown);

  signal.addEventListener(
    'abort',
    () => {
      hideNow();
      view.clearTimeout(refreshTimer);
      cardHost = null;
      for (const mark of madeFocusable) if (mark.getAttribute('tabindex') === '-1') mark.removeAttribute('tabindex');
      madeFocusable.clear();
    },
    { once: true },
  );
  if (!signal.aborted) refresh();

  return { moveFocus, hide: () => hideNow(), refresh, pointed };
}
