import { describe, expect, it } from 'vitest';
import { packOf } from './fixture-pack';
import { FIXTURE_ENTITIES } from './fixture-pack';
import { pagePairs } from './mention-pairs';

describe('overlapping names', () => {
  it('makes the longest name one mention', () => {
    expect(pagePairs('Russian Prime Minister Mikhail Mishustin')).toEqual([
      ['Mikhail Mishustin', 'mikhail-mishustin'],
    ]);
    expect(pagePairs('Президент Владимир Путин')).toEqual([['Владимир Путин', 'vladimir-putin']]);
    expect(pagePairs('弗拉基米尔·普京')).toEqual([['弗拉基米尔·普京', 'vladimir-putin']]);
  });

  it('prefers a full name over an overlapping short form, leaving the title out', () => {
    // "Premier Li" (short) overlaps "Li Qiang" (full): the full name wins and "Premier" stays plain.
    expect(pagePairs('Chinese Premier Li Qiang')).toEqual([['Li Qiang', 'li-qiang']]);
    expect(pagePairs('President Xi Jinping')).toEqual([['Xi Jinping', 'xi-jinping']]);
  });

  it('leaves a name alone inside a phrase that means something else', () => {
    // The Republic of China is Taiwan; Китай-город is a part of Moscow.
    expect(pagePairs('The Republic of China and China; the Republic of China.')).toEqual([['China', 'china']]);
    expect(pagePairs('В Китай-городе сказали, что Китай готов.')).toEqual([['Китай', 'china']]);
  });

  it('lets a longer name hide a shorter one inside it', () => {
    expect(pagePairs('the Chinese Foreign Ministry said')).toEqual([
      ['Chinese Foreign Ministry', 'chinese-foreign-ministry'],
    ]);
    expect(pagePairs('МИД Китая заявил')).toEqual([['МИД Китая', 'chinese-foreign-ministry']]);
    // 白俄罗斯 (Belarus) contains 俄罗斯 (Russia).
    expect(pagePairs('李强将访问白俄罗斯')).toEqual([
      ['李强', 'li-qiang'],
      ['白俄罗斯', 'belarus'],
    ]);
    expect(pagePairs('库尔斯克州')).toEqual([['库尔斯克州', 'kursk']]);
  });

  it('gives a span shared by two entities to the first in the pack', () => {
    const pack = packOf([
      ...FIXTURE_ENTITIES,
      { ...FIXTURE_ENTITIES[0]!, id: 'another-putin', aliases: [{ text: 'Putin', lang: 'en' }] },
    ]);
    expect(pagePairs('Putin', pack)).toEqual([['Putin', 'vladimir-putin']]);
  });

  it('never returns overlapping mentions', () => {
    expect(pagePairs('Premier Li Qiang Mikhail Mishustin Li Qiang')).toEqual([
      ['Li Qiang', 'li-qiang'],
      ['Mikhail Mishustin', 'mikhail-mishustin'],
      ['Li Qiang', 'li-qiang'],
    ]);
  });
});
