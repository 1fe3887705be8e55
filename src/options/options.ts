// The options page: what to highlight, the badge, the sites where Backstory is off, the story
// packs, and a way back to the defaults. Every change is saved at once and reaches open tabs
// through storage.onChanged.
import { localizePage, t } from '../lib/i18n';
import { onPacksChanged } from '../lib/packs';
import { loadSettings, onHealedNotice, onSettingsChanged, resetSettings, type Settings } from '../lib/settings';
import { byId } from '../popup/dom';
import { highlightingSection } from './highlighting-section';
import { packsSection } from './packs-section';
import { sitesSection } from './sites-section';

const SAVED_SHOWN_MS = 1500;

function savedIndicator(): () => void {
  const status = byId('saved');
  let timer: number | undefined;
  return () => {
    status.textContent = t('optionsSaved');
    status.classList.add('shown');
    window.clearTimeout(timer);
    timer = window.setTimeout(() => status.classList.remove('shown'), SAVED_SHOWN_MS);
  };
}

function resetControls(saved: () => void): void {
  const confirm = byId('reset-confirm');
  const reset = byId<HTMLButtonElement>('reset');
  reset.addEventListener('click', () => {
    confirm.hidden = false;
    reset.hidden = true;
    byId('reset-no').focus();
  });
  const close = () => {
    confirm.hidden = true;
    reset.hidden = false;
  };
  byId('reset-no').addEventListener('click', () => {
    close();
    reset.focus();
  });
  byId('reset-yes').addEventListener('click', async () => {
    await resetSettings();
    close();
    saved();
  });
}

async function main(): Promise<void> {
  localizePage();
  document.title = t('optionsTitle');
  const saved = savedIndicator();
  onHealedNotice((keys) => {
    const notice = byId('healed');
    notice.textContent = t('healedNotice', [keys.map((key) => t(`settingName_${key}`)).join(', ')]);
    notice.hidden = false;
  });

  const highlighting = highlightingSection(saved);
  const sites = sitesSection(saved);
  const packs = packsSection(saved);
  resetControls(saved);

  let settings: Settings = await loadSettings();
  const render = async () => {
    highlighting.render(settings);
    sites.render(settings);
    await packs.render(settings);
  };
  onSettingsChanged((next) => {
    settings = next;
    void render();
  });
  onPacksChanged(() => void packs.render(settings));
  await render();
  document.body.dataset.ready = 'true';
}

void main();
