// The annotator's properties (annotator-properties.ts) bundled into a page, to run in a real
// browser: its MutationObserver, TreeWalker and mark.js's splitting are the ones users have.
// run-in-browser.ts loads the bundle and calls window.backstoryFuzz.run().
import fc from 'fast-check';
import { endFuzz, installFastClock, pageScriptProperty, staticPageProperty, type FuzzEnvironment } from './annotator-properties';

export interface BrowserFuzzOptions {
  seed: number;
  runs: number;
  /** A failure's path, to replay that one case. */
  path?: string;
}

export interface BrowserFuzzResult {
  /** Cases run, over both properties. */
  cases: number;
  /** fast-check's report of the first failure, with its seed and path; null when all passed. */
  failure: string | null;
}

/** A task queue without the clamping that nested setTimeout(0) gets in browsers. */
function taskQueue(): (callback: () => void) => void {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (callback) => {
    queue.push(callback);
    channel.port2.postMessage(null);
  };
}

async function run({ seed, runs, path }: BrowserFuzzOptions): Promise<BrowserFuzzResult> {
  const queueTask = taskQueue();
  const restoreClock = installFastClock(window, queueTask);
  const env: FuzzEnvironment = {
    doc: document,
    nextTask: () => new Promise((resolve) => queueTask(resolve)),
    transientObservers: true,
  };
  let cases = 0;
  try {
    const properties = [
      ['pages', staticPageProperty(env)],
      ['page scripts', pageScriptProperty(env)],
    ] as const;
    for (const [name, property] of properties) {
      const details = await fc.check(property as fc.IAsyncProperty<unknown>, {
        numRuns: runs,
        seed,
        timeout: 10_000,
        ...(path ? { path, endOnFailure: true } : {}),
      });
      cases += details.numRuns;
      if (details.failed) {
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        return { cases, failure: `${name}: ${fc.defaultReportMessage(details)}\n${error}` };
      }
    }
    return { cases, failure: null };
  } finally {
    endFuzz();
    restoreClock();
  }
}

(window as unknown as { backstoryFuzz: { run: typeof run } }).backstoryFuzz = { run };
