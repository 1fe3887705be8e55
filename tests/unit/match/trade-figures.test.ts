import { describe, expect, it } from 'vitest';
import { compileMatcher, findMentionsInText } from '../../../src/match';
import { FIXTURE_PACK } from './fixture-pack';
import { pagePairs, type Pair } from './mention-pairs';

/** Figure mentions only, as [text, entity, value]. */
function figures(text: string): [string, string, number | undefined][] {
  return findMentionsInText(compileMatcher(FIXTURE_PACK), text)
    .filter((mention) => mention.category === 'figure')
    .map((mention) => [text.slice(mention.start, mention.end), mention.entityId, mention.value?.value]);
}

describe('money in a sentence about China–Russia trade', () => {
  it.each([
    ['Trade between China and Russia reached $240 billion last year.', '$240 billion', 240],
    ['China-Russia trade hit US$240.1bn.', 'US$240.1bn', 240.1],
    ['Russian-Chinese trade was worth 240 billion dollars.', '240 billion dollars', 240],
    ['Sino-Russian trade topped $240bn.', '$240bn', 240],
    ['China and Russia traded $1.2 trillion worth of goods.', '$1.2 trillion', 1200],
    ['China and Russia trade, at 240 billion US dollars, grew.', '240 billion US dollars', 240],
  ])('en: %s', (text, found, value) => {
    expect(figures(text)).toEqual([[found, 'trade-target-240bn', value]]);
  });

  it.each([
    ['Товарооборот России и Китая превысил 240 млрд долларов.', '240 млрд долларов', 240],
    ['Торговля РФ и КНР составила 240,1 млрд долл. в 2023 году.', '240,1 млрд долл.', 240.1],
    ['Российско-китайский товарооборот достиг 240 миллиардов долларов США.', '240 миллиардов долларов США', 240],
  ])('ru: %s', (text, found, value) => {
    expect(figures(text)).toEqual([[found, 'trade-target-240bn', value]]);
  });

  it.each([
    ['Товарообіг Китаю та Росії перевищив 240 млрд доларів.', '240 млрд доларів', 240],
    ['Китайсько-російська торгівля сягнула 240 мільярдів доларів.', '240 мільярдів доларів', 240],
  ])('uk: %s', (text, found, value) => {
    expect(figures(text)).toEqual([[found, 'trade-target-240bn', value]]);
  });

  it.each([
    ['2023年中俄贸易额达到2401亿美元。', '2401亿美元', 240.1],
    ['中国与俄罗斯双边贸易额突破2400亿美元。', '2400亿美元', 240],
  ])('zh: %s', (text, found, value) => {
    expect(figures(text)).toEqual([[found, 'trade-target-240bn', value]]);
  });

  it('needs a currency and a scale', () => {
    expect(figures('Trade between China and Russia: 240 billion, $240, 240 dollars.')).toEqual([]);
  });
});

describe('percentages in a sentence about China–Russia trade', () => {
  it.each([
    ['Trade between China and Russia grew 1.6 % in January-July.', '1.6 %'],
    ['Trade between China and Russia grew 1.6% in January-July.', '1.6%'],
    ['China-Russia trade rose by 1.6 percent this year.', '1.6 percent'],
    ['Товарооборот России и Китая вырос на 1,6 % за январь-июль.', '1,6 %'],
    ['Китайско-российская торговля выросла на 1,6% в этом году.', '1,6%'],
    ['Товарообіг Китаю та Росії зріс на 1,6% за січень-липень.', '1,6%'],
    ['今年1-7月中俄贸易额增长1.6%。', '1.6%'],
    ['中国和俄罗斯的贸易额增长1.6%。', '1.6%'],
  ])('%s', (text, found) => {
    expect(figures(text)).toEqual([[found, 'trade-growth-2024', 1.6]]);
  });

  it.each([
    ['Trade between China and Russia grew by more than a quarter in 2023.', 'more than a quarter'],
    ['Товарооборот России и Китая вырос более чем на четверть в 2023 году.', 'более чем на четверть'],
    ['Товарообіг Китаю та Росії зріс більш ніж на чверть у 2023 році.', 'більш ніж на чверть'],
    ['2023年中俄贸易额增长超过四分之一。', '超过四分之一'],
  ])('fractions in words: %s', (text, found) => {
    expect(figures(text)).toEqual([[found, 'trade-growth-2023', 25]]);
  });

  it('ties each percentage to the period named nearest to it', () => {
    const text =
      'China and Russia are partners. Bilateral trade increased by more than a quarter year-on-year in 2023 ' +
      'compared with 2022, but only grew by about 1.6% between January and July this year compared with ' +
      'the same period last year.';
    expect(figures(text)).toEqual([
      ['more than a quarter', 'trade-growth-2023', 25],
      ['1.6%', 'trade-growth-2024', 1.6],
    ]);
  });

  it('falls back to the nearest value when no period is named', () => {
    expect(figures('China-Russia trade grew 2%, after 30% before.')).toEqual([
      ['2%', 'trade-growth-2024', 2],
      ['30%', 'trade-growth-2023', 30],
    ]);
  });

  it('takes a named year over the value', () => {
    expect(figures('China-Russia trade grew 3% in 2023.')).toEqual([['3%', 'trade-growth-2023', 3]]);
  });
});

describe('figures outside trade between China and Russia', () => {
  it('are not mentions', () => {
    const cases: [string, Pair[]][] = [
      ["Apple's revenue rose 1.6%.", []],
      ['China and Russia met in Moscow; inflation was 1.6%.', [
        ['China', 'china'],
        ['Russia', 'russia'],
        ['Moscow', 'moscow'],
      ]],
      ['Trade between China and India rose 1.6%.', [['China', 'china']]],
      ['Китай повысил пошлины на 1,6%.', [['Китай', 'china']]],
      ['中国经济增长1.6%。', [['中国', 'china']]],
      ['Russia grew by more than a quarter of its army.', [['Russia', 'russia']]],
    ];
    for (const [text, expected] of cases) expect(pagePairs(text)).toEqual(expected);
  });

  it('are never years', () => {
    expect(figures('Trade between China and Russia in 2023 and since 1996 grew.')).toEqual([]);
    expect(pagePairs('Trade between China and Russia in 2023.')).toEqual([
      ['China', 'china'],
      ['Russia', 'russia'],
    ]);
  });

  it('need the countries in the sentence itself unless it says "bilateral"', () => {
    expect(figures('China and Russia met. Trade grew 1.6% this year.')).toEqual([]);
    expect(figures('China and Russia met. Bilateral trade grew 1.6% this year.')).toEqual([
      ['1.6%', 'trade-growth-2024', 1.6],
    ]);
    expect(figures('Китай и Россия договорились. Двусторонняя торговля выросла на 1,6%.')).toEqual([
      ['1,6%', 'trade-growth-2024', 1.6],
    ]);
    expect(figures('中国和俄罗斯签署协议。双边贸易增长1.6%。')).toEqual([['1.6%', 'trade-growth-2024', 1.6]]);
    expect(figures('China and Russia met.\n\nMore news. Other news. Bilateral trade grew 1.6%.')).toEqual([]);
  });

  it('do not split sentences at decimal points or abbreviations', () => {
    expect(figures('Trade between China and Russia, says the U.S. Treasury, grew 1.6%.')).toEqual([
      ['1.6%', 'trade-growth-2024', 1.6],
    ]);
    expect(figures('Товарооборот России и Китая — 240 млрд долл. в 2023 году, рост на 1,6% в январе-июле.')).toEqual([
      ['240 млрд долл.', 'trade-target-240bn', 240],
      ['1,6%', 'trade-growth-2024', 1.6],
    ]);
  });

  it('are not read out of dates or longer numbers', () => {
    expect(figures('Trade between China and Russia: 1.6.2024, A1.6%, 3.1.6%.')).toEqual([]);
  });
});

describe('figure mentions', () => {
  it('carry the value as written on the page', () => {
    const text = 'China-Russia trade hit US$240.1bn.';
    const mention = findMentionsInText(compileMatcher(FIXTURE_PACK), text).find((item) => item.category === 'figure');
    expect(mention).toMatchObject({
      entityId: 'trade-target-240bn',
      short: false,
      value: { kind: 'money', value: 240.1, text: 'US$240.1bn' },
    });
  });

  it('are not found through the figure entities\' aliases', () => {
    // "about 1.6%" is an alias of the fixture's 2024 figure; outside trade it means nothing.
    expect(pagePairs('Inflation was about 1.6%.')).toEqual([]);
  });
});
