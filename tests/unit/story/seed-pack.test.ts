import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileMatcher } from '../../../src/match';
import { SEED_PACK } from '../../../src/story/seed-pack';
import { parsePack } from '../../../src/story/validate-pack';
import { LANGUAGES, type Category, type Entity } from '../../../src/story/schema';

const root = new URL('../../../', import.meta.url);
const article = readFileSync(new URL('assets/demo/article.txt', root), 'utf8');
const packText = readFileSync(new URL('src/story/seed-pack.json', root), 'utf8');
const sentences = new Set(
  article
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean),
);

const byId = new Map(SEED_PACK.entities.map((entity) => [entity.id, entity]));

function entity(id: string): Entity {
  const found = byId.get(id);
  if (!found) throw new Error(`no entity ${id}`);
  return found;
}

function aliasTexts(id: string): string[] {
  return entity(id).aliases.map((alias) => alias.text);
}

const REQUIRED: Record<Category, string[]> = {
  person: ['vladimir-putin', 'li-qiang', 'xi-jinping', 'mikhail-mishustin', 'roman-golovchenko'],
  place: ['moscow', 'beijing', 'russia', 'china', 'belarus', 'ukraine', 'kyiv', 'kursk', 'united-states'],
  organisation: ['kremlin', 'chinese-foreign-ministry'],
  event: ['annual-talks', 'sanctions', 'dual-use-goods'],
  figure: ['trade-target-240bn', 'trade-growth-2023', 'trade-growth-2024'],
};

describe('seed pack: validity', () => {
  it('validates from its JSON text', () => {
    const result = parsePack(packText);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.pack).toEqual(SEED_PACK);
  });

  it('is the Li Qiang story, schema version 1', () => {
    expect(SEED_PACK.schemaVersion).toBe(1);
    expect(SEED_PACK.id).toBe('li-qiang-moscow-2024');
    expect(SEED_PACK.story.date).toBe('2024-08-21');
    expect(SEED_PACK.story.source).toBe('CNN');
    expect(SEED_PACK.story.headline).toMatch(/Li Qiang/);
  });

  it('is tidy JSON with a 2-space indent', () => {
    expect(packText).toBe(`${JSON.stringify(JSON.parse(packText), null, 2)}\n`);
  });
});

describe('seed pack: quotes', () => {
  const quotes = SEED_PACK.entities.flatMap((item) => item.quotes.map((quote) => ({ id: item.id, quote })));

  it('has quotes', () => {
    expect(quotes.length).toBeGreaterThan(20);
  });

  it('quotes every sentence verbatim from the article', () => {
    const missing = quotes.filter(({ quote }) => !article.includes(quote));
    expect(missing).toEqual([]);
  });

  it('quotes whole sentences only', () => {
    const partial = quotes.filter(({ quote }) => !sentences.has(quote));
    expect(partial).toEqual([]);
  });

  it('keeps the article spelling, such as the lower-case kyiv', () => {
    expect(entity('kyiv').quotes.every((quote) => quote.includes('kyiv'))).toBe(true);
  });

  it('gives every named person, place and organisation at least one quote', () => {
    const without = SEED_PACK.entities
      .filter((item) => item.category !== 'figure' && item.quotes.length === 0)
      .map((item) => item.id);
    expect(without).toEqual([]);
  });

  it('quotes a sentence that names or clearly refers to the entity', () => {
    expect(entity('mikhail-mishustin').quotes.some((quote) => quote.includes('Mishustin'))).toBe(true);
    expect(entity('roman-golovchenko').quotes).toEqual([expect.stringContaining('Roman Golovchenko')]);
    expect(entity('trade-target-240bn').quotes).toEqual([expect.stringContaining('$240 billion')]);
    expect(entity('trade-growth-2024').quotes).toEqual([expect.stringContaining('1.6%')]);
  });
});

describe('seed pack: ids and references', () => {
  it('has unique ids', () => {
    const ids = SEED_PACK.entities.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('relates only to entities that exist, never to itself', () => {
    const broken = SEED_PACK.entities.flatMap((item) =>
      item.related.filter((id) => !byId.has(id) || id === item.id).map((id) => `${item.id} -> ${id}`),
    );
    expect(broken).toEqual([]);
  });

  it('lists the three trade figures as key figures', () => {
    expect(SEED_PACK.story.keyFigures).toEqual(['trade-target-240bn', 'trade-growth-2023', 'trade-growth-2024']);
    for (const id of SEED_PACK.story.keyFigures) expect(entity(id).category).toBe('figure');
  });
});

describe('seed pack: entities', () => {
  it.each(Object.entries(REQUIRED).flatMap(([category, ids]) => ids.map((id) => [id, category])))(
    '%s exists as a %s with aliases in en, ru, uk and zh',
    (id, category) => {
      const found = entity(id);
      expect(found.category).toBe(category);
      const languages = new Set(found.aliases.map((alias) => alias.lang));
      expect([...languages].sort()).toEqual([...LANGUAGES].sort());
    },
  );

  it('has all four languages for every person and place', () => {
    const lacking = SEED_PACK.entities
      .filter((item) => item.category === 'person' || item.category === 'place')
      .filter((item) => LANGUAGES.some((lang) => !item.aliases.some((alias) => alias.lang === lang && !alias.short)))
      .map((item) => item.id);
    expect(lacking).toEqual([]);
  });

  it('gives the roles as of the story date', () => {
    expect(entity('li-qiang').role).toBe('Premier of China (head of the State Council)');
    expect(entity('mikhail-mishustin').role).toBe('Prime Minister of Russia');
    expect(entity('roman-golovchenko').role).toBe('Prime Minister of Belarus');
    expect(entity('vladimir-putin').role).toBe('President of Russia');
    expect(entity('xi-jinping').role).toMatch(/President of China/);
  });

  it('lists the expected names in each language', () => {
    expect(aliasTexts('mikhail-mishustin')).toEqual(
      expect.arrayContaining(['Mishustin', 'Mikhail Mishustin', 'Мишустин', 'Михаил Мишустин', 'Мішустін', 'Михайло Мішустін', '米舒斯京', '米哈伊尔·米舒斯京']),
    );
    expect(aliasTexts('li-qiang')).toEqual(expect.arrayContaining(['Li Qiang', 'Ли Цян', 'Лі Цян', '李强']));
    expect(aliasTexts('xi-jinping')).toEqual(expect.arrayContaining(['Xi Jinping', 'Си Цзиньпин', 'Сі Цзіньпін', '习近平']));
    expect(aliasTexts('vladimir-putin')).toEqual(
      expect.arrayContaining(['Putin', 'Vladimir Putin', 'Путин', 'Владимир Путин', 'Путін', 'Володимир Путін', '普京']),
    );
    expect(aliasTexts('roman-golovchenko')).toEqual(
      expect.arrayContaining(['Golovchenko', 'Roman Golovchenko', 'Головченко', 'Роман Головченко', '戈洛夫琴科']),
    );
    expect(aliasTexts('kursk')).toEqual(expect.arrayContaining(['Kursk', 'Курск', 'Курськ', '库尔斯克']));
    expect(aliasTexts('moscow')).toEqual(expect.arrayContaining(['Moscow', 'Москва', '莫斯科']));
    expect(aliasTexts('beijing')).toEqual(expect.arrayContaining(['Beijing', 'Пекин', 'Пекін', '北京']));
    expect(aliasTexts('russia')).toEqual(expect.arrayContaining(['Russia', 'Россия', 'Росія', '俄罗斯']));
    expect(aliasTexts('china')).toEqual(expect.arrayContaining(['China', 'Китай', '中国']));
    expect(aliasTexts('belarus')).toEqual(expect.arrayContaining(['Belarus', 'Беларусь', 'Білорусь', '白俄罗斯']));
    expect(aliasTexts('ukraine')).toEqual(expect.arrayContaining(['Ukraine', 'Украина', 'Україна', '乌克兰']));
    expect(aliasTexts('kyiv')).toEqual(expect.arrayContaining(['Kyiv', 'Kiev', 'Киев', 'Київ', '基辅']));
    expect(aliasTexts('kremlin')).toEqual(expect.arrayContaining(['Kremlin', 'Кремль', '克里姆林宫']));
    expect(aliasTexts('chinese-foreign-ministry')).toEqual(
      expect.arrayContaining(['Chinese Foreign Ministry', 'МИД Китая', 'МЗС Китаю', '中国外交部', '外交部']),
    );
    expect(aliasTexts('dual-use-goods')).toEqual(
      expect.arrayContaining(['dual-use goods', 'товары двойного назначения', 'товари подвійного призначення', '军民两用物项']),
    );
  });

  it('marks only short forms such as "Li" and "Xi" as short', () => {
    const shortOf = (id: string) => entity(id).aliases.filter((alias) => alias.short).map((alias) => alias.text);
    expect(shortOf('li-qiang').sort()).toEqual(['Li', 'Premier Li']);
    expect(shortOf('xi-jinping').sort()).toEqual(['President Xi', 'Xi']);
    expect(shortOf('vladimir-putin')).toEqual([]);
    expect(shortOf('mikhail-mishustin')).toEqual([]);
  });

  it('takes names that are also common words ("china", "кремль") only with their capital', () => {
    const matchCaseOf = (id: string) => entity(id).aliases.filter((alias) => alias.matchCase).map((alias) => alias.text);
    expect(matchCaseOf('china')).toEqual(['China']);
    expect(matchCaseOf('kremlin')).toEqual(['Kremlin', 'Кремль', 'Кремль']);
    // An alias written again without the flag (in another language) would count in lower case.
    for (const item of SEED_PACK.entities) {
      const flagged = new Set(item.aliases.filter((alias) => alias.matchCase).map((alias) => alias.text));
      expect(item.aliases.filter((alias) => flagged.has(alias.text) && !alias.matchCase)).toEqual([]);
    }
  });

  it('lists as notMentions only phrases with one of the entity\'s names inside, which then count for nothing', () => {
    const withThem = compileMatcher(SEED_PACK);
    const withoutThem = compileMatcher({ ...SEED_PACK, entities: SEED_PACK.entities.map(({ notMentions: _, ...item }) => item) });
    const listed = SEED_PACK.entities.flatMap((item) => (item.notMentions ?? []).map(({ text }) => [item.id, text] as const));
    expect(listed.map(([, text]) => text)).toEqual(expect.arrayContaining(['Republic of China', 'South China Sea', 'Китай-город']));
    for (const [id, text] of listed) {
      expect(withoutThem.find(text).map((mention) => mention.entityId)).toContain(id);
      expect(withThem.find(text)).toEqual([]);
    }
  });

  it('never gives one alias to two entities', () => {
    const owners = new Map<string, Set<string>>();
    for (const item of SEED_PACK.entities) {
      for (const alias of item.aliases) {
        const key = alias.text.toLocaleLowerCase();
        owners.set(key, (owners.get(key) ?? new Set()).add(item.id));
      }
    }
    const shared = [...owners].filter(([, ids]) => ids.size > 1).map(([text, ids]) => `${text}: ${[...ids].join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('keeps "Kursk" alone for the place; the incursion has only phrases', () => {
    const kurskOwners = SEED_PACK.entities.filter((item) =>
      item.aliases.some((alias) => ['kursk', 'курск', 'курськ', '库尔斯克'].includes(alias.text.toLocaleLowerCase())),
    );
    expect(kurskOwners.map((item) => item.id)).toEqual(['kursk']);
    const incursion = byId.get('kursk-incursion');
    if (incursion) for (const alias of incursion.aliases) expect(alias.text.trim()).toMatch(/\s/);
  });

  it('keeps adjectives and ordinary words out of the aliases', () => {
    const all = SEED_PACK.entities.flatMap((item) => item.aliases.map((alias) => alias.text.toLocaleLowerCase()));
    for (const word of ['russian', 'chinese', 'ukrainian', 'belarusian', 'western', 'talks', 'trade', 'war', 'premier']) {
      expect(all).not.toContain(word);
    }
  });

  it('has no duplicate alias within an entity and language', () => {
    for (const item of SEED_PACK.entities) {
      const keys = item.aliases.map((alias) => `${alias.lang}:${alias.text}`);
      expect(new Set(keys).size, item.id).toBe(keys.length);
    }
  });

  it('gives every entity a short background, dated to the story', () => {
    for (const item of SEED_PACK.entities) {
      expect(item.background.length, item.id).toBeGreaterThanOrEqual(1);
      expect(item.background.length, item.id).toBeLessThanOrEqual(3);
      for (const fact of item.background) expect(fact.asOf, item.id).toBe('2024-08-21');
    }
  });

  it('states the trade figures as the article does', () => {
    expect(entity('trade-target-240bn').figure).toMatchObject({ kind: 'money', value: 240, period: '2023', label: 'more than $240 billion' });
    expect(entity('trade-growth-2023').figure).toEqual({
      kind: 'percent',
      value: 25,
      qualifier: 'more-than',
      period: '2023',
      label: 'more than a quarter',
    });
    expect(entity('trade-growth-2024').figure).toEqual({
      kind: 'percent',
      value: 1.6,
      qualifier: 'about',
      period: '2024-01/2024-07',
      label: 'about 1.6%',
    });
    expect(aliasTexts('trade-target-240bn')).toEqual(
      expect.arrayContaining(['$240 billion', '240 billion dollars', '240 млрд долларов', '2400亿美元']),
    );
    expect(aliasTexts('trade-growth-2023')).toContain('more than a quarter');
    expect(aliasTexts('trade-growth-2024')).toContain('1.6%');
  });
});

describe('seed pack: story', () => {
  const { story } = SEED_PACK;

  it('has a summary of 5 to 8 sentences naming Li Qiang, Moscow and Mishustin', () => {
    expect(story.summary.length).toBeGreaterThanOrEqual(5);
    expect(story.summary.length).toBeLessThanOrEqual(8);
    const text = story.summary.join(' ');
    for (const name of ['Li Qiang', 'Moscow', 'Mishustin']) expect(text).toContain(name);
    for (const sentence of story.summary) expect(sentence).toMatch(/^[A-Z].*\.$/);
  });

  it('lists the cooperation documents as the article does', () => {
    expect(story.documents).toEqual([
      'science and technology',
      'chemical industry',
      'maritime search and rescue',
      'cross-border cargo transportation',
    ]);
    for (const document of story.documents) expect(article).toContain(document);
  });

  function event(date: string, ...words: string[]) {
    return story.timeline.find((item) => item.date === date && words.every((word) => item.text.includes(word)));
  }

  it('has the events the article dates', () => {
    expect(event('1996', 'annual talks')).toBeDefined();
    expect(event('2023', '$240 billion', 'more than a quarter')).toBeDefined();
    expect(event('2024-08-21', 'Li Qiang', 'Mishustin', 'Putin', 'Moscow')).toBeDefined();
    for (const date of ['1996', '2023', '2024-08-21']) expect(event(date)?.background).toBeUndefined();
  });

  it('marks the dates the article does not give as background', () => {
    const invasion = story.timeline.find((item) => item.date.startsWith('2022') && item.text.includes('invasion'));
    const kuleba = event('2024-07', 'Ukrainian official', 'Kuleba');
    const kursk = story.timeline.find((item) => item.date.startsWith('2024-08') && item.text.includes('Kursk'));
    const belarus = story.timeline.find((item) => item.text.includes('Belarus') && item.text.includes('Golovchenko'));
    expect(invasion?.date).toBe('2022-02-24');
    expect(kursk?.date).toBe('2024-08-06');
    expect(belarus?.date).toBe('2024-08-22');
    for (const item of [invasion, kuleba, kursk, belarus]) {
      expect(item).toBeDefined();
      expect(item?.background).toEqual({ asOf: '2024-08-21' });
    }
  });

  it('keeps the timeline in date order', () => {
    const dates = story.timeline.map((item) => item.date);
    expect(dates).toEqual([...dates].sort());
  });
});
