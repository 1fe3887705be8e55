import { describe, expect, it } from 'vitest';
import { compareFigure } from '../../../src/match';
import type { Figure } from '../../../src/story/schema';

const TARGET: Figure = { kind: 'money', value: 240, qualifier: 'exact', period: '2023', label: '$240 billion' };
const GROWTH: Figure = { kind: 'percent', value: 1.6, qualifier: 'about', period: '2024-01/2024-07', label: 'about 1.6%' };

describe('compareFigure', () => {
  it('finds the same amount', () => {
    expect(compareFigure(TARGET, { kind: 'money', value: 240, text: '$240 billion' })).toEqual({
      relation: 'same',
      difference: 0,
      unit: 'billion-usd',
    });
  });

  it('gives a clean difference for a higher amount', () => {
    expect(compareFigure(TARGET, { kind: 'money', value: 240.1, text: 'US$240.1bn' })).toEqual({
      relation: 'higher',
      difference: 0.1,
      unit: 'billion-usd',
    });
  });

  it('compares percentages in points', () => {
    expect(compareFigure(GROWTH, { kind: 'percent', value: 1.6, text: '1,6 %' })).toEqual({
      relation: 'same',
      difference: 0,
      unit: 'points',
    });
    expect(compareFigure(GROWTH, { kind: 'percent', value: 1.2, text: '1.2%' })).toEqual({
      relation: 'lower',
      difference: 0.4,
      unit: 'points',
    });
  });
});
