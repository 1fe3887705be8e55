// The story half of the popup: headline, date and source, the background summary, the key figures,
// the timeline and the documents signed. The pack is untrusted input: text only, never HTML.
import { storyFigureText, periodText } from '../content/card/card-view';
import { browserCardText } from '../content/card/card-text';
import { formatStoryDate, t } from '../lib/i18n';
import type { StoryPack } from '../story/schema';
import { byId, element } from './dom';

/** Summary sentences shown before "Show more". */
const SUMMARY_SHOWN = 2;



function time(date: string): HTMLTimeElement {
  const node = element('time', null, formatStoryDate(date));
  node.dateTime = date;
  return node;
}

export function renderStory(pack: StoryPack): void {
  const { story } = pack;
  byId('headline').textContent = story.headline;
  const source = byId('source');
  source.replaceChildren();
  if (story.url) {
    const link = element('a', null, story.source);
    link.href = story.url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    source.append(link);
  } else {
    source.textContent = story.source;
  }
  const date = byId<HTMLTimeElement>('date');
  date.dateTime = story.date;
  date.textContent = formatStoryDate(story.date);

  renderSummary(story.summary);
  renderKeyFigures(pack);
  renderTimeline(pack);
  const documents = byId('documents');
  documents.replaceChildren(...story.documents.map((text) => element('li', null, text)));
  byId('documents-block').hidden = story.documents.length === 0;
}

function renderSummary(sentences: readonly string[]): void {
  const summary = byId('summary');
  const more = byId<HTMLButtonElement>('summary-more');
  const paragraphs = sentences.map((sentence, index) => {
    const paragraph = element('p', null, sentence);
    if (index >= SUMMARY_SHOWN) paragraph.classList.add('more');
    return paragraph;
  });
  summary.replaceChildren(...paragraphs);
  more.hidden = sentences.length <= SUMMARY_SHOWN;
  const show = (expanded: boolean) => {
    summary.classList.toggle('expanded', expanded);
    more.setAttribute('aria-expanded', String(expanded));
    more.textContent = t(expanded ? 'popupShowLess' : 'popupShowMore');
  };
  show(false);
  more.onclick = () => show(more.getAttribute('aria-expanded') !== 'true');
}

function renderKeyFigures(pack: StoryPack): void {
  const text = browserCardText();
  const items: HTMLElement[] = [];
  for (const id of pack.story.keyFigures) {
    const entity = pack.entities.find((candidate) => candidate.id === id);
    if (!entity?.figure) continue;
    const item = element('li', 'key-figure');
    item.dataset.entity = entity.id;
    item.append(
      element('span', 'key-figure-value', storyFigureText(text, entity.figure)),
      element('span', 'key-figure-name', entity.name),
    );
    const period = periodText(text, entity.figure.period);
    if (period) item.append(element('span', 'key-figure-period', period));
    items.push(item);
  }
  byId('key-figures').replaceChildren(...items);
  byId('key-figures-block').hidden = items.length === 0;
}

function renderTimeline(pack: StoryPack): void {
  const items = pack.story.timeline.map((event) => {
    const item = element('li', event.background ? 'background' : null);
    item.append(time(event.date), element('p', null, event.text));
    if (event.background) {
      item.append(element('span', 'tag', t('popupBackgroundAsOf', [formatStoryDate(event.background.asOf)])));
    }
    return item;
  });
  byId('timeline').replaceChildren(...items);
  byId('timeline-block').hidden = items.length === 0;
}
