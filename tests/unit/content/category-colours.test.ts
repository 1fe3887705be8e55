// @vitest-environment happy-dom
// One colour per category wherever it shows: marks in the document (highlight.css), mentions
// painted without marks on very big pages (highlight.css's ::highlight rules), marks in shadow roots (styled from script, as content.css does not reach them), the hover card, and the
// popup and the options page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_CSS } from '../../../src/content/card/card-styles';
import { styleShadowMark } from '../../../src/content/shadow-mark-style';
import { CATEGORIES } from '../../../src/story/schema';

const read = (file: string) => readFileSync(path.join(import.meta.dirname, '../../..', file), 'utf8');
const CSS = read('src/content/highlight.css');
/** The colours of the popup and the options page, light theme first. */
const THEME = read('src/lib/theme.css');

/** The declarations of the rule with this selector in highlight.css. */
function declarations(selector: string): Map<string, string> {
  const start = CSS.indexOf(`${selector} {`);
  expect(start, selector).toBeGreaterThanOrEqual(0);
  const body = CSS.slice(CSS.indexOf('{', start) + 1, CSS.indexOf('}', start));
  return new Map(
    body
      .split(';')
      .map((declaration) => declaration.split(/:(.*)/s).map((part) => part.trim()))
      .filter(([name, value]) => name && value)
      .map(([name, value]) => [name!, value!]),
  );
}

const squeeze = (value: string) => value.replace(/\s+/g, ' ').trim();

/** The underline of a category's marks in highlight.css, opaque: the accent it has elsewhere. */
const opaqueLine = (category: string) =>
  declarations(`mark.backstory-mark[data-category='${category}']`).get('--backstory-mark-line')!.replace(/ \/ [\d.]+\)$/, ')');

describe('category colours', () => {
  const base = declarations('mark.backstory-mark');

  it.each(CATEGORIES)('are those of highlight.css on a %s mark in a shadow root', (category) => {
    const rule = declarations(`mark.backstory-mark[data-category='${category}']`);
    const mark = document.createElement('mark');
    mark.dataset.category = category;
    styleShadowMark(mark);
    const resolve = (value: string) => value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => rule.get(name) ?? '');
    expect(squeeze(mark.style.getPropertyValue('background-color'))).toBe(squeeze(resolve(base.get('background-color')!)));
    expect(squeeze(mark.style.getPropertyValue('box-shadow'))).toBe(squeeze(resolve(base.get('box-shadow')!)));
    expect(mark.style.getPropertyValue('border-radius')).toBe(base.get('border-radius'));
    expect(mark.style.getPropertyValue('color')).toBe('inherit');
  });

  it.each(CATEGORIES)('are those of the %s marks where a mention is painted instead', (category) => {
    const rule = declarations(`mark.backstory-mark[data-category='${category}']`);
    const painted = declarations(`::highlight(backstory-${category})`);
    expect(painted.get('background-color')).toBe(rule.get('--backstory-mark-bg'));
    expect(painted.get('text-decoration')).toBe(`underline 0.12em ${rule.get('--backstory-mark-line')}`);
  });

  it.each(CATEGORIES)('give the hover card of a %s the colour of its underline as its accent', (category) => {
    // The light theme's accent (the first rule for the category).
    const accent = CARD_CSS.match(new RegExp(`\\.card\\[data-category='${category}'\\] \\{ --accent: ([^;]+);`))?.[1];
    expect(accent).toBe(opaqueLine(category));
  });

  it.each(CATEGORIES)('give the popup and the options page the same colour for a %s', (category) => {
    expect(THEME.match(new RegExp(`--${category}: ([^;]+);`))?.[1]).toBe(opaqueLine(category));
  });
});
