import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { compileMatcher, findMentionsInText, resolveShortForms } from '../../../src/match';
import { StoryPackSchema } from '../../../src/story/schema';
import { pairsOf } from './mention-pairs';
import { SEED_ARTICLE_EXPECTED } from './seed-article-expected';

const read = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('the seed article with the seed pack', () => {
  const pack = v.parse(StoryPackSchema, JSON.parse(read('src/story/seed-pack.json')));
  const article = read('assets/demo/article.txt');

  it('finds exactly what a careful reader marks', () => {
    const matcher = compileMatcher(pack);
    expect(matcher.mightMention(article)).toBe(true);
    expect(pairsOf(article, findMentionsInText(matcher, article))).toEqual(SEED_ARTICLE_EXPECTED);
  });

  it('finds the same block by block, given each block the one before it', () => {
    // How the content script works: find() per block, short forms resolved over the whole page.
    const matcher = compileMatcher(pack);
    const blocks = article.split('\n').filter((line) => line.trim() !== '');
    const found = blocks.map((block, index) => ({
      block,
      mentions: matcher.find(block, { preceding: blocks[index - 1] ?? '' }),
    }));
    const kept = new Set(resolveShortForms(found.flatMap(({ mentions }) => mentions)));
    const pairs = found.flatMap(({ block, mentions }) =>
      pairsOf(block, mentions.filter((mention) => kept.has(mention))),
    );
    expect(pairs).toEqual(SEED_ARTICLE_EXPECTED);
  });

  it('misses "Bilateral trade ..." figures when a block is read without what precedes it', () => {
    const matcher = compileMatcher(pack);
    const block = article.split('\n').find((line) => line.startsWith('Bilateral trade')) ?? '';
    expect(pairsOf(block, matcher.find(block))).toEqual([['Chinese customs', 'chinese-customs']]);
  });
});
