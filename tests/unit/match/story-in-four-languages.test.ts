// The story retold in each language the packs use, with every rule at work together: case,
// declension, short forms, overlaps and trade figures.
import { describe, expect, it } from 'vitest';
import { pagePairs } from './mention-pairs';

describe('the story', () => {
  it('in English', () => {
    const text =
      'Chinese Premier Li Qiang met Russian Prime Minister Mikhail Mishustin in MOSCOW. Li said ' +
      "Putin's Kremlin and President Xi agree. Trade between China and Russia topped US$240.1bn, and " +
      "grew 1.6% in January-July. Apple's revenue rose 1.6%. Western leaders and kyiv worry.";
    expect(pagePairs(text)).toEqual([
      ['Li Qiang', 'li-qiang'],
      ['Mikhail Mishustin', 'mikhail-mishustin'],
      ['MOSCOW', 'moscow'],
      ['Li', 'li-qiang'],
      ['Putin', 'vladimir-putin'],
      ['Kremlin', 'kremlin'],
      ['China', 'china'],
      ['Russia', 'russia'],
      ['US$240.1bn', 'trade-target-240bn'],
      ['1.6%', 'trade-growth-2024'],
      ['kyiv', 'kyiv'],
    ]);
  });

  it('in Russian', () => {
    const text =
      'Президент России Владимир Путин встретился в Москве с премьер-министром Китая Ли Цяном. ' +
      'Ли Цян провёл переговоры с Михаилом Мишустиным в рамках регулярной встречи глав правительств. ' +
      'По данным китайской таможни, товарооборот России и Китая в 2023 году вырос более чем на четверть ' +
      'и превысил 240 млрд долларов, а за январь–июль этого года увеличился лишь на 1,6%. ' +
      'Киев обвиняет Пекин в поставках товаров двойного назначения. Премьер Ли затем посетит ' +
      'Белоруссию, где встретится с Романом Головченко. Бои в Курской области продолжаются.';
    expect(pagePairs(text)).toEqual([
      ['России', 'russia'],
      ['Владимир Путин', 'vladimir-putin'],
      ['Москве', 'moscow'],
      ['Китая', 'china'],
      ['Ли Цяном', 'li-qiang'],
      ['Ли Цян', 'li-qiang'],
      ['Михаилом Мишустиным', 'mikhail-mishustin'],
      ['регулярной встречи глав правительств', 'annual-talks'],
      ['России', 'russia'],
      ['Китая', 'china'],
      ['более чем на четверть', 'trade-growth-2023'],
      ['240 млрд долларов', 'trade-target-240bn'],
      ['1,6%', 'trade-growth-2024'],
      ['Киев', 'kyiv'],
      ['Пекин', 'beijing'],
      ['товаров двойного назначения', 'dual-use-goods'],
      ['Премьер Ли', 'li-qiang'],
      ['Белоруссию', 'belarus'],
      ['Романом Головченко', 'roman-golovchenko'],
      ['Курской', 'kursk'],
    ]);
  });

  it('in Ukrainian', () => {
    const text =
      "Прем'єр-міністр Китаю Лі Цян прибув до Москви на переговори з Михайлом Мішустіним. " +
      'Володимир Путін прийняв гостя в Кремлі. Товарообіг між Китаєм і Росією у 2023 році зріс ' +
      'більш ніж на чверть, а за січень-липень цього року — лише на 1,6%. Київ закликає Пекін не ' +
      'постачати Росії товари подвійного призначення. Українські війська увійшли до Курської області.';
    expect(pagePairs(text)).toEqual([
      ['Китаю', 'china'],
      ['Лі Цян', 'li-qiang'],
      ['Москви', 'moscow'],
      ['Михайлом Мішустіним', 'mikhail-mishustin'],
      ['Володимир Путін', 'vladimir-putin'],
      ['Кремлі', 'kremlin'],
      ['Китаєм', 'china'],
      ['Росією', 'russia'],
      ['більш ніж на чверть', 'trade-growth-2023'],
      ['1,6%', 'trade-growth-2024'],
      ['Київ', 'kyiv'],
      ['Пекін', 'beijing'],
      ['Росії', 'russia'],
      ['товари подвійного призначення', 'dual-use-goods'],
      ['Курської', 'kursk'],
    ]);
  });

  it('in Chinese', () => {
    const text =
      '俄罗斯总统普京在莫斯科会见中国国务院总理李强。李强与米舒斯京举行中俄总理定期会晤。' +
      '据中国海关统计，2023年中俄贸易额增长超过四分之一，达2401亿美元；今年1-7月双边贸易额仅增长1.6%。' +
      '李总理随后将访问白俄罗斯，与戈洛夫琴科会谈。乌克兰军队进入库尔斯克州。小李强调，苹果公司收入增长1.6%。';
    expect(pagePairs(text)).toEqual([
      ['俄罗斯', 'russia'],
      ['普京', 'vladimir-putin'],
      ['莫斯科', 'moscow'],
      ['中国', 'china'],
      ['李强', 'li-qiang'],
      ['李强', 'li-qiang'],
      ['米舒斯京', 'mikhail-mishustin'],
      ['总理定期会晤', 'annual-talks'],
      ['中国', 'china'],
      ['超过四分之一', 'trade-growth-2023'],
      ['2401亿美元', 'trade-target-240bn'],
      ['1.6%', 'trade-growth-2024'],
      ['李总理', 'li-qiang'],
      ['白俄罗斯', 'belarus'],
      ['戈洛夫琴科', 'roman-golovchenko'],
      ['乌克兰', 'ukraine'],
      ['库尔斯克州', 'kursk'],
    ]);
  });
});
