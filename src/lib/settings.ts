// Settings: typed defaults in one place, every read validated key by key, and small, ordered,
// idempotent migrations. storage.sync holds the settings, one item a key; storage.local holds the
// story packs (see packs.ts) and the one-time notice about healed settings.
//
// Reads never write. Content scripts read the settings on every page, and a write from each of
// them would soon pass storage.sync's limit of 120 writes a minute; the background alone repairs
// what is stored (repairSettings), once when it starts and after each change.
import * as v from 'valibot';
import { CATEGORIES, type Category } from '../story/schema';
import browser from './browser';

export const SETTINGS_VERSION = 2;
export const HOVER_DELAY_RANGE = { min: 0, max: 2000 } as const;
/** storage.sync's limit for one item: the key's length plus its value's JSON. */
export const SYNC_ITEM_BYTES = 8192;
/** A bound on the list, well below what one sync item could hold of typical host names. */
export const MAX_DISABLED_SITES = 300;
/** The built-in story pack's id (seed-pack.json); the pack in use until the user picks another. */
export const BUILT_IN_PACK_ID = 'li-qiang-moscow-2024';

export const DEFAULT_SETTINGS = {
  schemaVersion: SETTINGS_VERSION,
  /** False pauses Backstory everywhere. */
  enabled: true,
  /** Host names where Backstory is switched off, such as "example.com". */
  disabledSites: [] as string[],
  categories: Object.fromEntries(CATEGORIES.map((category) => [category, true])) as Record<Category, boolean>,
  /** Milliseconds of hover intent before a card shows. */
  hoverDelay: 300,
  showBadge: true,
  /** The story pack in use: the built-in one, or an imported one's id. */
  activePack: BUILT_IN_PACK_ID,
};

export type Settings = typeof DEFAULT_SETTINGS;
export type SettingKey = keyof Settings;

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/** A host name as the disabled-site list keeps it: lower case, no "www.", no port. */
export function isSiteName(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 253) return false;
  if (IPV6.test(value)) return true;
  if (value.startsWith('www.')) return false;
  return value.split('.').every((label) => HOST_LABEL.test(label));
}

/**
 * What the user typed into the site list, as a site name: "https://www.Example.com/news" becomes
 * "example.com". Null when it is not a host name at all.
 */
export function parseSiteInput(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  const site = siteOf(withScheme)?.replace(/\.$/, '') ?? null;
  return isSiteName(site) ? site : null;
}

/** The JSON size storage.sync counts for one item. */
export function syncItemBytes(key: string, value: unknown): number {
  return key.length + new TextEncoder().encode(JSON.stringify(value)).length;
}

const fitsInSyncItem =
  (key: SettingKey) =>
  <T>(value: T): boolean =>
    syncItemBytes(key, value) <= SYNC_ITEM_BYTES;

const SETTING_SCHEMAS: { [K in SettingKey]: v.GenericSchema<unknown, Settings[K]> } = {
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(0)) as v.GenericSchema<unknown, number>,
  enabled: v.boolean(),
  disabledSites: v.pipe(
    v.array(v.custom<string>(isSiteName)),
    v.maxLength(MAX_DISABLED_SITES),
    v.check<string[]>(fitsInSyncItem('disabledSites')),
  ),
  // Keys it does not know are ignored, not healed: a newer version may have added a category.
  categories: v.object(
    Object.fromEntries(CATEGORIES.map((category) => [category, v.optional(v.boolean(), true)])) as Record<
      Category,
      v.OptionalSchema<v.BooleanSchema<undefined>, true>
    >,
  ),
  hoverDelay: v.pipe(v.number(), v.integer(), v.minValue(HOVER_DELAY_RANGE.min), v.maxValue(HOVER_DELAY_RANGE.max)),
  showBadge: v.boolean(),
  activePack: v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), v.maxLength(64)),
};

/**
 * For a value that failed its schema, what can be kept of it: the valid sites of a list, the valid
 * switches of the categories. Keys without one fall back to their default.
 */
const SALVAGE: { [K in SettingKey]?: (value: unknown) => Settings[K] | undefined } = {
  disabledSites(value) {
    if (!Array.isArray(value)) return undefined;
    const sites: string[] = [];
    for (const site of value) {
      if (!isSiteName(site) || sites.includes(site)) continue;
      if (sites.length >= MAX_DISABLED_SITES || !fitsInSyncItem('disabledSites')([...sites, site])) break;
      sites.push(site);
    }
    return sites;
  },
  categories(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const stored = value as Record<string, unknown>;
    return Object.fromEntries(
      CATEGORIES.map((category) => {
        const on = Object.hasOwn(stored, category) ? stored[category] : undefined;
        return [category, typeof on === 'boolean' ? on : true];
      }),
    ) as Record<Category, boolean>;
  },
};

export interface ReadResult {
  settings: Settings;
  /** Keys whose stored value was unreadable, in whole or in part, and fell back to the default. */
  healed: SettingKey[];
}

/** Validates stored values key by key: a bad value falls back to its default, alone. */
export function validateSettings(stored: Record<string, unknown>): ReadResult {
  const settings = structuredClone(DEFAULT_SETTINGS) as Record<SettingKey, unknown>;
  const healed: SettingKey[] = [];
  for (const key of SETTING_KEYS) {
    if (!Object.hasOwn(stored, key) || stored[key] === undefined) continue;
    const result = v.safeParse(SETTING_SCHEMAS[key], stored[key]);
    if (result.success) {
      settings[key] = result.output;
      continue;
    }
    healed.push(key);
    const salvaged = SALVAGE[key]?.(stored[key]);
    if (salvaged !== undefined) settings[key] = salvaged;
  }
  return { settings: settings as Settings, healed };
}

/** Lower-case host name without a leading "www." or a port, as the disabled-site list keeps them. */
export function siteOf(url: string): string | null {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return null;
    return hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

export function isActiveOn(settings: Settings, url: string): boolean {
  const site = siteOf(url);
  return settings.enabled && (site === null || !settings.disabledSites.includes(site));
}

export interface Migration {
  /** The version this migration produces. */
  version: number;
  /** Must be idempotent: running it on its own output changes nothing. */
  migrate(stored: Record<string, unknown>): Record<string, unknown>;
}

const mapSites = (stored: Record<string, unknown>, change: (site: string) => string) => {
  if (!Array.isArray(stored.disabledSites)) return stored;
  const sites = stored.disabledSites.filter((site): site is string => typeof site === 'string').map(change);
  return { ...stored, disabledSites: [...new Set(sites)] };
};

/** Ordered by version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    // Version 1 keeps disabled sites as bare, lower-case host names, without duplicates.
    version: 1,
    migrate: (stored) => mapSites(stored, (site) => site.trim().toLowerCase().replace(/^www\./, '')),
  },
  {
    // Version 2 matches sites by host name alone, as siteOf does now: "localhost:8080" becomes
    // "localhost", so that a site switched off on one port is off on all of them.
    version: 2,
    migrate: (stored) => mapSites(stored, (site) => (site.startsWith('[') ? site.replace(/(\])(:\d+)$/, '$1') : site.replace(/:\d+$/, ''))),
  },
];

/** Runs the migrations newer than the stored version, in order. Returns `stored` itself when none ran. */
export function migrateSettings(stored: Record<string, unknown>): Record<string, unknown> {
  const from = typeof stored.schemaVersion === 'number' ? stored.schemaVersion : 0;
  // Settings written by a newer version are left as they are: its migrations are unknown here,
  // and per-key validation keeps what still reads.
  let current = stored;
  for (const migration of MIGRATIONS) {
    if (migration.version > from) current = { ...migration.migrate(current), schemaVersion: migration.version };
  }
  return current;
}

/** The settings as stored, migrated and validated in memory. Never writes. */
export async function readSettings(): Promise<ReadResult> {
  const stored = (await browser.storage.sync.get(null)) as Record<string, unknown>;
  return validateSettings(migrateSettings(stored));
}

export async function loadSettings(): Promise<Settings> {
  return (await readSettings()).settings;
}

const HEALED_NOTICE_KEY = 'healedSettings';

/**
 * Writes back what a read would fix: migrated values, and for each key that failed validation its
 * healed value (the bad value was no good to anyone), while every other key keeps what the user
 * chose. Records the healed keys so the popup or the options page can tell the user once. Writes
 * nothing when all is well, so it is safe to call after every change.
 */
export async function repairSettings(): Promise<SettingKey[]> {
  const stored = (await browser.storage.sync.get(null)) as Record<string, unknown>;
  const migrated = migrateSettings(stored);
  const { settings, healed } = validateSettings(migrated);
  const updates: Record<string, unknown> = {};
  if (migrated !== stored) {
    for (const key of SETTING_KEYS) if (Object.hasOwn(migrated, key)) updates[key] = settings[key];
    updates.schemaVersion = migrated.schemaVersion;
  }
  for (const key of healed) updates[key] = settings[key];
  if (Object.keys(updates).length > 0) await browser.storage.sync.set(updates);
  if (healed.length > 0) {
    const earlier = await browser.storage.local.get(HEALED_NOTICE_KEY);
    const known = Array.isArray(earlier[HEALED_NOTICE_KEY]) ? (earlier[HEALED_NOTICE_KEY] as string[]) : [];
    await browser.storage.local.set({ [HEALED_NOTICE_KEY]: [...new Set([...known, ...healed])] });
  }
  return healed;
}

export class InvalidSettingError extends Error {
  constructor(readonly key: SettingKey) {
    super(`Invalid value for the setting "${key}"`);
    this.name = 'InvalidSettingError';
  }
}

/**
 * Saves some settings. An invalid value is refused (InvalidSettingError) and nothing is written,
 * so a mistake never replaces what the user had.
 */
export async function saveSettings(changes: Partial<Settings>): Promise<void> {
  const valid: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes) as [SettingKey, unknown][]) {
    if (key === 'schemaVersion') continue;
    const result = v.safeParse(SETTING_SCHEMAS[key], value);
    if (!result.success) throw new InvalidSettingError(key);
    valid[key] = result.output;
  }
  await browser.storage.sync.set({ ...valid, schemaVersion: SETTINGS_VERSION });
}

/** Puts every setting back to its default. Imported story packs stay (they are in storage.local). */
export async function resetSettings(): Promise<void> {
  await browser.storage.sync.clear();
  await browser.storage.sync.set(structuredClone(DEFAULT_SETTINGS));
}

/** Switches Backstory on or off for one site, keeping the rest of the list. */
export async function setSiteEnabled(site: string, enabled: boolean): Promise<void> {
  const { disabledSites } = await loadSettings();
  const others = disabledSites.filter((known) => known !== site);
  await saveSettings({ disabledSites: enabled ? others : [...others, site] });
}

/** The keys that were healed since the user was last told, and forgets them. */
export async function takeHealedNotice(): Promise<SettingKey[]> {
  const stored = await browser.storage.local.get(HEALED_NOTICE_KEY);
  const keys = stored[HEALED_NOTICE_KEY];
  if (!Array.isArray(keys) || keys.length === 0) return [];
  await browser.storage.local.remove(HEALED_NOTICE_KEY);
  return keys.filter((key): key is SettingKey => (SETTING_KEYS as string[]).includes(key));
}

/**
 * Calls back with the healed keys now, if the user has not been told yet, and whenever the
 * background heals more while the page is open.
 */
export function onHealedNotice(callback: (keys: SettingKey[]) => void, signal?: AbortSignal): void {
  const take = () =>
    void takeHealedNotice().then((keys) => {
      if (keys.length > 0 && !signal?.aborted) callback(keys);
    });
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && changes[HEALED_NOTICE_KEY]?.newValue !== undefined) take();
  };
  browser.storage.onChanged.addListener(listener);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
  take();
}

/** Calls back with fresh settings whenever they change in any part of the extension. */
export function onSettingsChanged(callback: (settings: Settings) => void, signal?: AbortSignal): void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'sync') void loadSettings().then((settings) => signal?.aborted || callback(settings));
  };
  browser.storage.onChanged.addListener(listener);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}
