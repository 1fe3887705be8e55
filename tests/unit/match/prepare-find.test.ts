// A pack of thousands of aliases gets find() ready a step at a time, so that a page can run
// between steps, and finds then exactly what it finds when made ready all at once.
import { describe, expect, it } from 'vitest';
import { compileMatcher, preparePretest } from '../../../src/match';
import type { Entity } from '../../../src/story/schema';
import { FIXTURE_ENTITIES, packOf } from './fixture-pack';

const SURNAMES = ['Karov', 'Lomin', 'Radev', 'Vesko', 'Dorin'];

/** The fixture's entities and 3 000 invented people, each with a full name and a surname. */
function bigPack() {
  const people = Array.from(
    { length: 3_000 },
    (_, index): Entity => ({
      id: `person-${index}`,
      category: 'person',
      name: `Person ${index}`,
      role: 'Invented for a test',
      background: [],
      quotes: [],
      related: [],
      aliases: [
        { text: `Anton ${SURNAMES[index % 5]}${index}`, lang: 'en' },
        { text: `${SURNAMES[index % 5]}${index}`, lang: 'en', short: true },
      ],
    }),
  );
  return packOf([...FIXTURE_ENTITIES, ...people]);
}

const TEXT = 'Li Qiang met Anton Karov0 and Anton Dorin2999 in Moscow; Karov0 spoke first. Trade between China and Russia grew 1.6% this year.';

function stepsOf(steps: Iterator<void>): number {
  let count = 0;
  while (!steps.next().done) count += 1;
  return count;
}

describe('prepareFind', () => {
  it('gets a big pack ready in many steps, and then finds what a pack made ready at once finds', () => {
    const atOnce = compileMatcher(bigPack()).find(TEXT);
    expect(atOnce.map((mention) => TEXT.slice(mention.start, mention.end))).toEqual(
      expect.arrayContaining(['Li Qiang', 'Anton Karov0', 'Anton Dorin2999', 'Moscow', 'Karov0', '1.6%']),
    );
    const stepped = compileMatcher(bigPack());
    expect(stepsOf(stepped.prepareFind())).toBeGreaterThanOrEqual(10);
    expect(stepped.find(TEXT)).toEqual(atOnce);
    // Once ready, there is nothing left to do.
    expect(stepsOf(stepped.prepareFind())).toBe(0);
    // With its pre-test prepared ahead (an imported pack's), reading the aliases is stepped too.
    const prepared = compileMatcher(bigPack(), preparePretest(bigPack()));
    expect(stepsOf(prepared.prepareFind())).toBeGreaterThanOrEqual(20);
    expect(prepared.find(TEXT)).toEqual(atOnce);
  });

  it('finishes what is left when find() comes before the last step', () => {
    const atOnce = compileMatcher(bigPack()).find(TEXT);
    const total = stepsOf(compileMatcher(bigPack()).prepareFind());
    // Early, while the trie is built, and in the last steps, where the filter's RegExp is.
    for (const taken of [3, total - 4, total - 2, total - 1]) {
      const interrupted = compileMatcher(bigPack());
      const steps = interrupted.prepareFind();
      for (let step = 0; step < taken; step++) steps.next();
      expect(interrupted.find(TEXT), `after ${taken} of ${total} steps`).toEqual(atOnce);
      // The steps begun before carry on from where find() left them: done.
      expect(steps.next().done).toBe(true);
      expect(interrupted.find(TEXT)).toEqual(atOnce);
    }
  });
});
