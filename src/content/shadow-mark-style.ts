// Marks inside a page's shadow roots are out of reach of content.css, which styles the document
// only. They get the same fill as inline CSSOM properties (allowed under any CSP, unlike a style
// attribute). Keep these in step with highlight.css.
import type { Category } from '../story/schema';

const FILL: Record<Category, string> = {
  person: 'rgb(66 133 244 / 0.2)',
  place: 'rgb(52 168 83 / 0.2)',
  organisation: 'rgb(156 39 176 / 0.17)',
  event: 'rgb(255 112 67 / 0.2)',
  figure: 'rgb(255 213 79 / 0.4)',
};

export function styleShadowMark(mark: HTMLElement): void {
  const fill = FILL[mark.dataset.category as Category] ?? FILL.figure;
  mark.style.setProperty('background-color', fill);
  mark.style.setProperty('color', 'inherit');
  mark.style.setProperty('border-radius', '0.15em');
}
