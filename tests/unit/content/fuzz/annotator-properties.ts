// The annotator's properties on random pages (page-model.ts), checked against the oracle
// (page-oracle.ts). Free of any test runner, so that the same cases run in happy-dom under vitest
// and bundled into a page in a real browser (scripts/fuzz.ts, tests/browser/hostile-pages.test.ts).
//
// 1. After the first scan the page's text and tree are unchanged apart from the marks, and the
//    marks are exactly the matcher's mentions; stop() gives back a page equal, node for node, to a
//    clone taken before start().
// 2. A page script runs against the page and against a twin the annotator never sees, before,
//    during and after scans. At every pause and once it settles, the page equals the twin apart
//    from the marks, and the marks are the oracle's for the twin; stop() leaves the page equal to
//    the twin, node for node.
import fc from 'fast-check';
import { createAnnotator, type Annotator } from '../../../../src/content/annotator';
import { compileMatcher } from '../../../../src/match';
import { SEED_PACK } from '../../../../src/story/seed-pack';
import { commandArb, pageArb, PagePair, type Command, type NodeSpec } from './page-model';
import { composedText, expectedMarks, readMarks, serialize, withoutOptional } from './page-oracle';
import { standInViewport, type StandInViewport } from '../../support/stand-in-viewport';
import { standInPaint, type StandInPaint } from '../../support/stand-in-paint';

export interface FuzzEnvironment {
  doc: Document;
  /** Resolves once the tasks queued so far have run (a timer the fast clock does not touch). */
  nextTask(): Promise<void>;
  /**
   * Whether the DOM reports changes to a subtree removed since the observer's last callback, as
   * browsers do ("transient registered observers"). happy-dom does not: there, a change inside a
   * detached subtree waits for the observer's callback first, which a browser reports the same.
   */
  transientObservers: boolean;
}

const matcher = compileMatcher(SEED_PACK);

export class PropertyError extends Error {}

function expectSame<T>(actual: T, expected: T, what: string, context: () => string): void {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new PropertyError(`${what} ${context()}\n  got:      ${a}\n  expected: ${b}`);
}

/** Runs the annotator's timers at once: a browser gathers mutations for tens of milliseconds. */
export function installFastClock(view: Window, nextTask: (callback: () => void) => unknown): () => void {
  const original = { setTimeout: view.setTimeout, clearTimeout: view.clearTimeout };
  const pending = new Map<number, boolean>();
  let ids = 0;
  Object.assign(view, {
    setTimeout: (callback: () => void) => {
      const id = ++ids;
      pending.set(id, true);
      nextTask(() => {
        if (pending.delete(id)) callback();
      });
      return id;
    },
    clearTimeout: (id: number) => void pending.delete(id),
  });
  return () => Object.assign(view, original);
}

/** Makes every read of the clock late for the slice: a scan yields to the page after each block. */
function sliceEveryBlock(): () => void {
  const own = Object.getOwnPropertyDescriptor(performance, 'now');
  let now = 0;
  Object.defineProperty(performance, 'now', { value: () => (now += 100), configurable: true, writable: true });
  return () => {
    if (own) Object.defineProperty(performance, 'now', own);
    else delete (performance as { now?: unknown }).now;
  };
}

interface Case {
  env: FuzzEnvironment;
  pair: PagePair;
  annotator: Annotator;
  log: string[];
  /** In a quarter of the cases: the blocks past the first screens wait for the viewport. */
  viewport: StandInViewport | null;
  /** In half of those: they are painted when they come near, as on a page of many elements. */
  paint: StandInPaint | null;
}

/** The case running, cleaned up before the next one whatever the outcome of this one. */
let cleanUp: (() => void) | null = null;

/** What the annotator reported as failed (it logs and carries on); any is a failure here. */
const reported: unknown[][] = [];

function newCase(env: FuzzEnvironment, page: NodeSpec[]): Case {
  cleanUp?.();
  reported.length = 0;
  if (!('fuzzWatched' in console.error)) {
    const original = console.error.bind(console);
    console.error = Object.assign((...args: unknown[]) => {
      reported.push(args);
      original(...args);
    }, { fuzzWatched: true });
  }
  const { doc } = env;
  doc.head.replaceChildren();
  doc.body.replaceChildren();
  for (const name of doc.body.getAttributeNames()) doc.body.removeAttribute(name);
  const twinDoc = doc.implementation.createHTMLDocument('');
  const pair = new PagePair(doc, twinDoc);
  const built = pair.build(page);
  doc.body.append(...built.real);
  twinDoc.body.append(...built.twin);
  // Every other case writes its first scan's marks in batches from the first block on, as a big
  // page does past its first screens.
  cases += 1;
  const viewport = cases % 4 === 0 ? standInViewport() : null;
  const paint = cases % 8 === 0 ? standInPaint() : null;
  const annotator = createAnnotator({
    doc,
    matcher,
    wanted: () => true,
    // Half the cases leave marks for later from the start (half of those until the blocks come
    // near the viewport, the rest in batches); a third pause after every few nodes; a fifth read
    // each block in parts of a few characters (each with all of the text around it, so they find
    // what one read of the block does), pausing between them as for a block of megabytes.
    firstScreensChars: cases % 2 === 0 ? 0 : undefined,
    pauseEvery: cases % 3 === 0 ? 1 + (cases % 4) : undefined,
    partSizes: cases % 5 === 0 ? { part: 1 + (cases % 7), back: 100_000, ahead: 100_000 } : undefined,
    viewportObserver: viewport?.Observer,
    paintApi: paint?.api,
    paintAboveElements: paint ? 0 : undefined,
  });
  cleanUp = () => annotator.stop();
  return {
    env,
    pair,
    annotator,
    log: [],
    paint,
    get viewport() {
      return viewport?.current() ?? null;
    },
  };
}

let cases = 0;

const history = (log: readonly string[]) => `\n  after: ${log.length > 0 ? log.join('; ') : '(no mutations)'}`;

async function settle({ env, annotator }: Case): Promise<void> {
  await env.nextTask();
  await annotator.idle();
}

/**
 * Brings every block that waits for the viewport in: half of them as a reader scrolling to them
 * would (some coming near, some away again), then the mentions listed without marks through
 * written(), as the keyboard and the popup do, then whatever still waits. Each mention written so
 * has the marks mentions() then lists for it.
 */
async function writeWaiting(testCase: Case, when: string): Promise<void> {
  const { annotator, viewport } = testCase;
  if (!viewport) return;
  viewport.report(true);
  viewport.report(false, 3);
  await settle(testCase);
  // What is painted is on the page: a painted block the page changed is read again and painted
  // anew, one it removed loses its paint.
  const stale = (testCase.paint?.ranges() ?? []).filter(
    (range) => range.collapsed || !range.startContainer.isConnected || !range.endContainer.isConnected || range.toString().trim() === '',
  );
  expectSame(stale.map((range) => range.toString()), [], 'painted ranges off the page', () => `${when}${history(testCase.log)}`);
  for (const listed of annotator.mentions()) {
    if (listed.marks.length > 0) continue;
    const written = annotator.written(listed);
    expectSame(
      written === null || (written.mention === listed.mention && written.marks.length > 0 && written.marks.every((mark) => mark.isConnected)),
      true,
      'written() gives the marks of a mention not written yet',
      () => `${when}${history(testCase.log)}`,
    );
  }
  // Blocks of short forms whose entity the page does not name wait too, listing no mention; a
  // block watched through its parent is watched on its own once the parent is near.
  for (let round = 0; round < 8 && viewport.watched.size > 0; round++) {
    viewport.report(true, 1);
    await settle(testCase);
  }
  expectSame(viewport.watched.size, 0, 'elements still watched once all is written', () => `${when}${history(testCase.log)}`);
  const { paint } = testCase;
  if (!paint) return;
  // Before a printout, what is painted becomes marks (here: the blocks of short forms not named).
  testCase.env.doc.defaultView!.dispatchEvent(new Event('beforeprint'));
  expectSame(paint.ranges().length, 0, 'ranges still painted before a printout', () => `${when}${history(testCase.log)}`);
}

function expectFollowsTwin({ env, pair, annotator, log }: Case, when: string, exactContext = false): void {
  const context = () => `${when}${history(log)}\n  page: ${JSON.stringify(composedText(pair.twinDoc.body))}`;
  expectSame(reported.map((args) => args.map(String).join(' ')), [], 'errors', context);
  const real = env.doc.body;
  const twin = pair.twinDoc.body;
  expectSame(composedText(real), composedText(twin), 'text', context);
  expectSame(serialize(real, { exact: false }), serialize(twin, { exact: false }), 'tree', context);
  const { spans, problems } = readMarks(real);
  expectSame(problems, [], 'mark shapes', context);
  const { required, optional } = expectedMarks(twin, matcher, { exactContext });
  expectSame(withoutOptional(spans, optional), required, 'marks', context);
  const tracked = annotator.mentions().flatMap(({ marks }) => marks);
  expectSame(tracked.length, spans.length, 'marks the annotator knows of', context);
  expectSame(tracked.every((mark) => mark.isConnected), true, 'known marks connected', context);
}

function expectRestored({ env, pair, log }: Case, when: string): void {
  const context = () => `${when}${history(log)}`;
  expectSame(readMarks(env.doc.body).spans, [], 'marks left', context);
  expectSame(serialize(env.doc.body, { exact: true }), serialize(pair.twinDoc.body, { exact: true }), 'restored tree', context);
  expectSame(env.doc.body.isEqualNode(pair.twinDoc.body), true, 'isEqualNode with the twin', context);
}

export async function checkStaticPage(env: FuzzEnvironment, page: NodeSpec[]): Promise<void> {
  const testCase = newCase(env, page);
  const before = env.doc.body.cloneNode(true);
  const exactBefore = serialize(env.doc.body, { exact: true });
  await testCase.annotator.start();
  await settle(testCase);
  await writeWaiting(testCase, 'after the first scan');
  expectFollowsTwin(testCase, 'after the first scan', true);
  testCase.annotator.stop();
  expectSame(env.doc.body.isEqualNode(before), true, 'isEqualNode with a clone taken before start()', () => '');
  // isEqualNode does not look into shadow roots.
  expectSame(serialize(env.doc.body, { exact: true }), exactBefore, 'tree after stop()', () => '');
}

export async function checkPageScript(
  env: FuzzEnvironment,
  page: NodeSpec[],
  commands: readonly Command[],
  slicing: boolean,
): Promise<void> {
  const restoreClock = slicing ? sliceEveryBlock() : () => undefined;
  try {
    const testCase = newCase(env, page);
    // Not awaited: the page's first mutations may come before the first scan.
    void testCase.annotator.start();
    await run(testCase, commands);
    await settle(testCase);
    await writeWaiting(testCase, 'once settled');
    expectFollowsTwin(testCase, 'once settled');
    testCase.annotator.stop();
    expectRestored(testCase, 'after stop()');
  } finally {
    restoreClock();
  }
}

async function run(testCase: Case, commands: readonly Command[]): Promise<void> {
  const { env, pair, annotator, log } = testCase;
  for (const command of commands) {
    switch (command.op) {
      case 'wait':
        log.push(`wait for ${command.until}`);
        if (command.until === 'microtask') await Promise.resolve();
        else if (command.until === 'macrotask') {
          await env.nextTask();
          if (testCase.viewport?.watched.size) {
            log.push('some blocks come near the viewport');
            testCase.viewport.report(true, 3);
          }
        } else {
          await settle(testCase);
          await writeWaiting(testCase, 'at a pause');
          expectFollowsTwin(testCase, 'at a pause');
        }
        break;
      case 'restart':
        log.push('stop and start again');
        annotator.stop();
        expectRestored(testCase, 'after a stop() in the middle');
        void annotator.start();
        break;
      default: {
        const plan = pair.plan(command);
        if (!plan) break;
        if (!env.transientObservers && plan.targets.some((target) => !target.isConnected)) {
          log.push('(a microtask)');
          await Promise.resolve();
        }
        if (plan.run()) log.push(plan.description);
      }
    }
  }
}

export const staticPageProperty = (env: FuzzEnvironment) => fc.asyncProperty(pageArb, (page) => checkStaticPage(env, page));

export const pageScriptProperty = (env: FuzzEnvironment) =>
  fc.asyncProperty(
    pageArb,
    fc.array(commandArb, { minLength: 1, maxLength: 12 }),
    fc.boolean(),
    (page, commands, slicing) => checkPageScript(env, page, commands, slicing),
  );

/** Stops the last case's annotator. */
export function endFuzz(): void {
  cleanUp?.();
  cleanUp = null;
}
