// The toolbar popup: the controls for this site and for all sites, what this page mentions of the
// story, and the story itself.
import browser from '../lib/browser';
import { localizePage, t } from '../lib/i18n';
import { sendToTab, type PageReport } from '../lib/messages';
import { loadActivePack } from '../lib/packs';
import {
  loadSettings,
  onHealedNotice,
  onSettingsChanged,
  saveSettings,
  setSiteEnabled,
  siteOf,
  type Settings,
} from '../lib/settings';
import type { StoryPack } from '../story/schema';
import { renderReport, showPageStatus } from './page-view';
import { renderStory } from './story-view';
import { byId } from './dom';

const ALL_SITES = { origins: ['http://*/*', 'https://*/*'] };
/** How often the report is asked for again while the popup is open: live pages change. */
const REFRESH_MS = 1000;
/** Sites that browsers close to every extension, though their addresses are http(s). */
const CLOSED_HOSTS = ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com'];


/**
 * The tab the popup reports on: the active one. Test seam: where the popup is opened as a page of
 * its own (Firefox tests cannot open the real popup), ?tab=ID names the tab instead.
 */
async function reportedTabId(): Promise<number> {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('No active tab');
  return tab.id;
}

/** The site the tab shows, or null where no content script can run (browser pages, stores). */
function siteWithContent(url: string | undefined): string | null {
  const site = url ? siteOf(url) : null;
  if (!site) return null;
  const { hostname, pathname } = new URL(url!);
  if (hostname === 'chrome.google.com' && !pathname.startsWith('/webstore')) return site;
  return CLOSED_HOSTS.includes(hostname) ? null : site;
}

async function showAccessRequest(): Promise<boolean> {
  if (await browser.permissions.contains(ALL_SITES)) return false;
  const notice = byId('access');
  notice.hidden = false;
  byId('grant-access').addEventListener('click', async () => {
    // permissions.request must run in the click's user gesture, before any other await.
    if (await browser.permissions.request(ALL_SITES)) {
      notice.hidden = true;
      showPageStatus(t('popupReloadHint'));
    }
  });
  return true;
}

function renderControls(settings: Settings, site: string | null): void {
  const everywhere = byId<HTMLInputElement>('everywhere-switch');
  everywhere.checked = settings.enabled;
  byId('site-row').hidden = site === null;
  if (site === null) return;
  byId('site-label').textContent = t('popupSiteSwitch', [site]);
  const siteSwitch = byId<HTMLInputElement>('site-switch');
  siteSwitch.checked = !settings.disabledSites.includes(site);
  siteSwitch.disabled = !settings.enabled;
  byId('site-row').classList.toggle('disabled', !settings.enabled);
}

function showPackProblem(problem: string | undefined): void {
  const notice = byId('pack-problem');
  notice.hidden = problem === undefined;
  notice.textContent = problem ?? '';
}

async function main(): Promise<void> {
  localizePage();
  byId('open-options').addEventListener('click', () => {
    void browser.runtime.openOptionsPage().then(() => window.close());
  });
  onHealedNotice((keys) => {
    const notice = byId('healed');
    notice.textContent = t('healedNotice', [keys.map((key) => t(`settingName_${key}`)).join(', ')]);
    notice.hidden = false;
  });

  let settings = await loadSettings();
  let active: { pack: StoryPack; problem?: string } = await loadActivePack(settings);
  renderStory(active.pack);
  showPackProblem(active.problem);

  const tabId = await reportedTabId().catch(() => undefined);
  const tab = tabId === undefined ? undefined : await browser.tabs.get(tabId).catch(() => undefined);
  const site = siteWithContent(tab?.url);
  renderControls(settings, site);
  requestAnimationFrame(() => document.body.classList.add('ready'));

  byId<HTMLInputElement>('everywhere-switch').addEventListener('change', (event) => {
    void saveSettings({ enabled: (event.target as HTMLInputElement).checked });
  });
  byId<HTMLInputElement>('site-switch').addEventListener('change', (event) => {
    if (site) void setSiteEnabled(site, (event.target as HTMLInputElement).checked);
  });

  const needsAccess = await showAccessRequest();
  if (needsAccess) return;
  if (tabId === undefined || (tab?.url !== undefined && site === null)) {
    showPageStatus(t('popupCannotRun'));
    return;
  }

  let shown = '';
  const refresh = async () => {
    let report: PageReport | null = null;
    try {
      report = await sendToTab(tabId, 'page-report', {});
    } catch {
      report = null;
    }
    const state = JSON.stringify([report, settings.enabled, active.pack.id]);
    if (state === shown) return;
    shown = state;
    if (!report) showPageStatus(t(site === null ? 'popupCannotRun' : 'popupNotRunning'));
    else if (!report.active) showPageStatus(t(settings.enabled ? 'popupSiteOff' : 'popupPaused'));
    else renderReport(active.pack, report, (entityId) => void sendToTab(tabId, 'reveal-entity', { entityId }).catch(() => false));
  };
  await refresh();
  window.setInterval(() => void refresh(), REFRESH_MS);

  onSettingsChanged(async (next) => {
    const packChanged = next.activePack !== settings.activePack;
    settings = next;
    renderControls(settings, site);
    if (packChanged) {
      active = await loadActivePack(settings);
      renderStory(active.pack);
      showPackProblem(active.problem);
    }
    await refresh();
  });
}

void main();
