// An in-memory stand-in for the parts of browser.* that src/lib uses: storage (with sync's
// per-item quota and onChanged), and i18n reading the messages of the language a test chooses.
// Tests install it in place of src/lib/browser.ts with vi.mock.
import { readFileSync } from 'node:fs';

type Listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const locales = new Map<string, Messages>();

/** The messages of a UI language such as en, ru or zh-CN, read from assets/_locales. */
function messagesFor(language: string): Messages {
  const folder = language.replace('-', '_');
  if (!locales.has(folder)) {
    const file = new URL(`../../../assets/_locales/${folder}/messages.json`, import.meta.url);
    locales.set(folder, JSON.parse(readFileSync(file, 'utf8')) as Messages);
  }
  return locales.get(folder)!;
}

/** chrome.i18n.getMessage's substitution rules: $NAME$ → its placeholder's content → $1…$9. */
export function formatMessage(key: string, substitutions?: string | string[]): string {
  const entry = messagesFor(fakeBrowser.i18n.language)[key];
  if (!entry) return '';
  const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const fill = (text: string) => text.replace(/\$(\d)/g, (_, index: string) => values[Number(index) - 1] ?? '');
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? fill(placeholder.content) : whole;
  });
}

export class FakeStorageArea {
  data = new Map<string, unknown>();
  writes = 0;
  constructor(
    private readonly name: string,
    private readonly listeners: Set<Listener>,
    private readonly quotaPerItem = Infinity,
  ) {}

  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys === null || keys === undefined ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const result: Record<string, unknown> = {};
    for (const key of wanted) if (this.data.has(key)) result[key] = structuredClone(this.data.get(key));
    return result;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(items)) {
      if (key.length + JSON.stringify(value).length > this.quotaPerItem) throw new Error(`QUOTA_BYTES_PER_ITEM quota exceeded: ${key}`);
    }
    this.writes += 1;
    const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
    for (const [key, value] of Object.entries(items)) {
      changes[key] = { oldValue: this.data.get(key), newValue: structuredClone(value) };
      this.data.set(key, structuredClone(value));
    }
    this.emit(changes);
  }

  async remove(keys: string | string[]): Promise<void> {
    this.writes += 1;
    const changes: Record<string, { oldValue?: unknown }> = {};
    for (const key of Array.isArray(keys) ? keys : [keys]) {
      if (!this.data.has(key)) continue;
      changes[key] = { oldValue: this.data.get(key) };
      this.data.delete(key);
    }
    this.emit(changes);
  }

  async clear(): Promise<void> {
    await this.remove([...this.data.keys()]);
  }

  private emit(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>): void {
    if (Object.keys(changes).length === 0) return;
    for (const listener of this.listeners) queueMicrotask(() => listener(changes, this.name));
  }
}

const listeners = new Set<Listener>();

export const fakeBrowser = {
  storage: {
    sync: new FakeStorageArea('sync', listeners, 8192),
    local: new FakeStorageArea('local', listeners),
    onChanged: {
      addListener: (listener: Listener) => void listeners.add(listener),
      removeListener: (listener: Listener) => void listeners.delete(listener),
    },
  },
  i18n: {
    language: 'en',
    getMessage: formatMessage,
    getUILanguage: () => fakeBrowser.i18n.language,
  },
  runtime: { id: 'backstory-test' },
};

/** Empties both storage areas and forgets their write counts. */
export function resetFakeBrowser(): void {
  for (const area of [fakeBrowser.storage.sync, fakeBrowser.storage.local]) {
    area.data.clear();
    area.writes = 0;
  }
  listeners.clear();
  fakeBrowser.i18n.language = 'en';
}
