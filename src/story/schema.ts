// The story-pack schema. A pack is untrusted input (users import their own), so every field has
// a type, a length bound and, where it matters, a pattern; unknown keys are rejected.
import * as v from 'valibot';

export const LANGUAGES = ['en', 'ru', 'uk', 'zh'] as const;
export const CATEGORIES = ['person', 'place', 'organisation', 'event', 'figure'] as const;

/** Bounds that keep a hostile pack from costing memory or time. */
export const PACK_LIMITS = {
  entities: 2_000,
  aliasesPerEntity: 500,
  aliasesTotal: 20_000,
  aliasLength: 120,
  textLength: 2_000,
  listLength: 200,
} as const;

const isoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD'),
);
const text = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(PACK_LIMITS.textLength, `must be at most ${PACK_LIMITS.textLength} characters`),
);
const entityId = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, such as li-qiang'),
  v.maxLength(64, 'must be at most 64 characters'),
);
const list = <T extends v.GenericSchema>(item: T, max: number = PACK_LIMITS.listLength) =>
  v.pipe(v.array(item), v.maxLength(max, `must have at most ${max} items`));

export const LanguageSchema = v.picklist(LANGUAGES, 'must be one of en, ru, uk, zh');
export const CategorySchema = v.picklist(
  CATEGORIES,
  'must be one of person, place, organisation, event, figure',
);

/** Literal text, never a pattern. */
const phraseText = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(PACK_LIMITS.aliasLength, `must be at most ${PACK_LIMITS.aliasLength} characters`),
);

/**
 * A phrase with one of an entity's names in it that means something else: "Republic of China"
 * (Taiwan), "South China Sea". Where a page writes it, no name inside it is a mention.
 */
export const NotMentionSchema = v.strictObject({
  text: phraseText,
  lang: LanguageSchema,
});

export const AliasSchema = v.strictObject({
  text: phraseText,
  lang: LanguageSchema,
  /**
   * A short form ("Li", "President Xi") counts only on a page where one of the entity's full
   * names also counts (one withRelated too, where its related entity is named). Written with a
   * capital (a name), it does not count where a word with a capital follows it ("Li Keqiang");
   * written in lower case ("sanctions"), where one comes before it ("North Korea sanctions"); a
   * word of one of the story's full names aside.
   */
  short: v.optional(v.boolean()),
  /**
   * The alias counts only where a page writes each word the alias writes with a capital with one
   * too (all in capitals will do): for a name that is also a common word in lower case ("China"
   * and bone china, "Кремль" and the кремль of another town). Other names count in any case.
   */
  matchCase: v.optional(v.boolean()),
  /**
   * The alias counts only on a page that also names, in full, the entity or one of its related
   * entities: for words any story may use ("annual talks", "dual-use goods"), which mean this
   * story's only beside it.
   */
  withRelated: v.optional(v.boolean()),
});

/** A fact that the article does not state: general background, true as of a date. */
export const BackgroundSchema = v.strictObject({
  text,
  asOf: isoDate,
});

export const FigureSchema = v.strictObject({
  kind: v.picklist(['money', 'percent'], 'must be money or percent'),
  /** Money in billions of US dollars; percent in percentage points. */
  value: v.pipe(v.number(), v.finite('must be a finite number')),
  qualifier: v.picklist(['exact', 'about', 'more-than'], 'must be exact, about or more-than'),
  /** The period the figure describes, such as 2023 or 2024-01/2024-07. */
  period: v.pipe(v.string(), v.maxLength(40)),
  /** How the story states it, qualifier included, such as "more than $240 billion". Shown as written. */
  label: text,
});

export const EntitySchema = v.strictObject({
  id: entityId,
  category: CategorySchema,
  name: text,
  /** One line: who or what it is, as of the story's date. */
  role: text,
  background: list(BackgroundSchema, 10),
  /** Sentences of the article, verbatim. */
  quotes: list(text, 50),
  related: list(entityId, 50),
  aliases: v.pipe(
    v.array(AliasSchema),
    v.minLength(1, 'must have at least one alias'),
    v.maxLength(PACK_LIMITS.aliasesPerEntity, `must have at most ${PACK_LIMITS.aliasesPerEntity} aliases`),
  ),
  notMentions: v.optional(list(NotMentionSchema, PACK_LIMITS.aliasesPerEntity)),
  figure: v.optional(FigureSchema),
});

export const TimelineEventSchema = v.strictObject({
  date: isoDate,
  text,
  /** Absent when the article states it; set when it is general background. */
  background: v.optional(v.strictObject({ asOf: isoDate })),
});

export const StorySchema = v.strictObject({
  headline: text,
  date: isoDate,
  source: text,
  url: v.optional(v.pipe(v.string(), v.url('must be a URL'), v.startsWith('https://', 'must start with https://'))),
  /** The background summary, one sentence an item. */
  summary: list(text, 20),
  /** Ids of the figure entities shown as the key figures. */
  keyFigures: list(entityId, 20),
  timeline: list(TimelineEventSchema, 100),
  /** The cooperation documents signed, as the article lists them. */
  documents: list(text, 50),
});

/** A pack's fields, with the schema its entities are checked by. */
const packObject = <T extends v.GenericSchema>(entity: T) =>
  v.strictObject({
    schemaVersion: v.literal(1, 'must be 1'),
    id: entityId,
    story: StorySchema,
    entities: v.pipe(
      v.array(entity),
      v.minLength(1, 'must have at least one entity'),
      v.maxLength(PACK_LIMITS.entities, `must have at most ${PACK_LIMITS.entities} entities`),
    ),
  });

export const StoryPackSchema = v.pipe(
  packObject(EntitySchema),
  v.rawCheck(({ dataset, addIssue }) => {
    if (dataset.typed) checkPackLinks(dataset.value, addIssue);
  }),
);

/**
 * A pack's fields with its entities left unchecked: with EntitySchema for each entity and
 * checkPackLinks after, it checks what StoryPackSchema checks, a part at a time.
 */
export const PackFieldsSchema = packObject(v.unknown());

type IssueAdder = (issue: { message: string; path: [v.ObjectPathItem, ...(v.ObjectPathItem | v.ArrayPathItem)[]] }) => void;

/** What ties a pack's parts together: unique ids, figures, the alias total, related ids, key figures. */
export function checkPackLinks(pack: v.InferOutput<ReturnType<typeof packObject<typeof EntitySchema>>>, addIssue: IssueAdder): void {
  const { entities, story } = pack;
  const ids = new Set<string>();
  let aliases = 0;
  /** The notMentions, which the matcher reads as it reads aliases. */
  let phrases = 0;
  entities.forEach((entity, index) => {
    if (ids.has(entity.id)) {
      addIssue({
        message: `repeats the id "${entity.id}"`,
        path: entityPath(pack, index),
      });
    }
    ids.add(entity.id);
    aliases += entity.aliases.length;
    phrases += entity.notMentions?.length ?? 0;
    if (entity.category === 'figure' && !entity.figure) {
      addIssue({
        message: 'is a figure, so it needs a "figure" field',
        path: entityPath(pack, index),
      });
    }
  });
  if (aliases > PACK_LIMITS.aliasesTotal) {
    addIssue({
      message: `have ${aliases} aliases in all; at most ${PACK_LIMITS.aliasesTotal} are allowed`,
      path: [keyItem(pack, 'entities')],
    });
  } else if (aliases + phrases > PACK_LIMITS.aliasesTotal) {
    addIssue({
      message: `have ${aliases} aliases and ${phrases} notMentions, ${aliases + phrases} in all; at most ${PACK_LIMITS.aliasesTotal} are allowed`,
      path: [keyItem(pack, 'entities')],
    });
  }
  entities.forEach((entity, index) => {
    for (const related of entity.related) {
      if (!ids.has(related)) {
        addIssue({
          message: `names "${related}" as related, but no entity has that id`,
          path: entityPath(pack, index),
        });
      }
    }
  });
  story.keyFigures.forEach((id, index) => {
    if (!entities.some((entity) => entity.id === id && entity.category === 'figure')) {
      addIssue({
        message: `lists "${id}" as a key figure, but no figure entity has that id`,
        path: [keyItem(pack, 'story'), keyItem(story, 'keyFigures'), indexItem(story.keyFigures, index)],
      });
    }
  });
}

// Issues raised by the check above start at the root of the pack, so their paths spell out every
// step from there (entities[3], story.keyFigures[0]) for the error messages.
function keyItem<T extends object>(input: T, key: keyof T & string): v.ObjectPathItem {
  return { type: 'object', origin: 'value', input: input as Record<string, unknown>, key, value: input[key] };
}

function indexItem(input: readonly unknown[], key: number): v.ArrayPathItem {
  return { type: 'array', origin: 'value', input, key, value: input[key] };
}

function entityPath(
  pack: { entities: readonly unknown[] },
  index: number,
): [v.ObjectPathItem, v.ArrayPathItem] {
  return [keyItem(pack, 'entities'), indexItem(pack.entities, index)];
}

export type Language = (typeof LANGUAGES)[number];
export type Category = (typeof CATEGORIES)[number];
export type Alias = v.InferOutput<typeof AliasSchema>;
export type Background = v.InferOutput<typeof BackgroundSchema>;
export type Figure = v.InferOutput<typeof FigureSchema>;
export type Entity = v.InferOutput<typeof EntitySchema>;
export type TimelineEvent = v.InferOutput<typeof TimelineEventSchema>;
export type Story = v.InferOutput<typeof StorySchema>;
export type StoryPack = v.InferOutput<typeof StoryPackSchema>;
