// Constants the build defines (scripts/build.ts, bundleOptions). Where the source runs unbuilt
// (unit tests, watch builds) they are undefined, and what they stand for is worked out at run time
// or done without.
import type { PreparedPretest } from '../match';

declare const BACKSTORY_SEED_PRETEST: PreparedPretest;
declare const BACKSTORY_PRETEST_FORMAT: string;

function fromBuild<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    // Not defined.
    return undefined;
  }
}

/** The built-in pack's pre-test, written down (see compileMatcher). */
export const SEED_PRETEST = /* @__PURE__ */ fromBuild(() => BACKSTORY_SEED_PRETEST);

/**
 * The form this build's pre-tests are written down in (see pretestFormat()). Imported packs keep
 * theirs in storage with it; where it is undefined, none are kept or read.
 */
export const PRETEST_FORMAT = /* @__PURE__ */ fromBuild(() => BACKSTORY_PRETEST_FORMAT);
