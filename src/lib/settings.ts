// Settings: typed defaults in one place, every read validated key by key, and small, ordered,
// idempotent migrations. storage.sync holds the settings; storage.local holds the story packs
// (see packs.ts) and the one-time notice about healed settings.
import * as v from 'valibot';
import { CATEGORIES, type Category } from '../story/schema';
import browser from './browser';

export const SETTINGS_VERSION = 1;
/** storage.sync allows 8 KB an item; a few hundred host names stay well inside it. */
export const MAX_DISABLED_SITES = 200;
export const HOVER_DELAY_RANGE = { min: 0, max: 2000 } as const;

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
  activePack: 'li-qiang-moscow-2024',
};

export type Settings = typeof DEFAULT_SETTINGS;
export type SettingKey = keyof Settings;

const hostName = v.pipe(v.string(), v.toLowerCase(), v.regex(/^[a-z0-9.-]{1,253}(:\d{1,5})?$/));

const SETTING_SCHEMAS: { [K in SettingKey]: v.GenericSchema<unknown, Settings[K]> } = {
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(0)) as v.GenericSchema<unknown, number>,
  enabled: v.boolean(),
  disabledSites: v.pipe(v.array(hostName), v.maxLength(MAX_DISABLED_SITES)),
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

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

export interface ReadResult {
  settings: Settings;
  /** Keys whose stored value was unreadable and fell back to the default. */
  healed: SettingKey[];
}

/** Validates stored values key by key: a bad value falls back to its default, alone. */
export function validateSettings(stored: Record<string, unknown>): ReadResult {
  const settings = structuredClone(DEFAULT_SETTINGS) as Record<SettingKey, unknown>;
  const healed: SettingKey[] = [];
  for (const key of SETTING_KEYS) {
    if (!Object.hasOwn(stored, key) || stored[key] === undefined) continue;
    const result = v.safeParse(SETTING_SCHEMAS[key], stored[key]);
    if (result.success) settings[key] = result.output;
    else healed.push(key);
  }
  return { settings: settings as Settings, healed };
}

/** Lower-case host name without a leading "www.", as the disabled-site list keeps them. */
export function siteOf(url: string): string | null {
  try {
    const { protocol, host } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return null;
    return host.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

export function isActiveOn(settings: Settings, url: string): boolean {
  const site = siteOf(url);
  return settings.enabled && (site === null || !settings.disabledSites.includes(site));
}

interface Migration {
  /** The version this migration produces. */
  version: number;
  /** Must be idempotent: running it on its own output changes nothing. */
  migrate(stored: Record<string, unknown>): Record<string, unknown>;
}

/** Ordered by version. */
export const MIGRATIONS: Migration[] = [
  {
    // Version 1 keeps disabled sites as bare, lower-case host names, without duplicates.
    version: 1,
    migrate(stored) {
      if (!Array.isArray(stored.disabledSites)) return stored;
      const sites = stored.disabledSites
        .filter((site): site is string => typeof site === 'string')
        .map((site) => site.trim().toLowerCase().replace(/^www\./, ''));
      return { ...stored, disabledSites: [...new Set(sites)] };
    },
  },
];

/** Runs the migrations newer than the stored version, in order. */
export function migrateSettings(stored: Record<string, unknown>): Record<string, unknown> {
  const from = typeof stored.schemaVersion === 'number' ? stored.schemaVersion : 0;
  let current = stored;
  for (const migration of MIGRATIONS) {
    if (migration.version > from) current = { ...migration.migrate(current), schemaVersion: migration.version };
  }
  return current;
}

const HEALED_NOTICE_KEY = 'healedSettings';

/**
 * Reads the settings. Stored data is never overwritten by a read: a newer schema is migrated and
 * written back, and a key that failed validation is replaced by its default (the bad value was no
 * good to anyone), while every other key keeps what the user chose. The healed keys are recorded
 * so the UI can tell the user once.
 */
export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.sync.get(null)) as Record<string, unknown>;
  const migrated = migrateSettings(stored);
  const { settings, healed } = validateSettings(migrated);
  const updates: Record<string, unknown> = {};
  if (migrated !== stored) Object.assign(updates, migrated);
  for (const key of healed) updates[key] = DEFAULT_SETTINGS[key];
  if (Object.keys(updates).length > 0) await browser.storage.sync.set(updates);
  if (healed.length > 0) await browser.storage.local.set({ [HEALED_NOTICE_KEY]: healed });
  return settings;
}

export async function saveSettings(changes: Partial<Settings>): Promise<void> {
  const { settings } = validateSettings({ ...changes });
  const valid = Object.fromEntries(Object.keys(changes).map((key) => [key, settings[key as SettingKey]]));
  await browser.storage.sync.set({ ...valid, schemaVersion: SETTINGS_VERSION });
}

/** The keys that were healed since the user was last told, and forgets them. */
export async function takeHealedNotice(): Promise<SettingKey[]> {
  const stored = await browser.storage.local.get(HEALED_NOTICE_KEY);
  const keys = stored[HEALED_NOTICE_KEY];
  if (!Array.isArray(keys) || keys.length === 0) return [];
  await browser.storage.local.remove(HEALED_NOTICE_KEY);
  return keys.filter((key): key is SettingKey => (SETTING_KEYS as string[]).includes(key));
}

/** Calls back with fresh settings whenever they change in any part of the extension. */
export function onSettingsChanged(callback: (settings: Settings) => void, signal?: AbortSignal): void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'sync') void loadSettings().then(callback);
  };
  browser.storage.onChanged.addListener(listener);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}
