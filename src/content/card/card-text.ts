// The card's words from the extension's _locales, in the browser's language.
import browser from '../../lib/browser';
import { formatStoryDate } from '../../lib/i18n';
import type { CardText } from './card-view';

export function browserCardText(): CardText {
  return {
    message: (key, substitutions) => browser.i18n.getMessage(key, substitutions),
    date: formatStoryDate,
    language: browser.i18n.getUILanguage(),
  };
}
