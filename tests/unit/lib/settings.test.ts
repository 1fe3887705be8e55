import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from './fake-browser';

vi.mock('../../../src/lib/browser', async () => ({ default: (await import('./fake-browser')).fakeBrowser }));

const {
  DEFAULT_SETTINGS,
  MAX_DISABLED_SITES,
  MIGRATIONS,
  SETTINGS_VERSION,
  SETTING_KEYS,
  SYNC_ITEM_BYTES,
  InvalidSettingError,
  isActiveOn,
  loadSettings,
  migrateSettings,
  onHealedNotice,
  parseSiteInput,
  repairSettings,
  resetSettings,
  saveSettings,
  setSiteEnabled,
  siteOf,
  syncItemBytes,
  takeHealedNotice,
  validateSettings,
} = await import('../../../src/lib/settings');

const { sync, local } = fakeBrowser.storage;

beforeEach(() => resetFakeBrowser());

describe('reading settings', () => {
  it('gives the defaults when nothing is stored', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('heals a corrupted value to its default and keeps every other setting', () => {
    const { settings, healed } = validateSettings({
      schemaVersion: SETTINGS_VERSION,
      hoverDelay: 'fast',
      showBadge: false,
      enabled: 'yes',
      disabledSites: ['example.com'],
    });
    expect(healed.sort()).toEqual(['enabled', 'hoverDelay']);
    expect(settings.hoverDelay).toBe(DEFAULT_SETTINGS.hoverDelay);
    expect(settings.enabled).toBe(true);
    expect(settings.showBadge).toBe(false);
    expect(settings.disabledSites).toEqual(['example.com']);
  });

  it('keeps the readable part of a list or of the categories', () => {
    const { settings, healed } = validateSettings({
      disabledSites: ['example.com', 42, 'not a host!', 'example.com', 'news.example.org'],
      categories: { person: false, place: 'no', figure: false },
    });
    expect(healed.sort()).toEqual(['categories', 'disabledSites']);
    expect(settings.disabledSites).toEqual(['example.com', 'news.example.org']);
    expect(settings.categories).toEqual({ person: false, place: true, organisation: true, event: true, figure: false });
  });

  it('rejects hover delays outside 0–2000 ms', () => {
    expect(validateSettings({ hoverDelay: -1 }).healed).toEqual(['hoverDelay']);
    expect(validateSettings({ hoverDelay: 2001 }).healed).toEqual(['hoverDelay']);
    expect(validateSettings({ hoverDelay: 2000 }).settings.hoverDelay).toBe(2000);
  });

  it('ignores a category it does not know, rather than healing', () => {
    const { healed, settings } = validateSettings({ categories: { person: false, weather: true } });
    expect(healed).toEqual([]);
    expect(settings.categories.person).toBe(false);
  });

  it('heals any stored value to something valid, never throwing', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...SETTING_KEYS, 'other'), fc.anything()), (stored) => {
        const { settings } = validateSettings(migrateSettings(stored));
        expect(validateSettings(settings as unknown as Record<string, unknown>).healed).toEqual([]);
      }),
    );
  });

  it('never writes, however broken the stored settings are', async () => {
    sync.data.set('hoverDelay', 'fast');
    sync.data.set('disabledSites', ['WWW.Example.com:8080']);
    await loadSettings();
    expect(sync.writes).toBe(0);
    expect(local.writes).toBe(0);
  });
});

describe('migrations', () => {
  it('are ordered by version and end at the current one', () => {
    const versions = MIGRATIONS.map((migration) => migration.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions.at(-1)).toBe(SETTINGS_VERSION);
  });

  it('are each idempotent', () => {
    const stored = fc.record(
      {
        schemaVersion: fc.integer({ min: 0, max: 3 }),
        disabledSites: fc.array(fc.oneof(fc.domain(), fc.string(), fc.constant('WWW.Example.COM:8080'), fc.integer())),
        hoverDelay: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(stored, (value) => {
        for (const migration of MIGRATIONS) {
          const once = migration.migrate(value);
          expect(migration.migrate(once)).toEqual(once);
        }
        const migrated = migrateSettings(value);
        expect(migrateSettings(migrated)).toEqual(migrated);
      }),
    );
  });

  it('run in order from the stored version: a site from version 0 becomes a bare host name', () => {
    const migrated = migrateSettings({ disabledSites: [' WWW.Example.COM:8080 ', 'example.com', 'localhost:3000'] });
    expect(migrated.schemaVersion).toBe(SETTINGS_VERSION);
    expect(migrated.disabledSites).toEqual(['example.com', 'localhost']);
  });

  it('run only those newer than the stored version', () => {
    // Version 1 already lower-cased; migration 1 does not run again, migration 2 does.
    const migrated = migrateSettings({ schemaVersion: 1, disabledSites: ['Example.com:80'] });
    expect(migrated.disabledSites).toEqual(['Example.com']);
    const current = { schemaVersion: SETTINGS_VERSION, disabledSites: ['example.com'] };
    expect(migrateSettings(current)).toBe(current);
  });

  it('leave settings from a newer version as they are', () => {
    const newer = { schemaVersion: SETTINGS_VERSION + 5, disabledSites: ['example.com'] };
    expect(migrateSettings(newer)).toBe(newer);
  });
});

describe('repairing stored settings', () => {
  it('writes back only the healed keys and records them for a one-time notice', async () => {
    sync.data.set('schemaVersion', SETTINGS_VERSION);
    sync.data.set('hoverDelay', { fast: true });
    sync.data.set('showBadge', false);
    expect(await repairSettings()).toEqual(['hoverDelay']);
    expect(sync.data.get('hoverDelay')).toBe(DEFAULT_SETTINGS.hoverDelay);
    expect(sync.data.get('showBadge')).toBe(false);
    expect(await takeHealedNotice()).toEqual(['hoverDelay']);
    expect(await takeHealedNotice()).toEqual([]);
  });

  it('writes nothing when all is well, so it can run after every change', async () => {
    await repairSettings();
    const writes = sync.writes;
    await repairSettings();
    await repairSettings();
    expect(sync.writes).toBe(writes);
    expect(await takeHealedNotice()).toEqual([]);
  });

  it('stores migrated settings with the current version', async () => {
    sync.data.set('disabledSites', ['WWW.Example.com:8080']);
    sync.data.set('hoverDelay', 700);
    await repairSettings();
    expect(sync.data.get('disabledSites')).toEqual(['example.com']);
    expect(sync.data.get('hoverDelay')).toBe(700);
    expect(sync.data.get('schemaVersion')).toBe(SETTINGS_VERSION);
  });

  it('tells a page that is open when the background heals more', async () => {
    const told: string[][] = [];
    const controller = new AbortController();
    onHealedNotice((keys) => told.push(keys), controller.signal);
    sync.data.set('showBadge', 'sometimes');
    await repairSettings();
    await vi.waitFor(() => expect(told).toEqual([['showBadge']]));
    controller.abort();
  });
});

describe('saving settings', () => {
  it('refuses an invalid value and writes nothing', async () => {
    await saveSettings({ hoverDelay: 500 });
    const writes = sync.writes;
    await expect(saveSettings({ hoverDelay: 5000, showBadge: false })).rejects.toBeInstanceOf(InvalidSettingError);
    await expect(saveSettings({ disabledSites: ['not a host'] })).rejects.toBeInstanceOf(InvalidSettingError);
    expect(sync.writes).toBe(writes);
    expect((await loadSettings()).hoverDelay).toBe(500);
  });

  it('refuses a site list that would not fit in one sync item', async () => {
    const long = (index: number) => `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.site${index}.example`;
    const sites = Array.from({ length: 60 }, (_, index) => long(index));
    expect(sites.length).toBeLessThan(MAX_DISABLED_SITES);
    expect(syncItemBytes('disabledSites', sites)).toBeGreaterThan(SYNC_ITEM_BYTES);
    await expect(saveSettings({ disabledSites: sites })).rejects.toBeInstanceOf(InvalidSettingError);
  });

  it('keeps the defaults inside storage.sync quotas', () => {
    let total = 0;
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      expect(syncItemBytes(key, value)).toBeLessThanOrEqual(SYNC_ITEM_BYTES);
      total += syncItemBytes(key, value);
    }
    expect(total).toBeLessThan(102_400);
    expect(SETTING_KEYS.length).toBeLessThan(512);
  });

  it('switches one site off and on, keeping the others', async () => {
    await saveSettings({ disabledSites: ['example.com'] });
    await setSiteEnabled('news.example.org', false);
    expect((await loadSettings()).disabledSites).toEqual(['example.com', 'news.example.org']);
    await setSiteEnabled('example.com', true);
    expect((await loadSettings()).disabledSites).toEqual(['news.example.org']);
  });

  it('resets every setting to its default', async () => {
    await saveSettings({ enabled: false, hoverDelay: 50, disabledSites: ['example.com'], activePack: 'my-pack' });
    await resetSettings();
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('sites', () => {
  it('reads a site from what the user typed or pasted', () => {
    expect(parseSiteInput('example.com')).toBe('example.com');
    expect(parseSiteInput('  https://www.Example.com/news?id=1 ')).toBe('example.com');
    expect(parseSiteInput('news.example.co.uk:8443')).toBe('news.example.co.uk');
    expect(parseSiteInput('localhost')).toBe('localhost');
    expect(parseSiteInput('127.0.0.1')).toBe('127.0.0.1');
    expect(parseSiteInput('пример.рф')).toBe('xn--e1afmkfd.xn--p1ai');
    expect(parseSiteInput('example.com.')).toBe('example.com');
  });

  it('refuses what is not a host name', () => {
    for (const input of ['', '   ', 'not a host', 'exa mple.com', 'example..com', '-example.com', 'ftp://example.com', 'a_b.com', '*.example.com']) {
      expect(parseSiteInput(input), input).toBeNull();
    }
  });

  it('matches a page to its site without www or port', () => {
    expect(siteOf('https://www.Example.com:8443/a')).toBe('example.com');
    expect(siteOf('chrome://extensions')).toBeNull();
    const settings = { ...DEFAULT_SETTINGS, disabledSites: ['example.com'] };
    expect(isActiveOn(settings, 'https://www.example.com/')).toBe(false);
    expect(isActiveOn(settings, 'https://example.org/')).toBe(true);
    expect(isActiveOn({ ...settings, enabled: false }, 'https://example.org/')).toBe(false);
  });
});
