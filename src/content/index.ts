// Content script entry: wires the page annotator to the extension's messages.
import { compileMatcher } from '../match';
import { SEED_PACK } from '../story/seed-pack';
import { handleMessages, sendToBackground } from '../lib/messages';
import { createAnnotator } from './annotator';

function start(): void {
  const annotator = createAnnotator(document, compileMatcher(SEED_PACK));
  annotator.annotate();
  handleMessages({
    'page-report': () => annotator.report(),
    'reveal-entity': ({ entityId }) => annotator.reveal(entityId),
  });
  if (window === window.top) {
    void sendToBackground('page-count', { total: annotator.report().total }).catch(() => undefined);
  }
}

start();
