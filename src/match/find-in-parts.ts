// Finds the mentions in one very long text a part at a time, so that a caller can let the page run
// between parts: a page that puts megabytes of text in one paragraph would otherwise wait for all
// of it to be tokenized and matched in one step.
//
// Each part is read with the text around it (PartSizes.back before, .ahead after), and keeps only
// the mentions that start inside it. What find() decides for a mention depends on little around
// it: its own words and their neighbours, its sentence, and for a trade figure the two sentences
// before. So as long as those fit in back and ahead, the parts find exactly what one find() of the
// whole text finds; a sentence of thousands of characters is the only text where they may not.
import type { FindContext, Matcher, Mention } from './types';

export interface PartSizes {
  /** Characters of text each part keeps the mentions of. */
  part: number;
  /** Characters read before and after a part, for the sentences around its edges. */
  back: number;
  ahead: number;
}

export const PART_SIZES: PartSizes = { part: 32_768, back: 4_096, ahead: 2_048 };

/**
 * find(text, context), a part at a time: yields after each part, and returns every mention once
 * the last is read. A text no longer than a part and its margins is read in one part.
 */
export function* findInParts(
  matcher: Matcher,
  text: string,
  context?: FindContext,
  { part, back, ahead }: PartSizes = PART_SIZES,
): Generator<void, Mention[]> {
  if (text.length <= part + back + ahead) return matcher.find(text, context);
  const mentions: Mention[] = [];
  for (let start = 0; start < text.length; start += part) {
    const end = Math.min(text.length, start + part);
    const from = Math.max(0, start - back);
    const to = Math.min(text.length, end + ahead);
    // Only a part read from the start of the text has sentences before it on the page.
    for (const mention of matcher.find(text.slice(from, to), from === 0 ? context : undefined)) {
      mention.start += from;
      mention.end += from;
      // Another part's: each part also sees what is in the text around it.
      if (mention.start < start || mention.start >= end) continue;
      mentions.push(mention);
    }
    if (end < text.length) yield;
  }
  return mentions;
}
