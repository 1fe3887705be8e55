// Story packs of a chosen size for the alias-count runs. Each is a valid StoryPack (checked against
// the schema users' packs go through): the seed story's entities, cut down to a few aliases each,
// plus invented people whose names are spelled in English, Russian, Ukrainian and Chinese.
import * as v from 'valibot';
import { StoryPackSchema, type Alias, type Entity, type StoryPack } from '../../src/story/schema';
import { SEED_PACK } from '../../src/story/seed-pack';

export interface BenchPack {
  /** How the tables name it. */
  label: string;
  pack: StoryPack;
  aliasCount: number;
}

/** Every alias text of a pack, once each: what the usual way feeds to a RegExp or to mark.js. */
export function aliasTexts(pack: StoryPack): string[] {
  return [...new Set(pack.entities.flatMap((entity) => entity.aliases.map((alias) => alias.text)))];
}

export function countAliases(pack: StoryPack): number {
  return pack.entities.reduce((sum, entity) => sum + entity.aliases.length, 0);
}

/**
 * The seed story with `total` aliases in all: every entity keeps its first alias, then each gets
 * its next one in turn until the total is reached. Entities, relations and key figures stay as they
 * are, so the pack remains valid and finds the same kinds of things.
 */
export function trimmedSeed(total: number): StoryPack {
  const entities = SEED_PACK.entities.map((entity) => ({ ...entity, aliases: [] as Alias[] }));
  let left = total;
  for (let round = 0; left > 0; round++) {
    let added = false;
    SEED_PACK.entities.forEach((entity, index) => {
      const alias = entity.aliases[round];
      if (left > 0 && alias) {
        entities[index]!.aliases.push(alias);
        left -= 1;
        added = true;
      }
    });
    if (!added) break;
  }
  return { ...SEED_PACK, id: `${SEED_PACK.id}-bench-${total}`, entities };
}

/** One syllable in the four spellings: English, Russian, Ukrainian, Chinese transliteration. */
type Spelling = readonly [en: string, ru: string, uk: string, zh: string];

const GIVEN: readonly Spelling[] = [
  ['Anton', 'Антон', 'Антон', '安东'], ['Boris', 'Борис', 'Борис', '鲍里斯'], ['Daria', 'Дарья', 'Дарія', '达里娅'],
  ['Egor', 'Егор', 'Єгор', '叶戈尔'], ['Fedor', 'Фёдор', 'Федір', '费多尔'], ['Galina', 'Галина', 'Галина', '加林娜'],
  ['Ilya', 'Илья', 'Ілля', '伊利亚'], ['Kira', 'Кира', 'Кіра', '基拉'], ['Lev', 'Лев', 'Лев', '列夫'],
  ['Marta', 'Марта', 'Марта', '玛尔塔'], ['Nikita', 'Никита', 'Микита', '尼基塔'], ['Oleg', 'Олег', 'Олег', '奥列格'],
  ['Polina', 'Полина', 'Поліна', '波利娜'], ['Roman', 'Роман', 'Роман', '罗曼'], ['Stepan', 'Степан', 'Степан', '斯捷潘'],
  ['Taras', 'Тарас', 'Тарас', '塔拉斯'], ['Vera', 'Вера', 'Віра', '薇拉'], ['Yuri', 'Юрий', 'Юрій', '尤里'],
  ['Zoya', 'Зоя', 'Зоя', '卓娅'], ['Denis', 'Денис', 'Денис', '杰尼斯'],
];

const SYLLABLES: readonly Spelling[] = [
  ['ka', 'ка', 'ка', '卡'], ['lo', 'ло', 'ло', '洛'], ['mi', 'ми', 'мі', '米'], ['ra', 'ра', 'ра', '拉'],
  ['ve', 'ве', 'ве', '韦'], ['do', 'до', 'до', '多'], ['sa', 'са', 'са', '萨'],
  ['ni', 'ни', 'ні', '尼'], ['to', 'то', 'то', '托'], ['bu', 'бу', 'бу', '布'], ['ze', 'зе', 'зе', '泽'],
  ['ga', 'га', 'га', '加'], ['le', 'ле', 'ле', '列'], ['mo', 'мо', 'мо', '莫'], ['ru', 'ру', 'ру', '鲁'],
  ['ti', 'ти', 'ті', '季'], ['po', 'по', 'по', '波'], ['de', 'де', 'де', '杰'], ['shi', 'ши', 'ши', '希'],
  ['ya', 'я', 'я', '亚'], ['ku', 'ку', 'ку', '库'], ['vo', 'во', 'во', '沃'], ['za', 'за', 'за', '扎'],
  ['re', 'ре', 'ре', '雷'], ['ba', 'ба', 'ба', '巴'], ['no', 'но', 'но', '诺'],
];

const SUFFIXES: readonly Spelling[] = [
  ['nov', 'нов', 'нов', '诺夫'], ['shenko', 'шенко', 'шенко', '申科'], ['vich', 'вич', 'вич', '维奇'],
  ['lin', 'лин', 'лін', '林'], ['rev', 'рев', 'рев', '列夫'], ['ruk', 'рук', 'рук', '鲁克'],
  ['dze', 'дзе', 'дзе', '泽'], ['tsev', 'цев', 'цев', '采夫'], ['mets', 'мец', 'мець', '梅茨'],
  ['skiy', 'ский', 'ський', '斯基'],
];

/** A small deterministic generator, so that every run benchmarks the same pack. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(list: readonly T[], next: () => number): T => list[Math.floor(next() * list.length)]!;

function join(parts: readonly Spelling[], language: number): string {
  return parts.map((part) => part[language]!).join('');
}

const capitalise = (word: string): string => word.charAt(0).toLocaleUpperCase() + word.slice(1);

/**
 * The seed story cut to `seedAliases` aliases, plus invented people up to `total` aliases.
 * `taken(word)` says whether a word already occurs in the benchmark pages: an invented surname
 * must not, so that every pack finds exactly the seed story's mentions.
 */
export function syntheticPack(total: number, seedAliases: number, taken: (word: string) => boolean): StoryPack {
  const base = trimmedSeed(seedAliases);
  const entities: Entity[] = [...base.entities];
  const next = random(0x5eed + total);
  const used = new Set<string>(aliasTexts(base).map((text) => text.toLowerCase()));
  let left = total - countAliases(base);
  let serial = 0;
  while (left > 0) {
    const length = 2 + Math.floor(next() * 2);
    const parts = [...Array.from({ length }, () => pick(SYLLABLES, next)), pick(SUFFIXES, next)];
    const given = pick(GIVEN, next);
    const surname = [0, 1, 2, 3].map((language) => join(parts, language));
    const [en, ru, uk, zh] = surname.map((word, language) => (language === 3 ? word : capitalise(word))) as [
      string,
      string,
      string,
      string,
    ];
    const candidates: Alias[] = [
      { text: `${given[0]} ${en}`, lang: 'en' },
      { text: en, lang: 'en' },
      { text: `${given[1]} ${ru}`, lang: 'ru' },
      { text: ru, lang: 'ru' },
      { text: `${given[2]} ${uk}`, lang: 'uk' },
      { text: `${given[3]}·${zh}`, lang: 'zh' },
    ];
    if ([en, ru, uk].some((word) => taken(word.toLowerCase())) || taken(zh)) continue;
    const aliases: Alias[] = [];
    for (const alias of candidates) {
      const key = alias.text.toLowerCase();
      if (aliases.length === left || used.has(key)) continue;
      used.add(key);
      aliases.push(alias);
    }
    if (aliases.length === 0) continue;
    serial += 1;
    entities.push({
      id: `bench-person-${serial}`,
      category: 'person',
      name: aliases[0]!.text,
      role: 'An invented person who appears on none of the benchmark pages.',
      background: [],
      quotes: [],
      related: [],
      aliases,
    });
    left -= aliases.length;
  }
  const pack: StoryPack = { ...base, id: `${SEED_PACK.id}-bench-${total}`, entities };
  const checked = v.safeParse(StoryPackSchema, pack);
  if (!checked.success) {
    const issue = checked.issues[0];
    throw new Error(`The generated ${total}-alias pack is not a valid story pack: ${issue?.message ?? 'unknown issue'}`);
  }
  return checked.output;
}

export function benchPacks(taken: (word: string) => boolean): BenchPack[] {
  const small = trimmedSeed(50);
  if (!v.safeParse(StoryPackSchema, small).success) throw new Error('The 50-alias pack is not a valid story pack.');
  const large = syntheticPack(10_000, 50, taken);
  return [
    { label: 'seed pack', pack: SEED_PACK, aliasCount: countAliases(SEED_PACK) },
    { label: '50 aliases', pack: small, aliasCount: countAliases(small) },
    { label: '10 000 aliases', pack: large, aliasCount: countAliases(large) },
  ];
}
