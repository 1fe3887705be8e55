// Stands in for IntersectionObserver, for the annotator's viewportObserver: a test says which
// watched elements come near the viewport and when, in whatever state the page is then.

export class StandInViewport {
  readonly watched = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {}
  observe(target: Element): void {
    this.watched.add(target);
  }
  unobserve(target: Element): void {
    this.watched.delete(target);
  }
  disconnect(): void {
    this.watched.clear();
  }
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
  /** Reports every other watched element (every `every`th) near, or with near false away again. */
  report(near: boolean, every = 2): void {
    this.reportOn([...this.watched].filter((_, index) => index % every === 0), near);
  }
  /**
   * Reports these elements near or away; `boxless`: as elements with no box of their own, or
   * with a box of this size.
   */
  reportOn(targets: readonly Element[], near: boolean, boxless: boolean | { width: number; height: number } = false): void {
    if (targets.length === 0) return;
    const box = boxless === true ? { width: 0, height: 0 } : boxless || { width: 100, height: 20 };
    this.callback(
      targets.map((target) => ({ target, isIntersecting: near, boundingClientRect: box }) as unknown as IntersectionObserverEntry),
      this as unknown as IntersectionObserver,
    );
  }
}

/** A constructor to hand the annotator, and the observer it made last (null before it made one). */
export function standInViewport(): { Observer: typeof IntersectionObserver; current: () => StandInViewport | null } {
  let current: StandInViewport | null = null;
  const Observer = class extends StandInViewport {
    constructor(callback: IntersectionObserverCallback) {
      super(callback);
      current = this;
    }
  };
  return { Observer: Observer as unknown as typeof IntersectionObserver, current: () => current };
}
