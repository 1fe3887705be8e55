// @vitest-environment happy-dom
// The card's content, as a reader sees it: who or what, the background with its date, the story's
// own sentences and source, related names, a figure beside the page's, and the way to the other
// mentions. Text only: nothing in a pack or a page is ever read as HTML.
import { describe, expect, it } from 'vitest';
import {
  buildCardView,
  figureVerdict,
  periodText,
  QUOTES_SHOWN,
  storyFigureText,
  type CardModel,
  type RelatedEntity,
} from '../../../src/content/card/card-view';
import { SEED_PACK } from '../../../src/story/seed-pack';
import type { Entity, Figure } from '../../../src/story/schema';
import { ENGLISH_TEXT } from './card-text-fixture';

const byId = new Map(SEED_PACK.entities.map((entity) => [entity.id, entity]));
const entity = (id: string): Entity => byId.get(id)!;
const relatedOf = (subject: Entity): RelatedEntity[] =>
  subject.related.map((id) => ({ id, name: entity(id).name, category: entity(id).category }));

function build(overrides: Partial<CardModel> & { entity: Entity }): HTMLElement {
  const model: CardModel = {
    story: SEED_PACK.story,
    related: relatedOf(overrides.entity),
    position: { index: 0, count: 1 },
    ...overrides,
  };
  const card = buildCardView(document, model, ENGLISH_TEXT);
  document.body.replaceChildren(card);
  return card;
}

const textOf = (root: Element, selector: string) => root.querySelector(selector)?.textContent ?? null;
const textsOf = (root: Element, selector: string) => [...root.querySelectorAll(selector)].map((node) => node.textContent);

describe('the card for a person', () => {
  const liQiang = entity('li-qiang');
  const card = () => build({ entity: liQiang, position: { index: 1, count: 4 } });

  it('names them, with their category and role', () => {
    const view = card();
    expect(textOf(view, '.name')).toBe('Li Qiang');
    expect(textOf(view, '.category')).toBe('Person');
    expect(textOf(view, '.role')).toBe('Premier of China (head of the State Council)');
    expect(view.dataset.category).toBe('person');
  });

  it('labels the background as background, with the date it is true as of', () => {
    const view = card();
    const section = view.querySelector('.background-section')!;
    expect(textOf(section, '.label')).toBe('Background, as of 21 August 2024');
    expect(textsOf(section, 'li')).toEqual(liQiang.background.map((item) => item.text));
  });

  it('gives each date its own label where the background spans several', () => {
    const view = build({
      entity: {
        ...liQiang,
        background: [
          { text: 'Older fact.', asOf: '2023-03' },
          { text: 'Newer fact.', asOf: '2024-08-21' },
        ],
      },
    });
    expect(textsOf(view, '.background-section .label')).toEqual([
      'Background, as of March 2023',
      'Background, as of 21 August 2024',
    ]);
  });

  it('quotes the story verbatim in blockquotes, citing CNN and the date', () => {
    const view = card();
    const quotes = textsOf(view, 'blockquote');
    expect(quotes).toEqual(liQiang.quotes.slice(0, QUOTES_SHOWN));
    expect(textOf(view, '.quotes-section .label')).toBe('In the story');
    expect(textOf(view, 'figcaption')).toBe('— CNN, 21 August 2024');
    expect(textOf(view, 'figcaption cite')).toBe('CNN');
  });

  it('offers the rest of the story’s sentences, and shows them all on request', () => {
    const hidden = liQiang.quotes.length - QUOTES_SHOWN;
    expect(textOf(card(), '[data-action="more-quotes"]')).toBe(`Show ${hidden} more sentences`);
    const all = build({ entity: liQiang, allQuotes: true });
    expect(textsOf(all, 'blockquote')).toEqual(liQiang.quotes);
    expect(all.querySelector('[data-action="more-quotes"]')).toBeNull();
  });

  it('lists the related entities by name', () => {
    expect(textsOf(card(), '.related li')).toEqual([
      'China',
      'Xi Jinping',
      'Vladimir Putin',
      'Mikhail Mishustin',
      'Annual China–Russia heads-of-government talks',
      'Roman Golovchenko',
    ]);
  });

  it('counts the mentions on the page and offers the previous and next one', () => {
    const view = card();
    expect(textOf(view, '.count')).toBe('4 mentions on this page');
    expect(textOf(view, '.position')).toBe('2 of 4');
    const previous = view.querySelector<HTMLButtonElement>('[data-action="previous"]')!;
    const next = view.querySelector<HTMLButtonElement>('[data-action="next"]')!;
    expect([previous.type, previous.getAttribute('aria-label')]).toEqual(['button', 'Previous mention']);
    expect([next.type, next.getAttribute('aria-label')]).toEqual(['button', 'Next mention']);
  });

  it('says "1 mention" and offers no buttons when there is only one', () => {
    const view = build({ entity: liQiang, position: { index: 0, count: 1 } });
    expect(textOf(view, '.count')).toBe('1 mention on this page');
    expect(view.querySelector('.nav')).toBeNull();
  });

  it('has no figure comparison', () => {
    expect(card().querySelector('.figure-section')).toBeNull();
  });
});

describe('the card for a figure', () => {
  const target = entity('trade-target-240bn');
  const pageFigure = { kind: 'money' as const, value: 240.1, text: 'US$240.1bn' };

  it('sets the page’s figure beside the story’s, and says how far apart they are', () => {
    const view = build({ entity: target, pageFigure });
    expect(textOf(view, '.category')).toBe('Figure');
    expect(textOf(view, '.page-figure dt')).toBe('This page');
    expect(textOf(view, '.page-figure dd')).toBe('US$240.1bn');
    expect(textOf(view, '.story-figure dt')).toBe('Story');
    expect(textOf(view, '.story-figure dd')).toBe('more than $240 billion 2023');
    expect(textOf(view, '.story-figure .period')).toBe('2023');
    expect(textOf(view, '.verdict')).toBe('0.1 billion higher');
    expect(view.querySelector<HTMLElement>('.verdict')!.dataset.relation).toBe('higher');
  });

  it('says so where the page’s value is the story’s', () => {
    const view = build({ entity: target, pageFigure: { kind: 'money', value: 240, text: '$240 billion' } });
    expect(textOf(view, '.verdict')).toBe('Same as the story');
  });

  it('shows only the story’s figure where the page states none', () => {
    const view = build({ entity: target });
    expect(view.querySelector('.page-figure')).toBeNull();
    expect(view.querySelector('.verdict')).toBeNull();
    expect(textOf(view, '.story-figure dd')).toContain('more than $240 billion');
  });

  it('compares percentages in points', () => {
    const growth = entity('trade-growth-2024');
    const view = build({ entity: growth, pageFigure: { kind: 'percent', value: 1.1, text: '1.1%' } });
    expect(textOf(view, '.story-figure dd')).toBe('about 1.6% January 2024–July 2024');
    expect(textOf(view, '.verdict')).toBe('0.5 points lower');
  });
});

describe('figure wording', () => {
  const figure = (overrides: Partial<Figure>): Figure => ({
    kind: 'percent',
    value: 25,
    qualifier: 'more-than',
    period: '2023',
    label: 'more than a quarter',
    ...overrides,
  });

  it('shows a figure in the story\'s own words, whatever the reader\'s language', () => {
    expect(storyFigureText(ENGLISH_TEXT, figure({}))).toBe('more than a quarter');
    expect(storyFigureText(ENGLISH_TEXT, figure({ qualifier: 'about', label: 'about 1.6%' }))).toBe('about 1.6%');
    expect(storyFigureText(ENGLISH_TEXT, figure({ qualifier: 'about', label: '1.6%' }))).toBe('1.6%');
    expect(storyFigureText(ENGLISH_TEXT, figure({ qualifier: 'exact', label: '25%' }))).toBe('25%');
  });

  it('writes periods as dates', () => {
    expect(periodText(ENGLISH_TEXT, '2023')).toBe('2023');
    expect(periodText(ENGLISH_TEXT, '2024-01/2024-07')).toBe('January 2024–July 2024');
    expect(periodText(ENGLISH_TEXT, '')).toBe('');
  });

  it('says one point, and several points', () => {
    const story = figure({ value: 25 });
    expect(figureVerdict(ENGLISH_TEXT, story, { kind: 'percent', value: 26, text: '26%' })).toBe('1 point higher');
    expect(figureVerdict(ENGLISH_TEXT, story, { kind: 'percent', value: 22.5, text: '22.5%' })).toBe('2.5 points lower');
  });
});

describe('untrusted text', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const entityWithHtml: Entity = {
    id: 'hostile',
    category: 'person',
    name: hostile,
    role: '<b>role</b>',
    background: [{ text: '<script>alert(1)</script>', asOf: '2024-01-01' }],
    quotes: ['<a href="javascript:alert(1)">quote</a>'],
    related: [],
    aliases: [{ text: 'hostile', lang: 'en' }],
  };

  it('shows markup in names, roles, background and quotes as text', () => {
    const view = build({
      entity: entityWithHtml,
      related: [{ id: 'other', name: '<iframe src=x>', category: 'place' }],
      story: { ...SEED_PACK.story, source: '<i>source</i>' },
      position: { index: 0, count: 2 },
    });
    expect(textOf(view, '.name')).toBe(hostile);
    expect(textOf(view, '.role')).toBe('<b>role</b>');
    expect(textOf(view, '.background-list li')).toBe('<script>alert(1)</script>');
    expect(textOf(view, 'blockquote')).toBe('<a href="javascript:alert(1)">quote</a>');
    expect(textOf(view, '.related li')).toBe('<iframe src=x>');
    expect(textOf(view, 'figcaption cite')).toBe('<i>source</i>');
    expect(view.querySelectorAll('img, script, a, b, i, iframe')).toHaveLength(0);
  });

  it('shows a page’s figure text as text', () => {
    const view = build({
      entity: entity('trade-target-240bn'),
      pageFigure: { kind: 'money', value: 240, text: '<img src=x onerror=alert(1)>$240bn' },
    });
    expect(textOf(view, '.page-figure dd')).toBe('<img src=x onerror=alert(1)>$240bn');
    expect(view.querySelectorAll('img')).toHaveLength(0);
  });
});
