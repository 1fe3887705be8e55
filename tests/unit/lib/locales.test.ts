// Every locale speaks the same messages as English, with the same placeholders, and every message
// the code asks for exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { CATEGORIES } from '../../../src/story/schema';

vi.mock('../../../src/lib/browser', async () => ({ default: (await import('./fake-browser')).fakeBrowser }));
const { SETTING_KEYS } = await import('../../../src/lib/settings');

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LOCALES_DIR = path.join(ROOT, 'assets/_locales');
const read = (locale: string) =>
  JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Record<string, Message>;

const locales = readdirSync(LOCALES_DIR).filter((name) => statSync(path.join(LOCALES_DIR, name)).isDirectory());
const english = read('en');

/** The $NAME$ placeholders a message uses, lower-cased as browsers compare them. */
const usedPlaceholders = (message: string) =>
  [...new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => match[1]!.toLowerCase()))].sort();

const placeholderShape = (entry: Message) =>
  Object.fromEntries(
    Object.entries(entry.placeholders ?? {})
      .map(([name, { content }]) => [name.toLowerCase(), content] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|html)$/.test(entry.name) ? [full] : [];
  });
}

describe('locales', () => {
  it('include English, Russian and Chinese', () => {
    expect(locales).toEqual(expect.arrayContaining(['en', 'ru', 'zh_CN']));
  });

  it.each(locales.filter((locale) => locale !== 'en'))('%s has exactly the keys of en', (locale) => {
    expect(Object.keys(read(locale)).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(locales)('%s has the same placeholders as en, each used in its message', (locale) => {
    const messages = read(locale);
    for (const [key, entry] of Object.entries(messages)) {
      const reference = english[key];
      if (!reference) continue;
      expect(placeholderShape(entry), `${locale}: ${key}`).toEqual(placeholderShape(reference));
      expect(usedPlaceholders(entry.message), `${locale}: ${key}`).toEqual(Object.keys(placeholderShape(reference)));
      expect(entry.message.trim(), `${locale}: ${key}`).not.toBe('');
    }
  });

  it.each(locales)('%s keeps the name and description within the stores’ limits', (locale) => {
    const messages = read(locale);
    expect(messages.extensionName!.message.length).toBeLessThanOrEqual(75);
    expect(messages.extensionDescription!.message.length).toBeLessThanOrEqual(132);
  });

  it('use key names browsers accept', () => {
    for (const key of Object.keys(english)) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
  });
});

describe('messages the code uses', () => {
  const files = [...sourceFiles(path.join(ROOT, 'src')), path.join(ROOT, 'manifest.json')];
  const used = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const patterns = [
      /(?<![\w.$])t\(\s*'([A-Za-z0-9_]+)'/g,
      /\.message\(\s*'([A-Za-z0-9_]+)'/g,
      /getMessage\(\s*'([A-Za-z0-9_]+)'/g,
      /data-i18n(?:-[a-z-]+)?="([A-Za-z0-9_]+)"/g,
      /__MSG_([A-Za-z0-9_]+)__/g,
    ];
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) used.add(match[1]!);
    // Plural messages: English needs its _one and _other forms.
    for (const match of text.matchAll(/(?<![\w.$])plural(?:Message)?\(\s*(?:text,\s*)?'([A-Za-z0-9_]+)'/g)) {
      used.add(`${match[1]}_one`);
      used.add(`${match[1]}_other`);
    }
  }
  // Keys built at run time from a category or a setting's name.
  for (const category of CATEGORIES) used.add(`popupCategory_${category}`).add(`cardCategory_${category}`);
  for (const key of SETTING_KEYS) used.add(`settingName_${key}`);
  used.add('badgeTitle_one').add('badgeTitle_other');

  it('exist in English', () => {
    const missing = [...used].filter((key) => !Object.hasOwn(english, key));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });
});
