import type { Matcher, Mention } from './types';

/** Entity ids, as a Set or a lookup standing for one. */
export interface EntitySet {
  has(id: string): boolean;
}

/**
 * Whether a mention counts on a page (see Mention.needs). named: the entities the page names
 * through mentions that need nothing; namedFully: those, and the entities of the page's mentions
 * through aliases withRelated that count. A short form counts beside any full name of its entity,
 * one withRelated included ("sanctions" after "international sanctions" on a page that names
 * Russia); an alias withRelated only beside a name that needs nothing, so that such aliases never
 * vouch for each other.
 */
export function isResolved(mention: Mention, named: EntitySet, namedFully: EntitySet): boolean {
  if (!mention.needs) return true;
  const by = mention.short ? namedFully : named;
  return mention.needs.some((id) => by.has(id));
}

/** named and namedFully (see isResolved) of a page's mentions. */
export function namesOnPage(mentions: readonly Mention[]): { named: Set<string>; namedFully: Set<string> } {
  const named = new Set<string>();
  for (const mention of mentions) if (!mention.needs) named.add(mention.entityId);
  const namedFully = new Set(named);
  for (const mention of mentions) {
    if (mention.needs && !mention.short && isResolved(mention, named, named)) namedFully.add(mention.entityId);
  }
  return { named, namedFully };
}

/**
 * "Li" or "President Xi" refer to the story's people only on a page that also names them in full
 * (in any language), so short-form mentions of an entity with no full mention are dropped, and so
 * are mentions through an alias that needs a related entity named (see Mention.needs).
 * Pass the mentions of a whole page, not of one block.
 */
export function resolveShortForms(mentions: readonly Mention[]): Mention[] {
  const { named, namedFully } = namesOnPage(mentions);
  return mentions.filter((mention) => isResolved(mention, named, namedFully));
}

/** The mentions of a text that is a page (or stands for one) on its own. */
export function findMentionsInText(matcher: Matcher, text: string): Mention[] {
  return resolveShortForms(matcher.find(text));
}
