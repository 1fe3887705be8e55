// UI strings come from _locales through browser.i18n, so the UI follows the browser's language.
import browser from './browser';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Fills every element that has data-i18n="key" with its message, as text. */
export function localizePage(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n!);
  }
  document.documentElement.lang = browser.i18n.getUILanguage();
}

/** A story date (YYYY, YYYY-MM or YYYY-MM-DD) written the reader's way. */
export function formatStoryDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', timeZone: 'UTC' };
  if (month) options.month = 'long';
  if (day) options.day = 'numeric';
  return new Intl.DateTimeFormat(browser.i18n.getUILanguage(), options).format(
    new Date(Date.UTC(year!, (month ?? 1) - 1, day ?? 1)),
  );
}
