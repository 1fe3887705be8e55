// On everywhere or paused, and the list of sites where Backstory is switched off.
import { t } from '../lib/i18n';
import {
  InvalidSettingError,
  MAX_DISABLED_SITES,
  SYNC_ITEM_BYTES,
  loadSettings,
  parseSiteInput,
  saveSettings,
  syncItemBytes,
  type Settings,
} from '../lib/settings';
import { byId, element } from '../popup/dom';
import type { Section } from './highlighting-section';

export function sitesSection(saved: () => void): Section {
  const enabled = byId<HTMLInputElement>('enabled');
  enabled.addEventListener('change', () => void saveSettings({ enabled: enabled.checked }).then(saved));

  const form = byId<HTMLFormElement>('add-site');
  const input = byId<HTMLInputElement>('site-input');
  const error = byId('site-error');
  const list = byId('site-list');

  const showError = (message: string) => {
    error.textContent = message;
    input.setAttribute('aria-invalid', String(message !== ''));
  };
  input.addEventListener('input', () => showError(''));

  const saveSites = async (sites: string[]) => {
    try {
      await saveSettings({ disabledSites: sites });
      saved();
      return true;
    } catch (failure) {
      if (!(failure instanceof InvalidSettingError)) throw failure;
      showError(t('optionsSiteListFull'));
      return false;
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const typed = input.value.trim();
    const site = parseSiteInput(typed);
    if (!site) {
      showError(t('optionsInvalidSite', [typed]));
      input.focus();
      return;
    }
    const { disabledSites } = await loadSettings();
    if (disabledSites.includes(site)) {
      showError(t('optionsSiteListed', [site]));
      return;
    }
    const next = [...disabledSites, site].sort();
    if (next.length > MAX_DISABLED_SITES || syncItemBytes('disabledSites', next) > SYNC_ITEM_BYTES) {
      showError(t('optionsSiteListFull'));
      return;
    }
    if (await saveSites(next)) {
      input.value = '';
      showError('');
    }
  });

  return {
    render(settings: Settings) {
      enabled.checked = settings.enabled;
      const items = settings.disabledSites.map((site) => {
        const item = element('li');
        item.dataset.site = site;
        const remove = element('button', 'link-button remove', t('optionsRemove'));
        remove.type = 'button';
        remove.setAttribute('aria-label', t('optionsRemoveSite', [site]));
        remove.addEventListener('click', async () => {
          const current = await loadSettings();
          await saveSites(current.disabledSites.filter((known) => known !== site));
        });
        item.append(element('span', 'site', site), remove);
        return item;
      });
      list.replaceChildren(...items);
      byId('no-sites').hidden = items.length > 0;
    },
  };
}
