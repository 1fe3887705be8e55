import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/match';
import type { Entity } from '../../../src/story/schema';
import { packOf } from './fixture-pack';
import { pagePairs } from './mention-pairs';

function aliasEntity(id: string, ...texts: string[]): Entity {
  return {
    id,
    category: 'organisation',
    name: id,
    role: id,
    background: [],
    quotes: [],
    related: [],
    aliases: texts.map((text) => ({ text, lang: 'en' as const })),
  };
}

const PACK = packOf([
  aliasEntity('dot-star', 'a.*b'),
  aliasEntity('nested', '(x+)+y'),
  aliasEntity('brackets', '[abc]', 'C++', '^$', 'a|b', '\\d'),
]);

describe('aliases are literal text', () => {
  it('match only themselves', () => {
    expect(pagePairs('a.*b axxb ab a.b', PACK)).toEqual([['a.*b', 'dot-star']]);
    expect(pagePairs('xxxy (x+)+y (xx)y', PACK)).toEqual([['(x+)+y', 'nested']]);
    expect(pagePairs('a b c [abc] C++ c ^$ a|b 5 \\d', PACK)).toEqual([
      ['[abc]', 'brackets'],
      ['C++', 'brackets'],
      ['^$', 'brackets'],
      ['a|b', 'brackets'],
      ['\\d', 'brackets'],
    ]);
  });

  it('cannot make matching slow', () => {
    // A regular expression built from "(x+)+y" would backtrack exponentially on this.
    const text = `${'x'.repeat(5_000)}!`;
    expect(compileMatcher(PACK).find(text)).toEqual([]);
    expect(compileMatcher(PACK).find(`${'(x+)+'.repeat(2_000)}y`)).toHaveLength(1);
  });
});
