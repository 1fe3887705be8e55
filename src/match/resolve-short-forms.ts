import type { Matcher, Mention } from './types';

/**
 * "Li" or "President Xi" refer to the story's people only on a page that also names them in full
 * (in any language), so short-form mentions of an entity with no full mention are dropped.
 * Pass the mentions of a whole page, not of one block.
 */
export function resolveShortForms(mentions: readonly Mention[]): Mention[] {
  const named = new Set<string>();
  for (const mention of mentions) if (!mention.short) named.add(mention.entityId);
  return mentions.filter((mention) => !mention.short || named.has(mention.entityId));
}

/** The mentions of a text that is a page (or stands for one) on its own. */
export function findMentionsInText(matcher: Matcher, text: string): Mention[] {
  return resolveShortForms(matcher.find(text));
}
