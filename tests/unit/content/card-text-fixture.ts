// The card's words as the extension's English _locales gives them, for tests that run outside a
// browser: the same messages file, placeholders filled the way browser.i18n.getMessage fills them.
import messages from '../../../assets/_locales/en/messages.json';
import type { CardText } from '../../../src/content/card/card-view';

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const MESSAGES = messages as Record<string, MessageEntry>;

export function englishMessage(key: string, substitutions: string[] = []): string {
  const entry = MESSAGES[key];
  if (!entry) return '';
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    if (!placeholder) return '';
    return placeholder.content.replace(/\$(\d)/g, (__, index: string) => substitutions[Number(index) - 1] ?? '');
  });
}

export const ENGLISH_TEXT: CardText = {
  message: englishMessage,
  date(date) {
    const [year, month, day] = date.split('-').map(Number);
    const options: Intl.DateTimeFormatOptions = { year: 'numeric', timeZone: 'UTC' };
    if (month) options.month = 'long';
    if (day) options.day = 'numeric';
    return new Intl.DateTimeFormat('en-GB', options).format(new Date(Date.UTC(year!, (month ?? 1) - 1, day ?? 1)));
  },
  language: 'en-GB',
};
