// The toolbar popup: what this page mentions of the story, and the story itself.
import browser from '../lib/browser';
import { formatStoryDate, localizePage, t } from '../lib/i18n';
import { sendToTab, type PageReport } from '../lib/messages';
import { SEED_PACK } from '../story/seed-pack';
import type { StoryPack } from '../story/schema';

const ALL_SITES = { origins: ['http://*/*', 'https://*/*'] };

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function renderStory(pack: StoryPack): void {
  const { story } = pack;
  byId('headline').textContent = story.headline;
  byId('source').textContent = story.source;
  const date = byId<HTMLTimeElement>('date');
  date.dateTime = story.date;
  date.textContent = formatStoryDate(story.date);
  byId('summary').textContent = story.summary.join(' ');
}

function renderReport(pack: StoryPack, report: PageReport): void {
  const status = byId('page-status');
  if (report.entities.length === 0) {
    status.textContent = t('popupPageNoMentions');
    return;
  }
  status.textContent = t('popupPageMentions', [String(report.entities.length), String(pack.entities.length)]);
  const names = new Map(pack.entities.map((entity) => [entity.id, entity.name]));
  const list = byId('page-entities');
  for (const { entityId, category, count } of report.entities) {
    const item = document.createElement('li');
    item.dataset.entity = entityId;
    item.dataset.category = category;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = names.get(entityId) ?? entityId;
    const badge = document.createElement('span');
    badge.className = 'count';
    badge.textContent = String(count);
    item.append(name, badge);
    list.append(item);
  }
}

async function showAccessRequest(): Promise<boolean> {
  if (await browser.permissions.contains(ALL_SITES)) return false;
  const notice = byId('access');
  notice.hidden = false;
  byId('grant-access').addEventListener('click', async () => {
    // permissions.request must run in the click's user gesture, before any other await.
    if (await browser.permissions.request(ALL_SITES)) {
      notice.hidden = true;
      byId('page-status').textContent = t('popupReloadHint');
    }
  });
  return true;
}

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

async function main(): Promise<void> {
  localizePage();
  const pack = SEED_PACK;
  renderStory(pack);
  if (await showAccessRequest()) return;
  try {
    const tabId = await reportedTabId();
    renderReport(pack, await sendToTab(tabId, 'page-report', {}));
  } catch {
    byId('page-status').textContent = t('popupCannotRun');
  }
}

void main();
