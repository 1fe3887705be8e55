// A pack of thousands of aliases gets find() and its pre-test ready a step at a time, so that a
// page can run between steps, and finds then exactly what it finds when made ready all at once.
import { describe, expect, it } from 'vitest';
import { compileMatcher, preparePretest } from '../../../src/match';
import { FIXTURE_ENTITIES, inventedPerson, lettered, packOf } from './fixture-pack';

const SURNAMES = ['Karov', 'Lomin', 'Radev', 'Vesko', 'Dorin'];

/**
 * The fixture's entities and 3 000 invented people, each with a full name and a surname, which
 * ends in its index (in digits, a word of its own, unless `spell` writes it otherwise).
 */
function bigPack(spell: (index: number) => string = String) {
  const people = Array.from({ length: 3_000 }, (_, index) =>
    inventedPerson(index, [
      { text: `Anton ${SURNAMES[index % 5]}${spell(index)}`, lang: 'en' },
      { text: `${SURNAMES[index % 5]}${spell(index)}`, lang: 'en', short: true },
    ]),
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

describe('prepareSession', () => {
  /**
   * Texts the big pack's pre-test passes (a full name of the fixture's or of an invented person; a
   * Chinese name inside Chinese text, or right after a Latin letter; the two parties to trade, the
   * last words the pack gives it) or not (a surname alone; a short form). Its invented surnames are
   * 3 000 words, each of which the pre-test's RegExp looks for.
   */
  const PAGES = [
    TEXT, 'Anton Radevc spoke first.', '国务院总理李强抵达莫斯科。', 'Premier李强 arrived.', '俄中贸易',
    'Radevc spoke first.', '李总理抵达。', 'The harbour was closed.',
  ];
  const passed = (matcher: { pretestSession(): { add(text: string): boolean } }) => PAGES.map((page) => matcher.pretestSession().add(page));
  /** An imported pack's matcher: its pre-test read back as stored. */
  const imported = () => compileMatcher(bigPack(lettered), preparePretest(bigPack(lettered)));

  it("gets a big pack's pre-test ready in many steps, and then passes the pages it passes when made at once", () => {
    const atOnce = passed(imported());
    expect(atOnce).toEqual([true, true, true, true, true, false, false, false]);
    const stepped = imported();
    expect(stepsOf(stepped.prepareSession())).toBeGreaterThanOrEqual(10);
    expect(passed(stepped)).toEqual(atOnce);
    expect(stepsOf(stepped.prepareSession())).toBe(0);
    // A pack whose pre-test is worked out from its aliases: the same.
    const fromAliases = compileMatcher(bigPack(lettered));
    expect(stepsOf(fromAliases.prepareSession())).toBeGreaterThanOrEqual(10);
    expect(passed(fromAliases)).toEqual(atOnce);
  });

  it('passes the same pages when a session is made before the last step, and after the steps left', () => {
    const atOnce = passed(imported());
    const total = stepsOf(imported().prepareSession());
    // While the RegExp's forms are read, and while it is compiled.
    for (const taken of [2, total - 6, total - 2]) {
      const interrupted = imported();
      const steps = interrupted.prepareSession();
      for (let step = 0; step < taken; step++) steps.next();
      expect(passed(interrupted), `after ${taken} of ${total} steps`).toEqual(atOnce);
      while (!steps.next().done);
      expect(passed(interrupted)).toEqual(atOnce);
    }
  });
});
