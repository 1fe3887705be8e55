// @vitest-environment happy-dom
// The painter adds a block's ranges to the page's highlights a slice at a time, where adding them
// is slow (Firefox, a block of very many inline elements), and lets the page run between slices.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Mention } from '../../../src/match';
import { createPainter, PAINT_SLICE_MS, type PaintApi } from '../../../src/content/paint';
import type { TextBlock } from '../../../src/content/text-blocks';
import { standInPaint } from '../support/stand-in-paint';

/** A block of one text node per word, every tenth naming Kursk, and a mention of each Kursk. */
function kurskBlock(words: number): { block: TextBlock; mentions: Mention[] } {
  const block: TextBlock = { nodes: [], starts: [], text: '', container: document.body };
  const mentions: Mention[] = [];
  document.body.replaceChildren();
  for (let index = 0; index < words; index++) {
    const word = index % 10 === 0 ? 'Kursk ' : `w${index} `;
    const node = document.createTextNode(word);
    document.body.append(node);
    block.nodes.push(node);
    block.starts.push(block.text.length);
    if (word === 'Kursk ') mentions.push({ start: block.text.length, end: block.text.length + 5, entityId: 'kursk', category: 'place', short: false });
    block.text += word;
  }
  return { block, mentions };
}

/** The stand-in's highlights, where adding a range takes `msEach` of the page's clock. */
function slowPaint(msEach: number) {
  const paint = standInPaint();
  let clock = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
  const Highlight = class extends Set<Range> {
    override add(range: Range) {
      clock += msEach;
      return super.add(range);
    }
  };
  const api = { registry: paint.registry, Highlight } as unknown as PaintApi;
  return { ranges: paint.ranges, registry: paint.registry, painter: createPainter(document, api) };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('painter', () => {
  it('paints every mention at once where adding ranges is quick', () => {
    vi.useFakeTimers();
    const { painter, ranges } = slowPaint(0.01);
    const { block, mentions } = kurskBlock(1_000);
    const painted = painter.paint(block, mentions);
    expect(painted).toHaveLength(100);
    expect(ranges()).toHaveLength(100);
    expect(ranges().every((range) => range.toString() === 'Kursk')).toBe(true);
  });

  it('adds ranges a slice at a time where each is slow, the page running between slices', () => {
    vi.useFakeTimers();
    const { painter, ranges } = slowPaint(1);
    const { block, mentions } = kurskBlock(1_000);
    const painted = painter.paint(block, mentions);
    // Every mention has its range at once (for the card); the highlights get them in slices.
    expect(painted.map(({ range }) => range.toString())).toEqual(Array(100).fill('Kursk'));
    const slices = [ranges().length];
    while (vi.getTimerCount() > 0) {
      const before = ranges().length;
      vi.advanceTimersToNextTimer();
      slices.push(ranges().length - before);
    }
    expect(slices.every((count) => count >= 1 && count <= PAINT_SLICE_MS + 1)).toBe(true);
    expect(slices.length).toBeGreaterThan(5);
    expect(new Set(ranges())).toEqual(new Set(painted.map(({ range }) => range)));
  });

  it('never adds a range erased while it waited, nor any once cleared', () => {
    vi.useFakeTimers();
    const { painter, ranges, registry } = slowPaint(1);
    const first = kurskBlock(1_000);
    const painted = painter.paint(first.block, first.mentions);
    const added = ranges().length;
    expect(added).toBeLessThan(100);
    // The last twenty wait; they are erased, and so are the first, already added.
    painter.erase([...painted.slice(0, added), ...painted.slice(80)]);
    vi.runAllTimers();
    expect(new Set(ranges())).toEqual(new Set(painted.slice(added, 80).map(({ range }) => range)));
    painter.paint(first.block, first.mentions);
    painter.clear();
    vi.runAllTimers();
    expect(registry.size).toBe(0);
  });
});
