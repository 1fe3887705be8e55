// Content script entry: loads the settings and the story, and switches the page annotator on and
// off as they change.
import { compileMatcher, type Matcher } from '../match';
import { handleMessages, sendToBackground } from '../lib/messages';
import { loadActivePack, onPacksChanged } from '../lib/packs';
import { isActiveOn, loadSettings, onSettingsChanged, type Settings } from '../lib/settings';
import type { StoryPack } from '../story/schema';
import { preparedPretestFor } from '../story/seed-pack';
import { createAnnotator, type Annotator } from './annotator';
import { createHoverCards, type HoverCards } from './hover-card';
import { styleShadowMark } from './shadow-mark-style';

interface Running {
  annotator: Annotator;
  cards: HoverCards;
  controller: AbortController;
}

const REPORT_DELAY_MS = 250;

async function main(): Promise<void> {
  let settings: Settings = await loadSettings();
  let pack: StoryPack = (await loadActivePack(settings)).pack;
  let matcher: Matcher | null = null;
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
    matcher ??= compileMatcher(pack, preparedPretestFor(pack));
    const controller = new AbortController();
    let cards: HoverCards | null = null;
    const annotator = createAnnotator({
      doc: document,
      matcher,
      wanted: (mention) => settings.categories[mention.category],
      onChange: () => {
        reportCount();
        cards?.refresh();
      },
      styleShadowMark,
      viewportObserver: window.IntersectionObserver,
    });
    cards = createHoverCards({
      doc: document,
      pack,
      mentions: () => annotator.mentions(),
      written: (mention) => annotator.written(mention),
      hoverDelay: () => settings.hoverDelay,
      signal: controller.signal,
    });
    running = { annotator, cards, controller };
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
      pack = (await loadActivePack(settings)).pack;
      matcher = null;
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
    'move-focus': ({ direction }) => running?.cards.moveFocus(direction) ?? false,
  });
}

void main();
