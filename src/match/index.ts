export type { FindContext, FigureValue, Matcher, Mention, PendingMatcher, PretestSession } from './types';
export type { FigureComparison } from './compare-figure';
export { compileMatcher, pendingMatcher, preparePretest } from './compile-matcher';
export { findInParts, type PartSizes } from './find-in-parts';
export { PagePretest, type PreparedPretest } from './page-pretest';
export { findMentionsInText, isResolved, namesOnPage, resolveShortForms, type EntitySet } from './resolve-short-forms';
export { compareFigure } from './compare-figure';
