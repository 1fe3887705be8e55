import browser from '../lib/browser';

const BADGE_COLOUR = '#3367d6';

/** Shows the tab's mention count on the toolbar icon; nothing when there are none. */
export async function showCount(tabId: number, total: number): Promise<void> {
  const text = total <= 0 ? '' : total > 999 ? '999+' : String(total);
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOUR });
    await browser.action.setBadgeText({ tabId, text });
  } catch {
    // The tab closed before the count arrived.
  }
}
