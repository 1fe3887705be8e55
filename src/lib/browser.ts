// The one import of webextension-polyfill. Unit tests replace this module; nothing else imports
// the polyfill or touches the `chrome` global.
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime, Tabs } from 'webextension-polyfill';
