// Background service worker (Chrome) / event page (Firefox): keeps each tab's badge.
import browser from '../lib/browser';
import { handleMessages } from '../lib/messages';
import { showCount } from './badge';

handleMessages({
  'page-count': ({ total }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId !== undefined && sender.frameId === 0) void showCount(tabId, total);
  },
});

// A new page in the tab starts with no count until its content script reports one.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading' && change.url !== undefined) void showCount(tabId, 0);
});
