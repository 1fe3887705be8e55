// Keyboard commands (manifest "commands"): Alt+Shift+J and Alt+Shift+K move focus to the next or
// previous mention on the page, in the active tab's top frame. Registered when imported, at the
// top level of the background script, so that a command wakes the service worker or event page.
import browser, { type Tabs } from '../lib/browser';
import { sendToTab } from '../lib/messages';

export const COMMAND_DIRECTIONS: Record<string, 1 | -1> = {
  'next-mention': 1,
  'previous-mention': -1,
};

async function activeTabId(tab: Tabs.Tab | undefined): Promise<number | undefined> {
  if (tab?.id !== undefined) return tab.id;
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return active?.id;
}

/** Sends a command to the tab's content script; false where it has none (a browser page). */
export async function runCommand(command: string, tab?: Tabs.Tab): Promise<boolean> {
  const direction = COMMAND_DIRECTIONS[command];
  if (direction === undefined) return false;
  const tabId = await activeTabId(tab);
  if (tabId === undefined) return false;
  try {
    return (await sendToTab(tabId, 'move-focus', { direction })) === true;
  } catch {
    return false;
  }
}

browser.commands.onCommand.addListener((command, tab) => void runCommand(command, tab));
