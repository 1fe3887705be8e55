// Marks inside a page's shadow roots are out of reach of content.css, which styles the document
// only. They get the same fill and underline as inline CSSOM properties (allowed under any CSP,
// unlike a style attribute). A unit test holds these to highlight.css.
import type { Category } from '../story/schema';

/** Per category: the fill behind the text and the line under it, as in highlight.css. */
const COLOURS: Record<Category, { fill: string; line: string }> = {
  person: { fill: 'rgb(66 133 244 / 0.2)', line: 'rgb(66 133 244 / 0.85)' },
  place: { fill: 'rgb(52 168 83 / 0.2)', line: 'rgb(52 168 83 / 0.85)' },
  organisation: { fill: 'rgb(156 39 176 / 0.17)', line: 'rgb(156 39 176 / 0.8)' },
  event: { fill: 'rgb(255 112 67 / 0.2)', line: 'rgb(230 81 0 / 0.85)' },
  figure: { fill: 'rgb(255 213 79 / 0.4)', line: 'rgb(214 160 0 / 0.95)' },
};

export function styleShadowMark(mark: HTMLElement): void {
  const { fill, line } = COLOURS[mark.dataset.category as Category] ?? COLOURS.figure;
  mark.style.setProperty('background-color', fill);
  mark.style.setProperty('box-shadow', `inset 0 -0.12em 0 ${line}`);
  mark.style.setProperty('color', 'inherit');
  mark.style.setProperty('border-radius', '0.15em');
}
