// Builds the hover card's content for one mention: who or what it is, its background, what the
// story says of it, related entities, the figure compared with the page's, and the way to the
// entity's other mentions. Built from DOM nodes and textContent only: the page's text and an
// imported pack are untrusted, so nothing here is ever parsed as HTML.
import { compareFigure, type FigureValue } from '../../match';
import type { Category, Entity, Figure, Story } from '../../story/schema';

/** The UI's words, numbers and dates, in the reader's language. */
export interface CardText {
  /** A message from _locales by key, with its substitutions; '' when there is none. */
  message(key: string, substitutions?: string[]): string;
  /** A story date (YYYY, YYYY-MM or YYYY-MM-DD) written the reader's way. */
  date(date: string): string;
  /** The reader's language (a BCP 47 tag), for numbers and plural forms. */
  language: string;
}

export interface RelatedEntity {
  id: string;
  name: string;
  category: Category;
}

export interface CardModel {
  entity: Entity;
  story: Story;
  related: readonly RelatedEntity[];
  /** For a figure mention: the value as the page states it. */
  pageFigure?: FigureValue | undefined;
  /** This mention's place among the entity's mentions on the page: 0-based index, and count. */
  position: { index: number; count: number };
  /** All the story's sentences about the entity, not only the first few. */
  allQuotes?: boolean;
}

/** What the card's buttons do; the controller reads it from data-action. */
export type CardAction = 'previous' | 'next' | 'more-quotes';

/** Sentences of the story shown before "Show n more". */
export const QUOTES_SHOWN = 2;

/** A message with plural forms: key_one, key_few, … chosen by Intl.PluralRules, else key_other. */
export function pluralMessage(text: CardText, key: string, count: number, substitutions: string[]): string {
  const form = new Intl.PluralRules(text.language).select(count);
  return text.message(`${key}_${form}`, substitutions) || text.message(`${key}_other`, substitutions);
}

function formatNumber(text: CardText, value: number): string {
  return new Intl.NumberFormat(text.language, { maximumFractionDigits: 2 }).format(value);
}

/** The story's figure as the story states it: "more than $240 billion", "about 1.6%". */
export function storyFigureText(_text: CardText, figure: Figure): string {
  // The label states the figure as the story does, qualifier and all, in the pack's language;
  // adding a qualifier in the reader's language would say it twice in two languages.
  return figure.label;
}

/** A figure's period written the reader's way: "2023", "January 2024–July 2024". */
export function periodText(text: CardText, period: string): string {
  if (!period) return '';
  return period
    .split('/')
    .map((part) => (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(part) ? text.date(part) : part))
    .join('–');
}

/** How the page's value stands to the story's: "Same as the story", "0.1 billion higher". */
export function figureVerdict(text: CardText, figure: Figure, found: FigureValue): string {
  const comparison = compareFigure(figure, found);
  if (comparison.relation === 'same') return text.message('cardFigureSame');
  const number = formatNumber(text, comparison.difference);
  const amount =
    comparison.unit === 'billion-usd'
      ? text.message('cardAmountBillion', [number])
      : pluralMessage(text, 'cardAmountPoints', comparison.difference, [number]);
  return text.message(comparison.relation === 'higher' ? 'cardFigureHigher' : 'cardFigureLower', [amount]);
}

type Child = Node | string;

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function chevron(doc: Document, direction: 'previous' | 'next'): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = doc.createElementNS(ns, 'path');
  path.setAttribute('d', direction === 'previous' ? 'M10 3.5 5.5 8l4.5 4.5' : 'M6 3.5 10.5 8 6 12.5');
  svg.append(path);
  return svg;
}

function button(doc: Document, className: string, action: CardAction, label: string, ...children: Child[]): HTMLButtonElement {
  const node = element(doc, 'button', className, ...children);
  node.type = 'button';
  node.dataset.action = action;
  if (children.every((child) => typeof child !== 'string')) {
    node.setAttribute('aria-label', label);
    node.title = label;
  }
  return node;
}

function section(doc: Document, name: string, label: string, ...content: Child[]): HTMLElement {
  const node = element(doc, 'section', `section ${name}-section`, element(doc, 'p', 'label', label), ...content);
  return node;
}

function header(doc: Document, entity: Entity, text: CardText): HTMLElement {
  const category = text.message(`cardCategory_${entity.category}`) || entity.category;
  return element(
    doc,
    'div',
    'header',
    element(doc, 'span', 'category', category),
    element(doc, 'p', 'name', entity.name),
    element(doc, 'p', 'role', entity.role),
  );
}

function figureComparison(doc: Document, model: CardModel, text: CardText): HTMLElement | null {
  const figure = model.entity.figure;
  if (!figure) return null;
  const list = element(doc, 'dl', 'figure');
  if (model.pageFigure) {
    list.append(
      element(
        doc,
        'div',
        'figure-cell page-figure',
        element(doc, 'dt', null, text.message('cardThisPage')),
        element(doc, 'dd', null, model.pageFigure.text),
      ),
    );
  }
  const story = element(doc, 'dd', null, storyFigureText(text, figure));
  const period = periodText(text, figure.period);
  // The space keeps "billion" and "2023" apart for screen readers; the period shows on its own line.
  if (period) story.append(' ', element(doc, 'span', 'period', period));
  list.append(element(doc, 'div', 'figure-cell story-figure', element(doc, 'dt', null, text.message('cardStory')), story));
  const node = element(doc, 'div', 'section figure-section', list);
  if (model.pageFigure) {
    const verdict = element(doc, 'p', 'verdict', figureVerdict(text, figure, model.pageFigure));
    verdict.dataset.relation = compareFigure(figure, model.pageFigure).relation;
    node.append(verdict);
  }
  return node;
}

/** Background grouped by date: one label per run of items true as of the same date. */
function background(doc: Document, entity: Entity, text: CardText): HTMLElement[] {
  const groups: { asOf: string; items: string[] }[] = [];
  for (const item of entity.background) {
    const last = groups.at(-1);
    if (last?.asOf === item.asOf) last.items.push(item.text);
    else groups.push({ asOf: item.asOf, items: [item.text] });
  }
  return groups.map(({ asOf, items }) => {
    const list = element(doc, 'ul', 'background-list', ...items.map((item) => element(doc, 'li', null, item)));
    const node = section(doc, 'background', text.message('cardBackgroundAsOf', [text.date(asOf)]), list);
    node.dataset.asOf = asOf;
    return node;
  });
}

function quotes(doc: Document, model: CardModel, text: CardText): HTMLElement | null {
  const { entity, story } = model;
  if (entity.quotes.length === 0) return null;
  const shown = model.allQuotes ? entity.quotes : entity.quotes.slice(0, QUOTES_SHOWN);
  const figure = element(doc, 'figure', 'quotes');
  for (const quote of shown) {
    const block = element(doc, 'blockquote', 'quote', quote);
    if (story.url) block.cite = story.url;
    figure.append(block);
  }
  const source = element(doc, 'cite', null, story.source);
  figure.append(element(doc, 'figcaption', 'source', '— ', source, `, ${text.date(story.date)}`));
  const node = section(doc, 'quotes', text.message('cardInTheStory'), figure);
  const hidden = entity.quotes.length - shown.length;
  if (hidden > 0) {
    const more = pluralMessage(text, 'cardMoreQuotes', hidden, [String(hidden)]);
    node.append(button(doc, 'more', 'more-quotes', more, more));
  }
  return node;
}

function related(doc: Document, model: CardModel, text: CardText): HTMLElement | null {
  if (model.related.length === 0) return null;
  const list = element(doc, 'ul', 'related');
  for (const entity of model.related) {
    const item = element(doc, 'li', null, entity.name);
    item.dataset.category = entity.category;
    item.dataset.entity = entity.id;
    list.append(item);
  }
  return section(doc, 'related', text.message('cardRelated'), list);
}

function footer(doc: Document, model: CardModel, text: CardText): HTMLElement {
  const { index, count } = model.position;
  const node = element(
    doc,
    'div',
    'footer',
    element(doc, 'span', 'count', pluralMessage(text, 'cardMentionsOnPage', count, [String(count)])),
  );
  if (count > 1) {
    const position = element(doc, 'span', 'position', text.message('cardMentionPosition', [String(index + 1), String(count)]));
    node.append(
      element(
        doc,
        'div',
        'nav',
        button(doc, 'step', 'previous', text.message('cardPreviousMention'), chevron(doc, 'previous')),
        position,
        button(doc, 'step', 'next', text.message('cardNextMention'), chevron(doc, 'next')),
      ),
    );
  }
  return node;
}

/** The card's content: a .card element with the entity's category in data-category. */
export function buildCardView(doc: Document, model: CardModel, text: CardText): HTMLElement {
  const card = element(doc, 'div', 'card');
  card.dataset.category = model.entity.category;
  card.dataset.entity = model.entity.id;
  const body = element(doc, 'div', 'body');
  for (const part of [
    figureComparison(doc, model, text),
    ...background(doc, model.entity, text),
    quotes(doc, model, text),
    related(doc, model, text),
  ]) {
    if (part) body.append(part);
  }
  card.append(header(doc, model.entity, text), body, footer(doc, model, text));
  return card;
}
