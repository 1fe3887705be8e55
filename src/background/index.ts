// Background service worker (Chrome) / event page (Firefox): keeps each tab's badge, and repairs
// stored settings (migrations, healed values) so that no other part of the extension has to write.
import browser from '../lib/browser';
import { handleMessages } from '../lib/messages';
import { prepareStoredPretests } from '../lib/pack-pretests';
import { repairSettings } from '../lib/settings';
import { forgetTab, showFrameCount, startBadge } from './badge';
import './commands';

startBadge();

// On every wake, and after every change to the settings: a repair that finds nothing writes nothing,
// so its own write is followed by one more read and no further write.
void repairSettings().catch(() => undefined);
browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'sync') void repairSettings().catch(() => undefined);
});

// A new version may write the pre-tests of imported packs in another form: write them again.
browser.runtime.onInstalled.addListener(() => void prepareStoredPretests().catch(() => undefined));

handleMessages({
  'page-count': ({ total }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId !== undefined) void showFrameCount(tabId, sender.frameId ?? 0, total);
  },
});

// A new page in the tab starts with no count until its content scripts report one.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading' && change.url !== undefined) void forgetTab(tabId);
});
browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId, false));
