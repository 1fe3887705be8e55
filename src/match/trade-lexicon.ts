// The words that tell a trade figure apart from any other number on a page, in the four languages
// packs use. Phrases are tokenized like page text; a Cyrillic word ending in "*" is a stem that
// takes the usual case and adjective endings, every other word must match exactly.
//
// The story is about trade between two countries. The matcher finds them through their entities'
// aliases (ids below) and through the adjectives listed here, which a pack has no place for
// ("Chinese" is not an alias of China, but "Chinese exports to Russia" is about China).

export interface TradeParty {
  entityId: string;
  adjectives: readonly string[];
}

export const TRADE_PARTIES: readonly TradeParty[] = [
  {
    entityId: 'china',
    adjectives: ['chinese', 'sino', 'китайск*', 'кнр', 'китайськ*', '中方'],
  },
  {
    entityId: 'russia',
    adjectives: ['russian', 'russo', 'российск*', 'русск*', 'рф', 'російськ*', '俄方', '俄国'],
  },
];

/** Words that name both parties at once. */
export const BOTH_PARTIES: readonly string[] = ['中俄', '俄中'];

export const TRADE_WORDS: readonly string[] = [
  'trade', 'trades', 'traded', 'trading', 'turnover',
  'export', 'exports', 'exported', 'import', 'imports', 'imported',
  'торговл*', 'торгов*', 'товарооборот*', 'товарообмен*', 'экспорт*', 'импорт*',
  'торгівл*', 'торговельн*', 'товарообіг*', 'експорт*', 'імпорт*',
  '贸易', '进出口', '出口', '进口',
];

/** "Bilateral trade" after a sentence naming both parties is trade between them. */
export const BILATERAL_WORDS: readonly string[] = ['bilateral', 'двусторонн*', 'двосторонн*', '双边'];

export const THIS_YEAR: readonly string[] = [
  'this year', 'current year',
  'этом году', 'этого года', 'текущем году', 'текущего года', 'нынешнем году', 'нынешнего года',
  'цьому році', 'цього року', 'поточному році', 'поточного року',
  '今年', '本年',
];

export const LAST_YEAR: readonly string[] = [
  'last year', 'previous year', 'a year earlier', 'a year ago',
  'прошлом году', 'прошлого года', 'прошлым годом',
  'минулому році', 'минулого року', 'минулим роком', 'торік',
  '去年', '上年',
];

/**
 * Month names by number. English "may" is left out: as a verb it is far more common than the
 * month, and a month only ever breaks a tie between two percentages. Chinese months ("7月") are
 * read from the digits.
 */
export const MONTHS: readonly (readonly string[])[] = [
  ['january', 'январ*', 'січень', 'січня', 'січні'],
  ['february', 'феврал*', 'лютий', 'лютого', 'лютому'],
  ['march', 'март*', 'березень', 'березня', 'березні'],
  ['april', 'апрел*', 'квітень', 'квітня', 'квітні'],
  ['май', 'мая', 'мае', 'травень', 'травня', 'травні'],
  ['june', 'июн*', 'червень', 'червня', 'червні'],
  ['july', 'июл*', 'липень', 'липня', 'липні'],
  ['august', 'август*', 'серпень', 'серпня', 'серпні'],
  ['september', 'сентябр*', 'вересень', 'вересня', 'вересні'],
  ['october', 'октябр*', 'жовтень', 'жовтня', 'жовтні'],
  ['november', 'ноябр*', 'листопад', 'листопада', 'листопаді'],
  ['december', 'декабр*', 'грудень', 'грудня', 'грудні'],
];

/**
 * Fractions stated in words ("more than a quarter"), in percentage points. Bare "четверть" or
 * "half" are too often something else ("четверть века", "the first half"), so they need a
 * qualifier or a preposition in front.
 */
export const FRACTION_PHRASES: readonly { phrase: string; value: number }[] = buildFractionPhrases();

function buildFractionPhrases(): { phrase: string; value: number }[] {
  const phrases: { phrase: string; value: number }[] = [];
  const add = (prefixes: readonly string[], words: readonly string[], value: number, space = ' '): void => {
    for (const prefix of prefixes) {
      for (const word of words) phrases.push({ phrase: prefix ? `${prefix}${space}${word}` : word, value });
    }
  };
  const english = [
    '', 'more than', 'over', 'well over', 'just over', 'nearly', 'almost', 'about', 'around',
    'roughly', 'less than', 'under', 'just under',
  ];
  const englishWith = (article: readonly string[], noun: string): string[] =>
    article.map((word) => (word ? `${word} ${noun}` : noun));
  add(english, englishWith(['a', 'one'], 'quarter'), 25);
  add(english, englishWith(['a', 'one'], 'third'), 100 / 3);
  add(english, englishWith(['a', 'one'], 'fifth'), 20);
  add(english, englishWith(['a', 'one'], 'tenth'), 10);
  add(english.slice(1), ['half', 'a half'], 50);

  const russian = [
    'на', 'более чем на', 'больше чем на', 'более чем', 'более', 'больше', 'свыше', 'почти на',
    'почти', 'около', 'менее чем на', 'меньше чем на', 'менее', 'меньше',
  ];
  add(russian, ['четверть', 'четверти', 'четвертью'], 25);
  add(russian, ['треть', 'трети', 'третью'], 100 / 3);
  add(russian, ['половину', 'половины', 'половина'], 50);

  const ukrainian = [
    'на', 'більш ніж на', 'більше ніж на', 'більш ніж', 'більше ніж', 'понад', 'майже на', 'майже',
    'близько', 'менш ніж на', 'менше ніж на',
  ];
  add(ukrainian, ['чверть', 'чверті', 'чвертю'], 25);
  add(ukrainian, ['третину', 'третини', 'третина'], 100 / 3);
  add(ukrainian, ['половину', 'половини', 'половина'], 50);

  const chinese = ['', '超过', '逾', '近', '约', '将近', '接近'];
  add(chinese, ['四分之一'], 25, '');
  add(chinese, ['三分之一'], 100 / 3, '');
  add(chinese, ['五分之一'], 20, '');
  add(chinese, ['十分之一'], 10, '');
  add(chinese.slice(1), ['一半'], 50, '');
  return phrases;
}

/** Words for billions and their relatives, as multipliers to billions. */
export const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ['billion', 1], ['billions', 1], ['bn', 1], ['bln', 1], ['млрд', 1],
  ['trillion', 1000], ['trillions', 1000], ['tn', 1000], ['trn', 1000], ['трлн', 1000],
  ['million', 0.001], ['millions', 0.001], ['mn', 0.001], ['mln', 0.001], ['млн', 0.001],
]);

/** Scale words that decline: миллиарда, миллиардов, мільярдів. */
export const SCALE_STEMS: ReadonlyMap<string, number> = new Map([
  ['миллиард', 1], ['мільярд', 1],
  ['триллион', 1000], ['трильйон', 1000],
  ['миллион', 0.001], ['мільйон', 0.001],
]);

/** Scales written straight after the digits: "$240bn", "$1.2tn", "$500m". */
export const JOINED_SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ['b', 1], ['m', 0.001], ['t', 1000],
]);

/** Chinese scale characters, as multipliers to billions (亿 is a hundred million). */
export const HAN_SCALES: readonly { chars: string; billions: number }[] = [
  { chars: '万亿', billions: 1000 },
  { chars: '千亿', billions: 100 },
  { chars: '百亿', billions: 10 },
  { chars: '十亿', billions: 1 },
  { chars: '亿', billions: 0.1 },
  { chars: '千万', billions: 0.01 },
  { chars: '百万', billions: 0.001 },
  { chars: '万', billions: 0.00001 },
];

/** Words naming the US dollar after an amount. */
export const DOLLAR_WORDS: ReadonlySet<string> = new Set(['dollars', 'dollar', 'usd']);
export const DOLLAR_STEMS: readonly string[] = ['доллар', 'долар'];
/** Abbreviations that may carry a full stop: "240,1 млрд долл." */
export const DOLLAR_ABBREVIATIONS: ReadonlySet<string> = new Set(['долл', 'дол']);
/** "of the USA" after a Russian or Ukrainian dollar. */
export const USA_WORDS: ReadonlySet<string> = new Set(['сша']);

export const PERCENT_WORDS: ReadonlySet<string> = new Set(['percent', 'pct']);
export const PERCENT_STEMS: readonly string[] = ['процент', 'відсот'];
