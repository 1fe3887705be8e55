// Content script entry: loads the settings and the story, and switches the page annotator on and
// off as they change. Of an imported pack it reads first only the pre-test stored beside it (see
// src/lib/pack-pretests.ts): the pack itself is read, checked and compiled once a page passes it.
import { compileMatcher, pendingMatcher, type Matcher, type PendingMatcher } from '../match';
import { handleMessages, sendToBackground } from '../lib/messages';
import { loadActivePack, loadActiveStory, onPacksChanged, type ActiveStory } from '../lib/packs';
import { isActiveOn, loadSettings, onSettingsChanged, type Settings } from '../lib/settings';
import type { StoryPack } from '../story/schema';
import { createAnnotator, type Annotator } from './annotator';
import { createHoverCards, type HoverCards } from './hover-card';
import { paintApiOf } from './paint';
import { styleShadowMark } from './shadow-mark-style';

interface Running {
  annotator: Annotator;
  /** Made once the page is read for the story (see start). */
  cards: () => HoverCards | null;
  controller: AbortController;
}

/** The matcher of a story, and its pack, once read. */
interface Story {
  /** The pack, once read: from the start, or once a page passed the stored pre-test. */
  pack: StoryPack | null;
  matcher: Matcher | PendingMatcher;
}

/**
 * The matcher for what loadActiveStory() gave: the whole of it, or, for a pre-test alone, one that
 * reads the pack on the first page that passes (loadActivePack: the built-in pack stands in for one
 * that cannot be read, as everywhere).
 */
function storyFor(active: ActiveStory): Story {
  if ('pack' in active) return { pack: active.pack, matcher: compileMatcher(active.pack, active.prepared) };
  const story: Story = {
    pack: null,
    matcher: pendingMatcher(active.pretest, async () => {
      const { pack } = await loadActivePack({ activePack: active.id });
      story.pack = pack;
      return { pack, own: pack.id === active.id };
    }),
  };
  return story;
}

const REPORT_DELAY_MS = 250;

async function main(): Promise<void> {
  let settings: Settings = await loadSettings();
  let active: ActiveStory = await loadActiveStory(settings);
  let story: Story | null = null;
  let running: Running | null = null;
  let reportTimer: number | undefined;

  const reportCount = () => {
    clearTimeout(reportTimer);
    reportTimer = window.setTimeout(() => {
      const total = running?.annotator.report().total ?? 0;
      void sendToBackground('page-count', { total }).catch(() => undefined);
    }, REPORT_DELAY_MS);
  };

  const start = () => {
    const current = (story ??= storyFor(active));
    const controller = new AbortController();
    let cards: HoverCards | null = null;
    const annotator = createAnnotator({
      doc: document,
      matcher: current.matcher,
      wanted: (mention) => settings.categories[mention.category],
      onChange: () => {
        // The cards are made once the page is read for the story, which has its pack by then (an
        // imported one is read once the page passed its pre-test): a page that does not mention
        // the story never listens for hovers at all.
        if (!cards && current.pack && !controller.signal.aborted) {
          cards = createHoverCards({
            doc: document,
            pack: current.pack,
            mentions: () => annotator.mentions(),
            written: (mention) => annotator.written(mention),
            hoverDelay: () => settings.hoverDelay,
            signal: controller.signal,
          });
        }
        reportCount();
        cards?.refresh();
      },
      styleShadowMark,
      viewportObserver: window.IntersectionObserver,
      paintApi: paintApiOf(window),
      onPointed: (pointed) => cards?.pointed(pointed),
    });
    running = { annotator, cards: () => cards, controller };
    void annotator.start();
  };

  const stop = () => {
    if (!running) return;
    running.controller.abort();
    running.annotator.stop();
    running = null;
    reportCount();
  };

  if (isActiveOn(settings, location.href)) start();

  /** Brings the page in line with the settings: on or off, and restarted if what it shows changed. */
  const apply = async (before: Settings | null, packChanged: boolean) => {
    if (packChanged) {
      active = await loadActiveStory(settings);
      story = null;
    }
    const categoriesChanged = before !== null && JSON.stringify(before.categories) !== JSON.stringify(settings.categories);
    const shouldBeOn = isActiveOn(settings, location.href);
    if (running && (!shouldBeOn || packChanged || categoriesChanged)) stop();
    if (shouldBeOn && !running) start();
  };

  onSettingsChanged((next) => {
    const before = settings;
    settings = next;
    void apply(before, before.activePack !== next.activePack);
  });
  onPacksChanged((ids) => {
    if (ids.includes(settings.activePack)) void apply(null, true);
  });

  handleMessages({
    'page-report': () =>
      running ? running.annotator.report() : { total: 0, entities: [], figures: [], active: false },
    'reveal-entity': ({ entityId }) => running?.annotator.reveal(entityId) ?? false,
    'move-focus': ({ direction }) => running?.cards()?.moveFocus(direction) ?? false,
  });
}

void main();
