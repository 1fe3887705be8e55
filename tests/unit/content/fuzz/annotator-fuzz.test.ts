// @vitest-environment happy-dom
// The annotator's properties (annotator-properties.ts) on random pages and page scripts, in
// happy-dom. `npm test` runs a few hundred cases with a fixed seed; `npm run fuzz` runs many more,
// here and in Chromium (FUZZ_RUNS, FUZZ_SEED, and FUZZ_PATH from a failure, replay one case).
import fc from 'fast-check';
import { setTimeout as nodeSetTimeout } from 'node:timers';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { installNodeIterator } from '../../support/node-iterator';
import { installTemplateChildren } from '../../support/template-children';
import { endFuzz, installFastClock, pageScriptProperty, staticPageProperty, type FuzzEnvironment } from './annotator-properties';

const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
const SEED = Number(process.env.FUZZ_SEED ?? 20240821);
const PATH = process.env.FUZZ_PATH;
/** Milliseconds per case, generously: a case takes a few. */
const CASE_BUDGET_MS = 200;

// happy-dom's own timers are the window's; the fast clock needs ones it does not replace.
const nextTask = () => new Promise<void>((resolve) => nodeSetTimeout(resolve, 0));
const env: FuzzEnvironment = { doc: document, nextTask, transientObservers: false };

const parameters = (): fc.Parameters<unknown> => ({
  numRuns: RUNS,
  seed: SEED,
  // A case that does not settle is a hang of the annotator, not a slow case.
  timeout: 10_000,
  ...(PATH ? { path: PATH, endOnFailure: true } : {}),
});

describe('annotator on random pages (happy-dom)', () => {
  let restoreClock: () => void;
  let restoreIterator: () => void;
  let restoreTemplates: () => void;
  beforeAll(() => {
    restoreClock = installFastClock(document.defaultView!, (callback) => nodeSetTimeout(callback, 0));
    restoreIterator = installNodeIterator(document);
    restoreTemplates = installTemplateChildren(window);
  });
  afterAll(() => {
    endFuzz();
    restoreClock();
    restoreIterator();
    restoreTemplates();
  });

  it(`marks exactly the matcher's mentions and restores the page (${RUNS} pages)`, { timeout: RUNS * CASE_BUDGET_MS + 10_000 }, async () => {
    await fc.assert(staticPageProperty(env), parameters());
    console.info(`fuzz (happy-dom): ${RUNS} pages passed, seed ${SEED}`);
  });

  it(`follows random page scripts and restores the page they built (${RUNS} scripts)`, { timeout: RUNS * CASE_BUDGET_MS * 2 + 10_000 }, async () => {
    await fc.assert(pageScriptProperty(env), parameters());
    console.info(`fuzz (happy-dom): ${RUNS} page scripts passed, seed ${SEED}`);
  });
});
