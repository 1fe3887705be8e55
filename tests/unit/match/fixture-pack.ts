// A small pack of the story's entities, independent of the shipped seed pack, so the matcher's
// rules are tested against aliases these tests control.
import type { Alias, Category, Entity, Figure, Language, StoryPack } from '../../../src/story/schema';

/**
 * An alias: its text, its language, and whether it is a short form, counts only as written, or
 * counts only beside a related entity.
 */
type AliasRow = readonly [text: string, lang: Language, flag?: 'short' | 'match-case' | 'with-related'];

function entity(id: string, category: Category, aliases: readonly AliasRow[], figure?: Figure): Entity {
  return {
    id,
    category,
    name: aliases[0]?.[0] ?? id,
    role: `${id} in the story`,
    background: [],
    quotes: [],
    related: [],
    aliases: aliases.map(([text, lang, flag]): Alias => {
      if (flag === 'short') return { text, lang, short: true };
      if (flag === 'with-related') return { text, lang, withRelated: true };
      return flag === 'match-case' ? { text, lang, matchCase: true } : { text, lang };
    }),
    ...(figure ? { figure } : {}),
  };
}

export const FIXTURE_ENTITIES: readonly Entity[] = [
  entity('vladimir-putin', 'person', [
    ['Vladimir Putin', 'en'], ['Putin', 'en'],
    ['Владимир Путин', 'ru'], ['Путин', 'ru'],
    ['Володимир Путін', 'uk'], ['Путін', 'uk'],
    ['弗拉基米尔·普京', 'zh'], ['普京', 'zh'],
  ]),
  entity('li-qiang', 'person', [
    ['Li Qiang', 'en'], ['Li', 'en', 'short'], ['Premier Li', 'en', 'short'],
    ['Ли Цян', 'ru'], ['премьер Ли', 'ru', 'short'],
    ['Лі Цян', 'uk'], ["прем'єр Лі", 'uk', 'short'],
    ['李强', 'zh'], ['李总理', 'zh', 'short'],
  ]),
  entity('xi-jinping', 'person', [
    ['Xi Jinping', 'en'], ['Xi', 'en', 'short'], ['President Xi', 'en', 'short'],
    ['Си Цзиньпин', 'ru'], ['Си', 'ru', 'short'],
    ['Сі Цзіньпін', 'uk'], ['Сі', 'uk', 'short'],
    ['习近平', 'zh'], ['习主席', 'zh', 'short'],
  ]),
  entity('mikhail-mishustin', 'person', [
    ['Mikhail Mishustin', 'en'], ['Mishustin', 'en'],
    ['Михаил Мишустин', 'ru'], ['Мишустин', 'ru'],
    ['Михайло Мішустін', 'uk'], ['Мішустін', 'uk'],
    ['米哈伊尔·米舒斯京', 'zh'], ['米舒斯京', 'zh'],
  ]),
  entity('roman-golovchenko', 'person', [
    ['Roman Golovchenko', 'en'], ['Golovchenko', 'en'],
    ['Роман Головченко', 'ru'], ['Головченко', 'ru'],
    ['Роман Головченко', 'uk'],
    ['戈洛夫琴科', 'zh'],
  ]),
  entity('moscow', 'place', [['Moscow', 'en'], ['Москва', 'ru'], ['Москва', 'uk'], ['莫斯科', 'zh']]),
  entity('beijing', 'place', [['Beijing', 'en'], ['Пекин', 'ru'], ['Пекін', 'uk'], ['北京', 'zh']]),
  entity('russia', 'place', [
    ['Russia', 'en'], ['Россия', 'ru'], ['Российская Федерация', 'ru'], ['Росія', 'uk'], ['俄罗斯', 'zh'],
  ]),
  {
    ...entity('china', 'place', [['China', 'en', 'match-case'], ['Китай', 'ru'], ['КНР', 'ru'], ['Китай', 'uk'], ['中国', 'zh']]),
    notMentions: [{ text: 'Republic of China', lang: 'en' }, { text: 'Китай-город', lang: 'ru' }],
  },
  entity('belarus', 'place', [['Belarus', 'en'], ['Беларусь', 'ru'], ['Белоруссия', 'ru'], ['Білорусь', 'uk'], ['白俄罗斯', 'zh']]),
  entity('ukraine', 'place', [['Ukraine', 'en'], ['Украина', 'ru'], ['Україна', 'uk'], ['乌克兰', 'zh']]),
  entity('kyiv', 'place', [['Kyiv', 'en'], ['Kiev', 'en'], ['Киев', 'ru'], ['Київ', 'uk'], ['基辅', 'zh']]),
  entity('kursk', 'place', [
    ['Kursk', 'en'], ['Курск', 'ru'], ['Курськ', 'uk'], ['库尔斯克', 'zh'], ['库尔斯克州', 'zh'],
  ]),
  entity('kremlin', 'organisation', [
    ['Kremlin', 'en', 'match-case'], ['Кремль', 'ru', 'match-case'], ['Кремль', 'uk', 'match-case'], ['克里姆林宫', 'zh'],
  ]),
  entity('chinese-foreign-ministry', 'organisation', [
    ['Chinese Foreign Ministry', 'en'], ['МИД Китая', 'ru'], ['МЗС Китаю', 'uk'], ['中国外交部', 'zh'],
    ['外交部', 'zh', 'short'],
  ]),
  {
    ...entity('annual-talks', 'event', [
      ['annual talks', 'en', 'with-related'], ['регулярная встреча глав правительств', 'ru'], ['щорічні переговори', 'uk'],
      ['总理定期会晤', 'zh'],
    ]),
    related: ['li-qiang', 'mikhail-mishustin'],
  },
  {
    ...entity('sanctions', 'event', [
      ['international sanctions', 'en', 'with-related'], ['Western sanctions', 'en'], ['sanctions', 'en', 'short'],
      ['санкции', 'ru'], ['санкції', 'uk'], ['制裁', 'zh'],
    ]),
    related: ['russia'],
  },
  entity('dual-use-goods', 'event', [
    ['dual-use goods', 'en'], ['товары двойного назначения', 'ru'], ['товари подвійного призначення', 'uk'],
    ['军民两用物项', 'zh'],
  ]),
  entity('trade-target-240bn', 'figure', [['$240 billion', 'en']], {
    kind: 'money', value: 240, qualifier: 'exact', period: '2023', label: '$240 billion',
  }),
  entity('trade-growth-2023', 'figure', [['more than a quarter', 'en']], {
    kind: 'percent', value: 25, qualifier: 'more-than', period: '2023', label: 'more than a quarter',
  }),
  entity('trade-growth-2024', 'figure', [['about 1.6%', 'en']], {
    kind: 'percent', value: 1.6, qualifier: 'about', period: '2024-01/2024-07', label: 'about 1.6%',
  }),
];

export function packOf(entities: readonly Entity[]): StoryPack {
  return {
    schemaVersion: 1,
    id: 'fixture',
    story: {
      headline: 'Li Qiang visits Moscow',
      date: '2024-08-21',
      source: 'fixture',
      summary: [],
      keyFigures: entities.filter((item) => item.category === 'figure').map((item) => item.id),
      timeline: [],
      documents: [],
    },
    entities: [...entities],
  };
}

export const FIXTURE_PACK: StoryPack = packOf(FIXTURE_ENTITIES);

/** An index in letters (0 "a", 25 "z", 26 "ba"): a surname of letters only is one word. */
export const lettered = (index: number): string => (index >= 26 ? lettered(Math.floor(index / 26)) : '') + String.fromCharCode(97 + (index % 26));

/** An invented person of a big pack, known by `aliases`. */
export function inventedPerson(index: number, aliases: Alias[]): Entity {
  return { id: `person-${index}`, category: 'person', name: `Person ${index}`, role: 'Invented for a test', background: [], quotes: [], related: [], aliases };
}
