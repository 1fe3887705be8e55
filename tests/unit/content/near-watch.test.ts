// @vitest-environment happy-dom
// Watching boxes through their parents: what the observer told of an element counts whichever
// way it is watched, a parent first watched for its children and later for its own text included.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchNear } from '../../../src/content/near-watch';
import { standInViewport } from '../support/stand-in-viewport';

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

function watching(html: string) {
  document.body.innerHTML = html;
  const viewport = standInViewport();
  const told: Array<[string, boolean]> = [];
  const watch = watchNear(
    viewport.Observer,
    '100% 0px',
    (changes) => {
      for (const [box, near] of changes) told.push([box.id, near]);
    },
    (box) => (box.parentElement === document.body ? null : box.parentElement),
  );
  const byId = (id: string) => document.getElementById(id)!;
  return { watch, told, byId, viewport: () => viewport.current()! };
}

describe('watchNear', () => {
  it('tells of a box near once its parent and then the box itself are reported near, and away with its parent', () => {
    const { watch, told, byId, viewport } = watching('<section id="s"><p id="a">one</p><p id="b">two</p></section>');
    watch.add(byId('a'));
    watch.add(byId('b'));
    expect([...viewport().watched]).toEqual([byId('s')]);
    viewport().reportOn([byId('s')], true);
    expect(told).toEqual([]);
    viewport().reportOn([byId('a')], true);
    expect(told).toEqual([['a', true]]);
    expect(watch.isNear(byId('a'))).toBe(true);
    viewport().reportOn([byId('s')], false);
    expect(told).toEqual([['a', true], ['a', false], ['b', false]]);
    expect(watch.isNear(byId('a'))).toBe(false);
    watch.remove(byId('a'));
    watch.remove(byId('b'));
    expect(viewport().watched.size).toBe(0);
  });

  it('counts what it was told of a parent without a box once the parent is watched for its own text', () => {
    const { watch, told, byId, viewport } = watching('<section id="s"><div id="d">own text <p id="b">inner</p></div></section>');
    // The div is watched for its paragraph first: it has no box of its own (display: contents).
    watch.add(byId('b'));
    viewport().reportOn([byId('d')], false, true);
    vi.spyOn(Range.prototype, 'getClientRects').mockReturnValue([{ width: 60, height: 20 }] as unknown as DOMRectList);
    // Then for its own text, once its section is near: its text shows, so it is near.
    watch.add(byId('d'));
    viewport().reportOn([byId('s')], true);
    expect(told).toContainEqual(['d', true]);
    expect(watch.isNear(byId('d'))).toBe(true);
  });
});
