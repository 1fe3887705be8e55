// UI strings come from _locales through browser.i18n, so the UI follows the browser's language.
// The story's own words (headline, summary, quotes) stay in the pack's language: they are facts.
import browser from './browser';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/**
 * A message with plural forms: key_one, key_few, … as Intl.PluralRules picks for the count, else
 * key_other. Locales without a form of their own (Russian's "few") word key_other so that it reads
 * for any number.
 */
export function plural(key: string, count: number, substitutions: string[] = [formatNumber(count)]): string {
  const form = new Intl.PluralRules(uiLanguage()).select(count);
  return browser.i18n.getMessage(`${key}_${form}`, substitutions) || t(`${key}_other`, substitutions);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(uiLanguage(), { maximumFractionDigits: 2 }).format(value);
}

/**
 * Fills the page's words from _locales: an element's data-i18n attribute names the message for its
 * text, and data-i18n-title, data-i18n-placeholder and data-i18n-aria-label name those for its
 * attributes. Always as text, never as HTML.
 */
export function localizePage(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n!);
  }
  for (const attribute of ['title', 'placeholder', 'aria-label'] as const) {
    for (const element of root.querySelectorAll<HTMLElement>(`[data-i18n-${attribute}]`)) {
      element.setAttribute(attribute, t(element.getAttribute(`data-i18n-${attribute}`)!));
    }
  }
  document.documentElement.lang = uiLanguage();
}

/**
 * Date formats by language and precision, made once: the first Intl format a page makes loads the
 * locale's data (30–50 ms here), and a card shows several dates.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A story date (YYYY, YYYY-MM or YYYY-MM-DD) written the reader's way. */
export function formatStoryDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const language = uiLanguage();
  const key = `${language} ${month ? 'm' : ''}${day ? 'd' : ''}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { year: 'numeric', timeZone: 'UTC' };
    if (month) options.month = 'long';
    if (day) options.day = 'numeric';
    format = new Intl.DateTimeFormat(language, options);
    dateFormats.set(key, format);
  }
  return format.format(new Date(Date.UTC(year!, (month ?? 1) - 1, day ?? 1)));
}
