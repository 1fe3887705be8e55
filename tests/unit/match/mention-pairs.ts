import { compileMatcher, findMentionsInText, type Mention } from '../../../src/match';
import type { StoryPack } from '../../../src/story/schema';
import { FIXTURE_PACK } from './fixture-pack';

export type Pair = readonly [text: string, entityId: string];

export function pairsOf(text: string, mentions: readonly Mention[]): Pair[] {
  return mentions.map((mention) => [text.slice(mention.start, mention.end), mention.entityId] as const);
}

/** What a page consisting of `text` alone highlights, as [text, entity] pairs. */
export function pagePairs(text: string, pack: StoryPack = FIXTURE_PACK): Pair[] {
  return pairsOf(text, findMentionsInText(compileMatcher(pack), text));
}

/** What find() reports for one block, short-form candidates included. */
export function blockPairs(text: string, pack: StoryPack = FIXTURE_PACK): Pair[] {
  return pairsOf(text, compileMatcher(pack).find(text));
}
