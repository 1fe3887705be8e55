// The badge on the toolbar icon: the number of mentions in the tab, all its frames together, unless
// the user switched the badge off in the options.
import browser from '../lib/browser';
import { plural, t } from '../lib/i18n';
import { loadSettings, onSettingsChanged } from '../lib/settings';

const BADGE_COLOUR = '#3367d6';
/** Mention counts by tab, then by frame. A restarted worker starts empty and fills as frames report. */
const counts = new Map<number, Map<number, number>>();
/** Whether the badge is shown; read before the first render, so a woken worker never flashes a count. */
let showBadge: Promise<boolean> = Promise.resolve(true);

/** Follows the showBadge setting, and re-renders every known tab when it changes. */
export function startBadge(signal?: AbortSignal): void {
  showBadge = loadSettings().then(
    (settings) => settings.showBadge,
    () => true,
  );
  let shown: boolean | undefined;
  void showBadge.then((value) => (shown = value));
  onSettingsChanged((settings) => {
    if (settings.showBadge === shown) return;
    shown = settings.showBadge;
    showBadge = Promise.resolve(settings.showBadge);
    void renderAll();
  }, signal);
}

export async function showFrameCount(tabId: number, frameId: number, total: number): Promise<void> {
  let frames = counts.get(tabId);
  if (!frames) counts.set(tabId, (frames = new Map()));
  if (total > 0) frames.set(frameId, total);
  else frames.delete(frameId);
  await render(tabId);
}

export async function forgetTab(tabId: number, clearBadge = true): Promise<void> {
  counts.delete(tabId);
  if (clearBadge) await render(tabId);
}

export function tabCount(tabId: number): number {
  let sum = 0;
  for (const total of counts.get(tabId)?.values() ?? []) sum += total;
  return sum;
}

/** The badge's text: at most four characters fit. */
export function badgeText(total: number): string {
  return total <= 0 ? '' : total > 999 ? '999+' : String(total);
}

async function renderAll(): Promise<void> {
  await Promise.all([...counts.keys()].map((tabId) => render(tabId)));
}

async function render(tabId: number): Promise<void> {
  const total = (await showBadge) ? tabCount(tabId) : 0;
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOUR });
    await browser.action.setBadgeText({ tabId, text: badgeText(total) });
    await browser.action.setTitle({ tabId, title: total > 0 ? plural('badgeTitle', total) : t('actionTitle') });
  } catch {
    // The tab closed before the count arrived.
  }
}
