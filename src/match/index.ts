export type { FindContext, FigureValue, Matcher, Mention, PretestSession } from './types';
export type { FigureComparison } from './compare-figure';
export { compileMatcher, preparePretest } from './compile-matcher';
export type { PreparedPretest } from './page-pretest';
export { findMentionsInText, resolveShortForms } from './resolve-short-forms';
export { compareFigure } from './compare-figure';
