// The pre-test of each imported pack, kept in storage.local beside it under "pretest:<id>": the
// pack's PagePretest.prepared(), with the form of the build that wrote it (PRETEST_FORMAT). Most
// pages do not mention a pack's story, and on those the content script reads only this, never the
// pack (packs.ts: loadActiveStory). It is written in the same set() as its pack, so it never
// stands beside another pack; one of another form (an earlier version's) is not read, and the
// background writes it again when the extension is installed or updated. Apart from packs.ts, so
// that the background does not carry the built-in pack.
import { PagePretest, preparePretest, type PreparedPretest } from '../match';
import { PRETEST_FORMAT } from '../story/build-constants';
import type { StoryPack } from '../story/schema';
import { parsePack } from '../story/validate-pack';
import browser from './browser';

export const PACK_KEY_PREFIX = 'pack:';
export const packKey = (id: string) => `${PACK_KEY_PREFIX}${id}`;
export const PRETEST_KEY_PREFIX = 'pretest:';
export const pretestKey = (id: string) => `${PRETEST_KEY_PREFIX}${id}`;

/** What is stored under pretestKey(id). */
export interface StoredPretest {
  format: string;
  prepared: PreparedPretest;
}

/**
 * The item to store beside a pack, or null where this build keeps none (see PRETEST_FORMAT), or
 * where the pre-test cannot be written down (a word with a character its form uses as a separator,
 * which no alias yields today): such a pack is then read on every page.
 */
export function pretestItem(pack: StoryPack): StoredPretest | null {
  if (!PRETEST_FORMAT) return null;
  try {
    return { format: PRETEST_FORMAT, prepared: preparePretest(pack) };
  } catch {
    return null;
  }
}

/** The pre-test in a stored item, read, if the item is one this build wrote. */
export function currentPretest(item: unknown): PagePretest | null {
  if (!PRETEST_FORMAT || typeof item !== 'object' || item === null) return null;
  const { format, prepared } = item as Partial<StoredPretest>;
  return format === PRETEST_FORMAT ? PagePretest.readPrepared(prepared) : null;
}

/**
 * After the extension is installed or updated, when the form of pre-tests or the rules packs must
 * follow may have changed: writes the pre-test of each imported pack that has none of this build's
 * form, and drops those of packs that are gone or no longer valid (the content script then reads
 * such a pack on every page and, finding it unusable, uses the built-in one, as the popup says). A
 * pack that changes meanwhile is left to the write that changed it.
 */
export async function prepareStoredPretests(): Promise<void> {
  if (!PRETEST_FORMAT) return;
  const stored = await browser.storage.local.get(null);
  for (const key of Object.keys(stored)) {
    if (key.startsWith(PRETEST_KEY_PREFIX) && !Object.hasOwn(stored, packKey(key.slice(PRETEST_KEY_PREFIX.length)))) {
      await browser.storage.local.remove(key);
    }
    if (!key.startsWith(PACK_KEY_PREFIX)) continue;
    const id = key.slice(PACK_KEY_PREFIX.length);
    const result = parsePack(stored[key]);
    const pack = result.ok && result.pack.id === id ? result.pack : null;
    if (pack ? currentPretest(stored[pretestKey(id)]) : !Object.hasOwn(stored, pretestKey(id))) continue;
    const pretest = pack ? pretestItem(pack) : null;
    const now = (await browser.storage.local.get(key))[key];
    if (JSON.stringify(now) !== JSON.stringify(stored[key])) continue;
    if (pretest) await browser.storage.local.set({ [pretestKey(id)]: pretest });
    else await browser.storage.local.remove(pretestKey(id));
  }
}
