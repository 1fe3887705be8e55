// Finds the story's mentions on a page and highlights them; clear() undoes it exactly.
import type { Matcher, Mention } from '../match';
import type { PageReport } from '../lib/messages';
import type { Category } from '../story/schema';
import { highlightBlock, type BlockHighlight, type MarkedMention } from './highlight';
import { collectTextBlocks, type TextBlock } from './text-blocks';

export interface Annotator {
  annotate(): void;
  clear(): void;
  report(): PageReport;
  /** Scrolls to the entity's next mention and flashes it; false when it has none. */
  reveal(entityId: string): boolean;
  readonly mentions: readonly MarkedMention[];
}

/** Drops short forms ("Li") of entities whose full name does not occur on the page. */
function keepResolvedMentions(found: { block: TextBlock; mentions: Mention[] }[]): void {
  const named = new Set<string>();
  for (const { mentions } of found) for (const m of mentions) if (!m.short) named.add(m.entityId);
  for (const item of found) item.mentions = item.mentions.filter((m) => !m.short || named.has(m.entityId));
}

export function createAnnotator(doc: Document, matcher: Matcher): Annotator {
  let highlights: BlockHighlight[] = [];
  let mentions: MarkedMention[] = [];
  const revealed = new Map<string, number>();

  return {
    get mentions() {
      return mentions;
    },
    annotate() {
      const body = doc.body;
      if (!body || !matcher.mightMention(body.textContent ?? '')) return;
      const found: { block: TextBlock; mentions: Mention[] }[] = [];
      collectTextBlocks(body, (block) => {
        const inBlock = matcher.find(block.text);
        if (inBlock.length > 0) found.push({ block, mentions: inBlock });
      });
      keepResolvedMentions(found);
      for (const item of found) {
        if (item.mentions.length > 0) highlights.push(highlightBlock(item.block, item.mentions));
      }
      mentions = highlights.flatMap((highlight) => highlight.mentions);
    },
    clear() {
      for (const highlight of highlights.reverse()) highlight.undo();
      highlights = [];
      mentions = [];
    },
    report() {
      const counts = new Map<string, { category: Category; count: number }>();
      for (const { mention } of mentions) {
        const entry = counts.get(mention.entityId) ?? { category: mention.category, count: 0 };
        entry.count += 1;
        counts.set(mention.entityId, entry);
      }
      return {
        total: mentions.length,
        entities: [...counts].map(([entityId, { category, count }]) => ({ entityId, category, count })),
        figures: mentions.flatMap(({ mention }) =>
          mention.value ? [{ entityId: mention.entityId, text: mention.value.text, value: mention.value.value }] : [],
        ),
        active: true,
      };
    },
    reveal(entityId) {
      const targets = mentions.filter(({ mention }) => mention.entityId === entityId);
      if (targets.length === 0) return false;
      const index = ((revealed.get(entityId) ?? -1) + 1) % targets.length;
      revealed.set(entityId, index);
      const target = targets[index]!.marks[0]!;
      target.scrollIntoView({ block: 'center', behavior: 'smooth' });
      target.classList.add('backstory-flash');
      setTimeout(() => target.classList.remove('backstory-flash'), 1500);
      return true;
    },
  };
}
