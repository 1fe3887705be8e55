import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parsePack, parsePackInSteps, MAX_PACK_CHARS, MAX_ERRORS } from '../../../src/story/validate-pack';
import { SEED_PACK } from '../../../src/story/seed-pack';

/** A small pack that passes the schema; tests change one thing at a time. */
function validPack() {
  return {
    schemaVersion: 1,
    id: 'test-pack',
    story: {
      headline: 'A headline',
      date: '2024-08-21',
      source: 'Test',
      summary: ['One sentence.'],
      keyFigures: ['growth'],
      timeline: [{ date: '2024', text: 'Something happens.' }],
      documents: [],
    },
    entities: [
      {
        id: 'putin',
        category: 'person',
        name: 'Vladimir Putin',
        role: 'President of Russia',
        background: [{ text: 'President since 2012.', asOf: '2024-08-21' }],
        quotes: [],
        related: ['kursk'],
        aliases: [{ text: 'Putin', lang: 'en' }],
      },
      {
        id: 'kursk',
        category: 'place',
        name: 'Kursk',
        role: 'Russian region',
        background: [],
        quotes: [],
        related: [] as string[],
        aliases: [
          { text: 'Kursk', lang: 'en' },
          { text: 'Курск', lang: 'ru' },
        ],
      },
      {
        id: 'growth',
        category: 'figure',
        name: 'Growth',
        role: 'Trade growth',
        background: [],
        quotes: [],
        related: [] as string[],
        aliases: [{ text: '1.6%', lang: 'en' }],
        figure: { kind: 'percent', value: 1.6, qualifier: 'about', period: '2024', label: 'about 1.6%' },
      },
    ],
  };
}

type Pack = ReturnType<typeof validPack>;

function errorsOf(input: unknown): string[] {
  const result = parsePack(input);
  if (result.ok) throw new Error('expected the pack to be rejected');
  return result.errors;
}

function errorsAfter(change: (pack: Pack & Record<string, any>) => void): string[] {
  const pack = validPack();
  change(pack as Pack & Record<string, any>);
  return errorsOf(JSON.stringify(pack));
}

describe('parsePack: good input', () => {
  it('accepts a valid pack given as JSON text', () => {
    const result = parsePack(JSON.stringify(validPack()));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.pack.entities.map((entity) => entity.id)).toEqual(['putin', 'kursk', 'growth']);
  });

  it('accepts a valid pack given as an already parsed value', () => {
    expect(parsePack(validPack()).ok).toBe(true);
  });

  it('accepts JSON text that starts with a byte-order mark', () => {
    expect(parsePack(`\uFEFF${JSON.stringify(validPack())}`).ok).toBe(true);
  });

  it('trims surrounding spaces from texts and aliases', () => {
    const pack = validPack();
    pack.entities[0]!.aliases[0]!.text = '  Putin  ';
    pack.story.headline = ' A headline ';
    const result = parsePack(pack);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.entities[0]!.aliases[0]!.text).toBe('Putin');
    expect(result.pack.story.headline).toBe('A headline');
  });

  it('accepts aliases full of regex metacharacters as literal text', () => {
    const tricky = ['a.*b', '(x+)+y', '[abc', '\\d+', '^$', '?', 'a|b', '{2,}', '.*', '(?<n>x)', '\\'];
    const pack = validPack();
    pack.entities[1]!.aliases = tricky.map((text) => ({ text, lang: 'en' }));
    const result = parsePack(JSON.stringify(pack));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.pack.entities[1]!.aliases.map((alias) => alias.text)).toEqual(tricky);
  });

  it('accepts a pack exactly at the size limit', () => {
    const json = JSON.stringify(validPack());
    const padded = json + ' '.repeat(MAX_PACK_CHARS - json.length);
    expect(padded.length).toBe(MAX_PACK_CHARS);
    expect(parsePack(padded).ok).toBe(true);
  });
});

describe('parsePack: text that is not a pack', () => {
  it('rejects malformed JSON with a message saying so', () => {
    const errors = errorsOf('{"schemaVersion": 1, "id": ');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^not valid JSON: /);
  });

  it('rejects an empty string as not valid JSON', () => {
    expect(errorsOf('')[0]).toMatch(/^not valid JSON: /);
  });

  it('rejects text over 5 MB before parsing it, naming the limit', () => {
    // Not even JSON: the size check must come first, and quickly.
    const huge = '{'.repeat(MAX_PACK_CHARS + 1);
    const started = performance.now();
    const errors = errorsOf(huge);
    expect(performance.now() - started).toBeLessThan(500);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('too large');
    expect(errors[0]).toContain('5 MB');
  });

  it('rejects JSON that is not an object', () => {
    expect(errorsOf('[]')).toEqual(['pack: must be a JSON object, not a list']);
    expect(errorsOf('42')).toEqual(['pack: must be a JSON object, not 42']);
    expect(errorsOf('null')).toEqual(['pack: must be a JSON object, not null']);
    expect(errorsOf('"text"')).toEqual(['pack: must be a JSON object, not "text"']);
    expect(errorsOf(undefined)).toEqual(['pack: must be a JSON object, not undefined']);
  });

  it('survives deeply nested JSON', () => {
    const depth = 100_000;
    const started = performance.now();
    expect(errorsOf('['.repeat(depth) + ']'.repeat(depth))).toEqual(['pack: must be a JSON object, not a list']);
    const withX = (value: string) => JSON.stringify(validPack()).replace(/^\{/, `{"x":${value},`);
    expect(errorsOf(withX(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`))).toEqual(['x: is not a known field']);
    const deepProto = withX(`${'{"a":'.repeat(depth)}{"__proto__":1}${'}'.repeat(depth)}`);
    const [error] = errorsOf(deepProto);
    expect(error).toMatch(/^x(\.a){100000}\.__proto__: the key "__proto__" is not allowed/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('parsePack: errors name the field and the reason', () => {
  it('explains a badly written date', () => {
    const errors = errorsAfter((pack) => {
      pack.story.date = '21 August 2024';
    });
    expect(errors).toEqual(['story.date: must be a date written YYYY, YYYY-MM or YYYY-MM-DD']);
  });

  it('names the entity by position and id', () => {
    const errors = errorsAfter((pack) => {
      pack.entities[1]!.aliases[1]!.text = '   ';
    });
    expect(errors).toEqual(['entities[1] (kursk).aliases[1].text: must not be empty']);
  });

  it('leaves the id out when the entity has none worth showing', () => {
    const errors = errorsAfter((pack) => {
      pack.entities[0]!.id = 'Not An Id';
    });
    expect(errors).toEqual(['entities[0].id: must be lower-case words joined by hyphens, such as li-qiang']);
  });

  it('explains a wrong category, language and figure kind', () => {
    const errors = errorsAfter((pack) => {
      pack.entities[0]!.category = 'people';
      pack.entities[1]!.aliases[0]!.lang = 'de';
      pack.entities[2]!.figure!.kind = 'ratio';
    });
    expect(errors).toEqual([
      'entities[0] (putin).category: must be one of person, place, organisation, event, figure',
      'entities[1] (kursk).aliases[0].lang: must be one of en, ru, uk, zh',
      'entities[2] (growth).figure.kind: must be money or percent',
    ]);
  });

  it('explains a missing field and an unknown one', () => {
    expect(
      errorsAfter((pack) => {
        delete (pack.story as Record<string, unknown>).headline;
      }),
    ).toEqual(['story.headline: is missing']);
    expect(
      errorsAfter((pack) => {
        (pack.entities[0] as Record<string, unknown>).colour = 'red';
      }),
    ).toEqual(['entities[0] (putin).colour: is not a known field']);
  });

  it('quotes an unusual unknown key', () => {
    expect(
      errorsAfter((pack) => {
        pack['two words'] = true;
      }),
    ).toEqual(['pack["two words"]: is not a known field']);
  });

  it('explains a value of the wrong type', () => {
    expect(
      errorsAfter((pack) => {
        (pack.story as Record<string, unknown>).summary = 'not a list';
      }),
    ).toEqual(['story.summary: must be a list, not "not a list"']);
    expect(
      errorsAfter((pack) => {
        (pack.entities[2]!.figure as Record<string, unknown>).value = '1.6';
      }),
    ).toEqual(['entities[2] (growth).figure.value: must be a number, not "1.6"']);
    expect(
      errorsAfter((pack) => {
        (pack.entities[1]!.aliases[0] as Record<string, unknown>).short = 'yes';
      }),
    ).toEqual(['entities[1] (kursk).aliases[0].short: must be true or false, not "yes"']);
    expect(
      errorsAfter((pack) => {
        (pack.entities[1]!.aliases[0] as Record<string, unknown>).matchCase = 1;
      }),
    ).toEqual(['entities[1] (kursk).aliases[0].matchCase: must be true or false, not 1']);
    expect(
      errorsAfter((pack) => {
        (pack.entities[1] as Record<string, unknown>).notMentions = [{ text: ' ', lang: 'en' }, 'Kursk submarine'];
      }),
    ).toEqual([
      'entities[1] (kursk).notMentions[0].text: must not be empty',
      'entities[1] (kursk).notMentions[1]: must be an object, not "Kursk submarine"',
    ]);
  });

  it('says once that a list stands where an object belongs', () => {
    expect(
      errorsAfter((pack) => {
        pack.story = [] as unknown as Pack['story'];
      }),
    ).toEqual(['story: must be an object, not a list']);
    expect(
      errorsAfter((pack) => {
        (pack.entities[1]!.aliases as unknown[])[0] = ['Kursk', 'en'];
      }),
    ).toEqual(['entities[1] (kursk).aliases[0]: must be an object, not a list']);
  });

  it('explains a wrong schema version and an over-long figure period', () => {
    expect(
      errorsAfter((pack) => {
        pack.schemaVersion = 2;
      }),
    ).toEqual(['schemaVersion: must be 1']);
    expect(
      errorsAfter((pack) => {
        pack.entities[2]!.figure!.period = 'x'.repeat(41);
      }),
    ).toEqual(['entities[2] (growth).figure.period: must be at most 40 characters long']);
  });

  it('rejects a related id that no entity has', () => {
    const errors = errorsAfter((pack) => {
      pack.entities[0]!.related.push('nobody');
    });
    expect(errors).toEqual(['entities[0] (putin): names "nobody" as related, but no entity has that id']);
  });

  it('rejects a repeated id', () => {
    const errors = errorsAfter((pack) => {
      pack.entities[1]!.id = 'putin';
    });
    expect(errors).toContain('entities[1] (putin): repeats the id "putin"');
  });

  it('rejects a key figure that is not a figure entity', () => {
    const errors = errorsAfter((pack) => {
      pack.story.keyFigures = ['growth', 'kursk'];
    });
    expect(errors).toEqual(['story.keyFigures[1]: lists "kursk" as a key figure, but no figure entity has that id']);
  });

  it('rejects a figure entity without its figure', () => {
    const errors = errorsAfter((pack) => {
      delete (pack.entities[2] as Record<string, unknown>).figure;
    });
    expect(errors).toEqual(['entities[2] (growth): is a figure, so it needs a "figure" field']);
  });

  it('lists the first 20 errors and counts the rest', () => {
    const errors = errorsAfter((pack) => {
      pack.entities[1]!.aliases = Array.from({ length: 30 }, () => ({ text: '', lang: 'en' }));
    });
    expect(MAX_ERRORS).toBe(20);
    expect(errors).toHaveLength(21);
    expect(errors[0]).toBe('entities[1] (kursk).aliases[0].text: must not be empty');
    expect(errors[19]).toBe('entities[1] (kursk).aliases[19].text: must not be empty');
    expect(errors[20]).toBe('…and 10 more');
  });
});

describe('parsePack: hostile packs', () => {
  it('rejects 100 000 aliases on one entity quickly and clearly', () => {
    const pack = validPack();
    pack.entities[1]!.aliases = Array.from({ length: 100_000 }, (_, index) => ({ text: `alias ${index}`, lang: 'en' }));
    const json = JSON.stringify(pack);
    const started = performance.now();
    const errors = errorsOf(json);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(errors[0]).toBe('entities[1] (kursk).aliases: must have at most 500 aliases');
    expect(errors).toContain('entities: have 100002 aliases in all; at most 20000 are allowed');
  });

  /** Entities named filler-0 on, each with `aliases` aliases and `notMentions` such phrases. */
  const addFillers = (pack: ReturnType<typeof validPack>, count: number, aliases: number, notMentions = 0) => {
    for (let index = 0; index < count; index += 1) {
      pack.entities.push({
        id: `filler-${index}`,
        category: 'place',
        name: 'Filler',
        role: 'Filler',
        background: [],
        quotes: [],
        related: [] as string[],
        aliases: Array.from({ length: aliases }, (_, n) => ({ text: `f${n}`, lang: 'en' })),
        ...(notMentions > 0 ? { notMentions: Array.from({ length: notMentions }, (_, n) => ({ text: `f${n} x`, lang: 'en' })) } : {}),
      } as (typeof pack.entities)[number]);
    }
  };

  it('rejects 100 000 aliases spread over many entities', () => {
    const pack = validPack();
    addFillers(pack, 250, 400);
    const started = performance.now();
    const errors = errorsOf(JSON.stringify(pack));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(errors).toEqual(['entities: have 100004 aliases in all; at most 20000 are allowed']);
  });

  it('counts notMentions with the aliases against the limit', () => {
    const pack = validPack();
    addFillers(pack, 50, 200, 300);
    expect(errorsOf(JSON.stringify(pack))).toEqual([
      'entities: have 10004 aliases and 15000 notMentions, 25004 in all; at most 20000 are allowed',
    ]);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects the key %s anywhere, without polluting', (key) => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const payload = `{"${key}": {"polluted": "yes", "isAdmin": true}}`;
    const top = JSON.stringify(validPack()).replace(/^\{/, `{"${key}": {"polluted": "yes"},`);
    const inAlias = JSON.stringify(validPack()).replace(
      '{"text":"Kursk","lang":"en"}',
      `{"text":"Kursk","lang":"en","${key}":{"polluted":"yes"}}`,
    );
    expect(inAlias).toContain(key);

    expect(errorsOf(payload)).toEqual([
      `${key}: the key "${key}" is not allowed (__proto__, constructor, prototype are reserved names)`,
    ]);
    expect(errorsOf(top)).toEqual([`${key}: the key "${key}" is not allowed (__proto__, constructor, prototype are reserved names)`]);
    expect(errorsOf(inAlias)).toEqual([
      `entities[1] (kursk).aliases[0].${key}: the key "${key}" is not allowed (__proto__, constructor, prototype are reserved names)`,
    ]);
    // An already parsed value keeps such keys as own properties too.
    expect(errorsOf(JSON.parse(inAlias))).toHaveLength(1);

    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('never throws and never pollutes, whatever the input', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue(), fc.anything()), (input) => {
        const result = parsePack(input);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          expect(result.errors.length).toBeLessThanOrEqual(MAX_ERRORS + 1);
          for (const error of result.errors) expect(typeof error).toBe('string');
        }
      }),
      { numRuns: 500 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('handles an already parsed value that refers to itself', () => {
    const pack: Record<string, unknown> = validPack();
    pack.self = pack;
    expect(errorsOf(pack)).toEqual(['self: is not a known field']);
  });
});

describe('parsePackInSteps: what parsePack gives, a step at a time', () => {
  /** The steps run through; how many pauses they offered, and the result. */
  function stepped(input: unknown): { pauses: number; result: ReturnType<typeof parsePack> } {
    const steps = parsePackInSteps(input);
    let pauses = 0;
    for (;;) {
      const step = steps.next();
      if (step.done) return { pauses, result: step.value };
      pauses += 1;
    }
  }

  /** A pack of many entities, each with a few aliases. */
  function bigPack(entities: number) {
    const pack = validPack();
    for (let index = 0; index < entities; index += 1) {
      pack.entities.push({
        id: `town-${index}`,
        category: 'place',
        name: ` Town ${index} `,
        role: 'A town',
        background: [],
        quotes: [],
        related: ['kursk'],
        aliases: Array.from({ length: 5 }, (_, n) => ({ text: `Town ${index} name ${n}`, lang: 'en' })),
      });
    }
    return pack;
  }

  it('accepts the packs parsePack accepts, with the same pack, pausing between entities', () => {
    for (const input of [validPack(), structuredClone(SEED_PACK), bigPack(1_000)]) {
      const { pauses, result } = stepped(structuredClone(input));
      const whole = parsePack(structuredClone(input));
      expect(result.ok).toBe(true);
      // Key for key, in the same order: what the card and the matcher read is the same.
      expect(JSON.stringify(result)).toBe(JSON.stringify(whole));
      expect(pauses).toBeGreaterThanOrEqual(Math.floor(input.entities.length / 100));
    }
    expect(stepped(bigPack(1_000)).pauses).toBeGreaterThanOrEqual(10);
  });

  it('rejects what parsePack rejects, with its messages', () => {
    const broken: unknown[] = [
      null,
      'text',
      [],
      { entities: 'none' },
      { ...validPack(), entities: Array.from({ length: 2_001 }, () => validPack().entities[0]) },
      changed((pack) => (pack.entities[1]!.category = 'city')),
      changed((pack) => (pack.entities[2]!.id = 'putin')),
      changed((pack) => (pack.entities[0]!.related = ['nobody'])),
      changed((pack) => (pack.story.keyFigures = ['kursk'])),
      changed((pack) => (pack.story.date = '21 August')),
      changed((pack) => (pack.schemaVersion = 2)),
      changed((pack) => (pack.extra = true)),
      changed((pack) => delete (pack.entities[2] as Record<string, unknown>).figure),
      JSON.parse(JSON.stringify(validPack()).replace('{"text":"Kursk","lang":"en"}', '{"text":"Kursk","lang":"en","__proto__":{"a":1}}')),
      JSON.parse(JSON.stringify(validPack()).replace('"story":{', '"story":{"constructor":1,')),
      (() => {
        const pack: Record<string, unknown> = bigPack(300);
        pack.self = pack;
        return pack;
      })(),
      (() => {
        const pack = bigPack(300);
        (pack.entities[250] as Record<string, unknown>).back = pack;
        return pack;
      })(),
    ];
    for (const input of broken) {
      const { result } = stepped(input);
      expect(result.ok).toBe(false);
      expect(result).toEqual(parsePack(input));
    }
  });

  it('gives what parsePack gives, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), packWithChange()), (input) => {
        expect(stepped(input).result).toEqual(parsePack(input));
      }),
      { numRuns: 300 },
    );
  });

  /** The small pack with one change made to it. */
  function changed(change: (pack: Pack & Record<string, any>) => void): unknown {
    const pack = validPack();
    change(pack as Pack & Record<string, any>);
    return pack;
  }

  /** The small pack, with a value somewhere in it replaced by anything. */
  function packWithChange() {
    const paths = [
      ['id'],
      ['story', 'headline'],
      ['story', 'keyFigures'],
      ['entities'],
      ['entities', 0],
      ['entities', 1, 'aliases'],
      ['entities', 1, 'aliases', 0, 'lang'],
      ['entities', 2, 'figure', 'value'],
      ['entities', 0, 'related', 0],
    ] as const;
    return fc.tuple(fc.constantFrom(...paths), fc.anything()).map(([path, value]) => {
      const pack: Record<string, any> = validPack();
      let at = pack;
      for (const key of path.slice(0, -1)) at = at[key];
      at[path[path.length - 1]!] = value;
      return pack;
    });
  }
});
