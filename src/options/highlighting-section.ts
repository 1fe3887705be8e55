// Which categories to highlight, the hover delay and the badge.
import { t } from '../lib/i18n';
import { HOVER_DELAY_RANGE, saveSettings, type Settings } from '../lib/settings';
import { CATEGORIES, type Category } from '../story/schema';
import { byId, element } from '../popup/dom';

/**
 * How long the slider rests before its value is written. storage.sync takes at most 120 writes a
 * minute; a drag fires dozens of input events a second, and a held arrow key a change event for
 * every step.
 */
export const SLIDER_SAVE_DELAY_MS = 400;

export interface Section {
  render(settings: Settings): void;
}

export function highlightingSection(saved: () => void): Section {
  const categories = byId('categories');
  const boxes = new Map<Category, HTMLInputElement>();
  for (const category of CATEGORIES) {
    const box = element('input');
    box.type = 'checkbox';
    box.name = 'category';
    box.value = category;
    box.addEventListener('change', () => {
      const chosen = Object.fromEntries([...boxes].map(([name, input]) => [name, input.checked])) as Record<Category, boolean>;
      void saveSettings({ categories: chosen }).then(saved);
    });
    boxes.set(category, box);
    const label = element('label', 'category');
    label.dataset.category = category;
    label.append(box, element('span', 'swatch'), element('span', null, t(`popupCategory_${category}`)));
    categories.append(label);
  }

  const slider = byId<HTMLInputElement>('hover-delay');
  const output = byId<HTMLOutputElement>('hover-delay-value');
  slider.min = String(HOVER_DELAY_RANGE.min);
  slider.max = String(HOVER_DELAY_RANGE.max);
  const showDelay = (value: number) => {
    output.textContent = t('optionsMilliseconds', [String(value)]);
  };
  let timer: number | undefined;
  const saveDelay = () => {
    window.clearTimeout(timer);
    timer = undefined;
    void saveSettings({ hoverDelay: Number(slider.value) }).then(saved);
  };
  const scheduleSave = () => {
    showDelay(Number(slider.value));
    window.clearTimeout(timer);
    timer = window.setTimeout(saveDelay, SLIDER_SAVE_DELAY_MS);
  };
  slider.addEventListener('input', scheduleSave);
  slider.addEventListener('change', scheduleSave);
  // Leaving the slider, or the page, saves what is pending at once.
  const flush = () => {
    if (timer !== undefined) saveDelay();
  };
  slider.addEventListener('blur', flush);
  window.addEventListener('pagehide', flush);

  const badge = byId<HTMLInputElement>('show-badge');
  badge.addEventListener('change', () => void saveSettings({ showBadge: badge.checked }).then(saved));

  return {
    render(settings) {
      for (const [category, box] of boxes) box.checked = settings.categories[category];
      // Not while the user is moving it: a stored value arriving mid-drag would pull it back.
      if (timer === undefined && document.activeElement !== slider) {
        slider.value = String(settings.hoverDelay);
        showDelay(settings.hoverDelay);
      }
      badge.checked = settings.showBadge;
    },
  };
}
