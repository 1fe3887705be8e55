export type { FindContext, FigureValue, Matcher, Mention } from './types';
export type { FigureComparison } from './compare-figure';
export { compileMatcher } from './compile-matcher';
export { findMentionsInText, resolveShortForms } from './resolve-short-forms';
export { compareFigure } from './compare-figure';
