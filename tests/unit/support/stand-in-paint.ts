// Stands in for the page's CSS.highlights and Highlight, for the annotator's paintApi: each
// highlight is a set of ranges, and a test reads what is painted where.
import type { PaintApi } from '../../../src/content/paint';

export interface StandInPaint {
  api: PaintApi;
  registry: Map<string, Set<Range>>;
  /** Every range painted, of every highlight. */
  ranges(): Range[];
  /** What is painted inside the element, as "category:text", in document order. */
  paintedIn(element: Element): string[];
}

export function standInPaint(): StandInPaint {
  const registry = new Map<string, Set<Range>>();
  const Highlight = class extends Set<Range> {};
  const ranges = () => [...registry.values()].flatMap((highlight) => [...highlight]);
  return {
    api: { registry, Highlight } as unknown as PaintApi,
    registry,
    ranges,
    paintedIn: (element) =>
      [...registry]
        .flatMap(([name, painted]) => [...painted].map((range) => ({ range, label: `${name.replace('backstory-', '')}:${range.toString()}` })))
        .filter(({ range }) => element.contains(range.startContainer))
        .sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range))
        .map(({ label }) => label),
  };
}
