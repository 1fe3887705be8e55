import type { Figure } from '../story/schema';
import type { FigureValue } from './types';

export interface FigureComparison {
  relation: 'same' | 'higher' | 'lower';
  /** How far the page's value is from the story's, always zero or more. */
  difference: number;
  unit: 'billion-usd' | 'points';
}

/**
 * Compares a figure found on a page with the story's. Values are compared as stated: "about 1.6%"
 * against 1.7% is "higher by 0.1 points", since showing the gap is the point, and the story's
 * qualifier is shown next to it anyway.
 */
export function compareFigure(story: Figure, found: FigureValue): FigureComparison {
  const unit = story.kind === 'money' ? 'billion-usd' : 'points';
  // Rounded so that 240.1 − 240 reads 0.1, not 0.09999999999999432.
  const difference = Number(Math.abs(found.value - story.value).toPrecision(10));
  const tolerance = 1e-9 * Math.max(1, Math.abs(story.value));
  if (difference <= tolerance) return { relation: 'same', difference: 0, unit };
  return { relation: found.value > story.value ? 'higher' : 'lower', difference, unit };
}
