// The story pack that ships with the extension: Li Qiang's visit to Moscow, August 2024.
// It is validated by the unit tests (tests/unit/story), not at run time: the content script runs on
// every page, and checking the same constant data there each time would only cost the user.
import type { PreparedPretest } from '../match';
import { SEED_PRETEST } from './build-constants';
import seedJson from './seed-pack.json';
import type { StoryPack } from './schema';

export const SEED_PACK = seedJson as StoryPack;

/**
 * What is prepared for a pack at build time (see compileMatcher): the built-in pack's pre-test in
 * a build; nothing for imported packs, nor where the source runs unbuilt (unit tests).
 */
export function preparedPretestFor(pack: StoryPack): PreparedPretest | undefined {
  return pack === SEED_PACK ? SEED_PRETEST : undefined;
}
