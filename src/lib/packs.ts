// Story packs the user imports, kept in storage.local beside the built-in one.
//
// Layout: one item a pack, under the key "pack:<id>", holding the pack exactly as parsePack
// returned it. The content script reads only the item of the pack in use (one small read on every
// page, never the whole collection), and there is no separate index to fall out of step with the
// items. The active pack's id lives in the settings (storage.sync), since it is a choice the user
// makes, while the packs themselves are too large for sync's quotas.
//
// Beside each pack, under "pretest:<id>", its pre-test (see pack-pretests.ts), written in the same
// set(): most pages do not mention a pack's story, and on those the content script reads only that.
//
// Chrome gives storage.local 10 MB (without the "unlimitedStorage" permission, which Backstory
// does not ask for): imported packs may use PACK_STORAGE_BUDGET of it, and an import that would
// pass it is refused with a message saying how much room is left.
import type { PagePretest, PreparedPretest } from '../match';
import { parsePack, parsePackInSlices, type ParseResult } from '../story/validate-pack';
import { PRETEST_FORMAT } from '../story/build-constants';
import { SEED_PACK, preparedPretestFor } from '../story/seed-pack';
import type { StoryPack } from '../story/schema';
import browser from './browser';
import { t } from './i18n';
import { PACK_KEY_PREFIX, currentPretest, packKey, pretestItem, pretestKey } from './pack-pretests';
import { BUILT_IN_PACK_ID, loadSettings, saveSettings, type Settings } from './settings';

export { PACK_KEY_PREFIX, packKey, prepareStoredPretests, pretestKey } from './pack-pretests';
/** Room for all imported packs together, as JSON, in bytes. */
export const PACK_STORAGE_BUDGET = 8 * 1024 * 1024;
/** A file larger than this cannot hold a pack parsePack accepts (5 M characters), so it is not read. */
export const MAX_PACK_FILE_BYTES = 20 * 1024 * 1024;

export interface PackEntry {
  id: string;
  builtIn: boolean;
  /** The pack, or null for a stored item that no longer reads as one. */
  pack: StoryPack | null;
  /** Why the stored item is not usable, when pack is null. */
  problem?: string;
  /** Its size in storage, as JSON. Zero for the built-in pack, which is part of the extension. */
  bytes: number;
}

export type ImportOutcome =
  | { status: 'imported'; pack: StoryPack; replaced: boolean }
  /** parsePack's error lines: which field is wrong, and why. */
  | { status: 'invalid'; errors: string[] }
  | { status: 'built-in-id'; id: string }
  /** A pack with the same id is already imported: replace it only when the user confirms. */
  | { status: 'exists'; pack: StoryPack; existing: StoryPack | null }
  | { status: 'no-room'; bytes: number; available: number };

export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

function checked(id: string, value: unknown): { pack: StoryPack } | { problem: string } {
  return verdict(id, parsePack(value));
}

function verdict(id: string, result: ParseResult): { pack: StoryPack } | { problem: string } {
  if (!result.ok) return { problem: t('packProblemInvalid', [id, result.errors[0] ?? '']) };
  if (result.pack.id !== id) return { problem: t('packProblemInvalid', [id, `id: must be "${id}"`]) };
  return { pack: result.pack };
}

/**
 * The story pack to use. The built-in pack needs no storage read; an imported one is read and
 * validated again (storage may hold an item an older version wrote), and when it is missing or no
 * longer valid the built-in pack stands in, with a message saying why.
 */
export async function loadActivePack(settings: Pick<Settings, 'activePack'>): Promise<{ pack: StoryPack; problem?: string }> {
  const id = settings.activePack;
  if (id === BUILT_IN_PACK_ID) return { pack: SEED_PACK };
  const key = packKey(id);
  const stored = await browser.storage.local.get(key);
  if (!Object.hasOwn(stored, key)) return { pack: SEED_PACK, problem: t('packProblemMissing', [id]) };
  // Checked with the page let run between slices: the content script checks the pack on the first
  // page that needs it, and a big pack took 20–50 ms in one piece.
  const result = verdict(id, await parsePackInSlices(stored[key]));
  return 'pack' in result ? result : { pack: SEED_PACK, problem: result.problem };
}

/**
 * What the content script needs first of the pack in use: the pack itself where it is built in,
 * or where no pre-test of this build's form is stored beside it; else only that pre-test, and the
 * pack is read (loadActivePack) once a page passes it.
 */
export type ActiveStory = { pack: StoryPack; prepared?: PreparedPretest } | { id: string; pretest: PagePretest };

export async function loadActiveStory(settings: Pick<Settings, 'activePack'>): Promise<ActiveStory> {
  const id = settings.activePack;
  if (id !== BUILT_IN_PACK_ID && PRETEST_FORMAT) {
    const key = pretestKey(id);
    const pretest = currentPretest((await browser.storage.local.get(key))[key]);
    if (pretest) return { id, pretest };
  }
  const { pack } = await loadActivePack(settings);
  return { pack, prepared: preparedPretestFor(pack) };
}

/** Every pack: the built-in one first, then the imported ones. */
export async function listPacks(): Promise<PackEntry[]> {
  const stored = await browser.storage.local.get(null);
  const imported: PackEntry[] = [];
  for (const [key, value] of Object.entries(stored)) {
    if (!key.startsWith(PACK_KEY_PREFIX)) continue;
    const id = key.slice(PACK_KEY_PREFIX.length);
    const result = checked(id, value);
    imported.push({
      id,
      builtIn: false,
      pack: 'pack' in result ? result.pack : null,
      ...('problem' in result ? { problem: result.problem } : {}),
      bytes: jsonBytes(value) + (Object.hasOwn(stored, pretestKey(id)) ? jsonBytes(stored[pretestKey(id)]) : 0),
    });
  }
  // Readable packs by headline, then the unreadable ones by id.
  const sortKey = (entry: PackEntry) => [entry.pack ? 0 : 1, entry.pack?.story.headline ?? '', entry.id] as const;
  imported.sort((a, b) => {
    const [x, y] = [sortKey(a), sortKey(b)];
    return x[0] - y[0] || x[1].localeCompare(y[1]) || x[2].localeCompare(y[2]);
  });
  return [{ id: SEED_PACK.id, builtIn: true, pack: SEED_PACK, bytes: 0 }, ...imported];
}

async function importedBytes(except?: string): Promise<number> {
  const packs = await listPacks();
  return packs.reduce((sum, entry) => sum + (entry.builtIn || entry.id === except ? 0 : entry.bytes), 0);
}

/**
 * Imports a pack from a file's text. Nothing is stored unless the pack is valid, its id is not the
 * built-in pack's, it fits in the room left, and, when a pack with its id is already imported,
 * `replace` is set (the user confirmed).
 */
export async function importPack(text: string, options: { replace?: boolean } = {}): Promise<ImportOutcome> {
  const result = parsePack(text);
  if (!result.ok) return { status: 'invalid', errors: result.errors };
  return storePack(result.pack, options);
}

export async function storePack(pack: StoryPack, options: { replace?: boolean } = {}): Promise<ImportOutcome> {
  if (pack.id === BUILT_IN_PACK_ID) return { status: 'built-in-id', id: pack.id };
  const key = packKey(pack.id);
  const stored = await browser.storage.local.get(key);
  const exists = Object.hasOwn(stored, key);
  if (exists && !options.replace) {
    const existing = checked(pack.id, stored[key]);
    return { status: 'exists', pack, existing: 'pack' in existing ? existing.pack : null };
  }
  const pretest = pretestItem(pack);
  const bytes = jsonBytes(pack) + (pretest ? jsonBytes(pretest) : 0);
  const available = Math.max(0, PACK_STORAGE_BUDGET - (await importedBytes(pack.id)));
  if (bytes > available) return { status: 'no-room', bytes, available };
  try {
    // A pre-test an earlier build kept must not stay beside the new pack.
    if (!pretest) await browser.storage.local.remove(pretestKey(pack.id));
    await browser.storage.local.set({ [key]: pack, ...(pretest ? { [pretestKey(pack.id)]: pretest } : {}) });
  } catch {
    // The browser's own quota, which other data in storage.local shares.
    return { status: 'no-room', bytes, available: 0 };
  }
  return { status: 'imported', pack, replaced: exists };
}

/** Removes an imported pack; when it was the one in use, the built-in pack takes its place. */
export async function removePack(id: string): Promise<void> {
  if (id === BUILT_IN_PACK_ID) return;
  const settings = await loadSettings();
  if (settings.activePack === id) await saveSettings({ activePack: BUILT_IN_PACK_ID });
  await browser.storage.local.remove([packKey(id), pretestKey(id)]);
}

/** A pack as the JSON file a user can keep, edit and import again. */
export function packFileText(pack: StoryPack): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}

/** Calls back with the ids of the imported packs that were added, replaced or removed. */
export function onPacksChanged(callback: (ids: string[]) => void, signal?: AbortSignal): void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'local') return;
    const ids = Object.keys(changes)
      .filter((key) => key.startsWith(PACK_KEY_PREFIX))
      .map((key) => key.slice(PACK_KEY_PREFIX.length));
    if (ids.length > 0) callback(ids);
  };
  browser.storage.onChanged.addListener(listener);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}
