// The page half of the popup: how much of the story this page mentions, the entities found by
// category with their counts (each a button that shows its next mention), and the trade figures
// found, each against the story's.
import { figureVerdict, periodText, storyFigureText } from '../content/card/card-view';
import { browserCardText } from '../content/card/card-text';
import { compareFigure } from '../match';
import { formatNumber, plural, t } from '../lib/i18n';
import type { PageReport } from '../lib/messages';
import { CATEGORIES, type StoryPack } from '../story/schema';
import { byId, element } from './dom';



/** Says something about the page instead of listing what it mentions. */
export function showPageStatus(message: string): void {
  byId('page-status').textContent = message;
  byId('page-total').textContent = '';
  byId('meter').hidden = true;
  byId('page-entities').replaceChildren();
  byId('page-figures').replaceChildren();
  byId('page-figures-block').hidden = true;
}

export function renderReport(pack: StoryPack, report: PageReport, reveal: (entityId: string) => void): void {
  if (report.entities.length === 0) {
    showPageStatus(t('popupPageNoMentions'));
    return;
  }
  const found = report.entities.length;
  const total = pack.entities.length;
  byId('page-status').textContent = t('popupPageMentions', [formatNumber(found), formatNumber(total)]);
  byId('page-total').textContent = plural('popupMentionTotal', report.total);
  byId('meter').hidden = false;
  byId('meter-fill').style.width = `${Math.min(100, Math.round((found / Math.max(1, total)) * 100))}%`;

  const names = new Map(pack.entities.map((entity) => [entity.id, entity.name]));
  const groups: HTMLElement[] = [];
  for (const category of CATEGORIES) {
    const entities = report.entities
      .filter((entity) => entity.category === category)
      .sort((a, b) => b.count - a.count || (names.get(a.entityId) ?? '').localeCompare(names.get(b.entityId) ?? ''));
    if (entities.length === 0) continue;
    const group = element('div', 'group');
    group.dataset.category = category;
    const list = element('ul', 'entities');
    for (const { entityId, count } of entities) {
      const name = names.get(entityId) ?? entityId;
      const item = element('li');
      item.dataset.entity = entityId;
      item.dataset.category = category;
      const button = element('button', 'entity');
      button.type = 'button';
      button.title = t('popupRevealHint', [name]);
      button.append(element('span', 'name', name), element('span', 'count', formatNumber(count)));
      button.addEventListener('click', () => reveal(entityId));
      item.append(button);
      list.append(item);
    }
    group.append(element('h3', null, t(`popupCategory_${category}`)), list);
    groups.push(group);
  }
  byId('page-entities').replaceChildren(...groups);
  renderFigures(pack, report);
}

function renderFigures(pack: StoryPack, report: PageReport): void {
  const text = browserCardText();
  const items: HTMLElement[] = [];
  const seen = new Set<string>();
  for (const found of report.figures) {
    const key = `${found.entityId}\n${found.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const figure = pack.entities.find((entity) => entity.id === found.entityId)?.figure;
    if (!figure) continue;
    const value = { kind: figure.kind, value: found.value, text: found.text };
    const item = element('li', 'page-figure');
    item.dataset.entity = found.entityId;
    item.dataset.relation = compareFigure(figure, value).relation;
    const period = periodText(text, figure.period);
    const story = storyFigureText(text, figure) + (period ? ` (${period})` : '');
    item.append(
      element('span', 'found', found.text),
      element('span', 'verdict', figureVerdict(text, figure, value)),
      element('span', 'in-story', t('popupFigureInStory', [story])),
    );
    items.push(item);
  }
  byId('page-figures').replaceChildren(...items);
  byId('page-figures-block').hidden = items.length === 0;
}
