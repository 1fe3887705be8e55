// The story pack that ships with the extension: Li Qiang's visit to Moscow, August 2024.
// It is validated by the unit tests (tests/unit/story), not at run time: the content script runs on
// every page, and checking the same constant data there each time would only cost the user.
import type { PreparedPretest } from '../match';
import seedJson from './seed-pack.json';
import type { StoryPack } from './schema';

export const SEED_PACK = seedJson as StoryPack;

/** Set by the build (scripts/build.ts): the built-in pack's pre-test, written down. */
declare const BACKSTORY_SEED_PRETEST: PreparedPretest;
/** Set by the build: what the pre-tests this build writes down look like (see pretestFormat()). */
declare const BACKSTORY_PRETEST_FORMAT: string;

/** A constant the build defines; undefined where the source runs unbuilt (unit tests, watch builds). */
function fromBuild<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    // Not defined: the pre-test is then worked out from the pack, on each page.
    return undefined;
  }
}

/** The built-in pack's pre-test as the build wrote it down. */
const SEED_PRETEST = fromBuild(() => BACKSTORY_SEED_PRETEST);

/**
 * The form this build's pre-tests are written down in. Imported packs keep theirs in storage with
 * it; undefined where the source runs unbuilt, and none are kept or read then.
 */
export const PRETEST_FORMAT = fromBuild(() => BACKSTORY_PRETEST_FORMAT);

/**
 * What is prepared for a pack at build time (see compileMatcher): the built-in pack's pre-test in
 * a build; nothing for imported packs, nor where the source runs unbuilt (unit tests).
 */
export function preparedPretestFor(pack: StoryPack): PreparedPretest | undefined {
  return pack === SEED_PACK ? SEED_PRETEST : undefined;
}
