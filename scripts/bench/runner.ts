// Drives one measurement: a fresh load of the page, the harness, one method, and the readings
// around it (a Chromium trace of the main thread, the heap after a forced collection, and what the
// harness saw in the page).
import type { Browser, CDPSession, Page } from 'puppeteer-core';
import { HARNESS_GLOBAL, type Analysis, type BenchHarness, type ImportedPack, type MethodId, type PageStats, type ReadingOn, type RunResult } from './harness-api';
import { mainThreadTasks, TRACE_CATEGORIES, type MainThreadTasks } from './trace';

export const VIEWPORT = { width: 1280, height: 800 };

export interface RunSpec {
  url: string;
  /** Null for the built-in pack. */
  imported: ImportedPack | null;
  method: MethodId;
  timeoutMs: number;
  /** After the run, scroll this many screens and measure that too (see BenchHarness.readOn). */
  readOnScreens?: number;
  /** After the run (and any reading on), wrap one word in a <mark> by hand and trace that (see BenchHarness.markOneWord). */
  markOneWord?: boolean;
}

export interface HeapReading {
  /** V8's heap (JS objects). */
  js: number;
  /** Blink's heap, which holds the DOM nodes. */
  dom: number;
}

export interface Measurement {
  loadMs: number;
  timedOut: boolean;
  run?: RunResult;
  analysis?: Analysis;
  tasks?: MainThreadTasks;
  /** Deltas of Chromium's counters over the run (call, work, and the two frames after it). */
  times?: ThreadTimes;
  heapGrowth?: HeapReading;
  /** Scrolling on after the run (RunSpec.readOnScreens): what the main thread did meanwhile. */
  readingOn?: ReadingOn & { tasks: MainThreadTasks };
  /** One word wrapped in a <mark> by hand after the run (RunSpec.markOneWord): the page's own cost of a highlight. */
  oneMark?: MainThreadTasks;
  /** After a time-out: how many of its keywords mark.js's array mode had finished. */
  progress?: { done: number; total: number };
  error?: string;
}

type HarnessWindow = Window & Record<string, BenchHarness>;

async function heapUsage(client: CDPSession): Promise<HeapReading> {
  await client.send('HeapProfiler.collectGarbage');
  const usage = await client.send('Runtime.getHeapUsage');
  return { js: usage.usedSize, dom: usage.embedderHeapUsedSize ?? 0 };
}

/**
 * Shows the page (hidden while it loaded), lays it out, scrolls to the top (a saved page may
 * autofocus a field further down) and lets the page finish what its load queued.
 */
export async function showAndSettle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        document.documentElement.removeAttribute('style');
        document.body.getBoundingClientRect();
        window.scrollTo(0, 0);
        setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve())), 300);
      }),
  );
}

/** Main-thread time by kind, from Chromium's own counters (CDP Performance.getMetrics), in ms. */
export interface ThreadTimes {
  task: number;
  script: number;
  layout: number;
  style: number;
}

async function threadTimes(client: CDPSession): Promise<ThreadTimes> {
  const { metrics } = await client.send('Performance.getMetrics');
  const value = (name: string) => (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000;
  return {
    task: value('TaskDuration'),
    script: value('ScriptDuration'),
    layout: value('LayoutDuration'),
    style: value('RecalcStyleDuration'),
  };
}

/**
 * A fresh load of the page with the harness in it, ready for a run: nothing has read the page's
 * text or run Backstory's code there yet, as where a content script starts.
 */
export async function openBenchPage(browser: Browser, url: string, harness: string, imported: ImportedPack | null) {
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  const client = await page.createCDPSession();
  await client.send('Performance.enable');
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load', timeout: 300_000 });
  await page.evaluate(harness);
  await page.evaluate((name, stored) => (window as unknown as HarnessWindow)[name]!.load(stored), HARNESS_GLOBAL, imported);
  await showAndSettle(page);
  return { page, client, loadMs: Date.now() - started };
}

/** What the report says of a page (see BenchHarness.stats), from a load of its own. */
export async function pageStats(browser: Browser, url: string, harness: string): Promise<PageStats> {
  const { page } = await openBenchPage(browser, url, harness, null);
  try {
    return await page.evaluate((name) => (window as unknown as HarnessWindow)[name]!.stats(), HARNESS_GLOBAL);
  } finally {
    await page.close();
  }
}

/** Resolves with 'timeout' after ms, unless cancelled (a pending timer would keep Node running). */
function deadline(ms: number): { reached: Promise<'timeout'>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return { reached, cancel: () => clearTimeout(timer) };
}

/** Runs action under a trace of the page's main thread; tasks is undefined where no trace came back. */
async function tracedTasks<T>(page: Page, action: () => Promise<T>): Promise<{ value: T; tasks?: MainThreadTasks }> {
  await page.tracing.start({ categories: TRACE_CATEGORIES });
  const value = await action();
  const trace = await page.tracing.stop();
  return { value, tasks: trace ? mainThreadTasks(trace) : undefined };
}

export async function measure(browser: Browser, spec: RunSpec, harness: string): Promise<Measurement> {
  const { page, client, loadMs } = await openBenchPage(browser, spec.url, harness, spec.imported);
  try {
    const before = await heapUsage(client);
    const timesBefore = await threadTimes(client);
    await page.tracing.start({ categories: TRACE_CATEGORIES });
    const running = page.evaluate((name, method) => (window as unknown as HarnessWindow)[name]!.run(method), HARNESS_GLOBAL, spec.method);
    const limit = deadline(spec.timeoutMs);
    const outcome = await Promise.race([running, limit.reached]).finally(limit.cancel);
    if (outcome === 'timeout') {
      // Stops the script where it is, as the "stop" button of the devtools does for a hung page.
      await client.send('Runtime.terminateExecution');
      await running.catch(() => undefined);
      const trace = await page.tracing.stop();
      const progress = await page.evaluate((name) => (window as unknown as HarnessWindow)[name]!.progress(), HARNESS_GLOBAL);
      return { loadMs, timedOut: true, progress, tasks: trace ? mainThreadTasks(trace) : undefined };
    }
    const trace = await page.tracing.stop();
    const timesAfter = await threadTimes(client);
    const tasks = trace ? mainThreadTasks(trace) : undefined;
    const analysis = await page.evaluate(
      (name, method) => (window as unknown as HarnessWindow)[name]!.analyse(method),
      HARNESS_GLOBAL,
      spec.method,
    );
    const after = await heapUsage(client);
    let readingOn: Measurement['readingOn'];
    if (spec.readOnScreens) {
      const reading = await tracedTasks(page, () =>
        page.evaluate((name, screens) => (window as unknown as HarnessWindow)[name]!.readOn(screens), HARNESS_GLOBAL, spec.readOnScreens!),
      );
      if (reading.tasks) readingOn = { ...reading.value, tasks: reading.tasks };
    }
    let oneMark: MainThreadTasks | undefined;
    if (spec.markOneWord && (await page.evaluate((name) => (window as unknown as HarnessWindow)[name]!.findOneWord(), HARNESS_GLOBAL))) {
      const marking = await tracedTasks(page, () => page.evaluate((name) => (window as unknown as HarnessWindow)[name]!.markOneWord(), HARNESS_GLOBAL));
      if (marking.value) oneMark = marking.tasks;
    }
    return {
      readingOn,
      oneMark,
      loadMs,
      timedOut: false,
      run: outcome,
      analysis,
      tasks,
      times: {
        task: timesAfter.task - timesBefore.task,
        script: timesAfter.script - timesBefore.script,
        layout: timesAfter.layout - timesBefore.layout,
        style: timesAfter.style - timesBefore.style,
      },
      heapGrowth: { js: after.js - before.js, dom: after.dom - before.dom },
      error: outcome.error,
    };
  } finally {
    await page.close();
  }
}

export interface ProfileEntry {
  name: string;
  source: string;
  selfMs: number;
}

export interface CpuProfile {
  totalMs: number;
  functions: ProfileEntry[];
  /** Self time summed by source file (or "(native)" for browser and engine code). */
  files: { source: string; selfMs: number }[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** CPU profile of one Backstory run (start() to idle()), with the unminified harness. */
export async function profileBackstory(
  browser: Browser,
  url: string,
  harness: string,
  harnessUrl: string,
  sourceOfLine: (line: number) => string,
  imported: ImportedPack | null,
): Promise<CpuProfile> {
  const { page, client } = await openBenchPage(browser, url, harness, imported);
  try {
    await client.send('Profiler.enable');
    await client.send('Profiler.setSamplingInterval', { interval: 100 });
    await client.send('Profiler.start');
    await page.evaluate((name) => (window as unknown as HarnessWindow)[name]!.run('backstory'), HARNESS_GLOBAL);
    const { profile } = await client.send('Profiler.stop');
    const nodes = new Map<number, ProfileNode>(profile.nodes.map((node) => [node.id, node]));
    const self = new Map<number, number>();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (deltas[index + 1] ?? 0) / 1000));
    const byFunction = new Map<string, ProfileEntry>();
    const byFile = new Map<string, number>();
    let totalMs = 0;
    for (const [id, ms] of self) {
      const frame = nodes.get(id)?.callFrame;
      if (!frame || frame.functionName === '(idle)') continue;
      totalMs += ms;
      const ours = frame.url.endsWith(harnessUrl);
      const source = ours ? sourceOfLine(frame.lineNumber) : frame.url ? frame.url : '(native)';
      const name = frame.functionName || '(anonymous)';
      const key = `${name}\u0000${source}\u0000${ours ? frame.lineNumber : ''}`;
      const entry = byFunction.get(key) ?? { name, source, selfMs: 0 };
      entry.selfMs += ms;
      byFunction.set(key, entry);
      byFile.set(source, (byFile.get(source) ?? 0) + ms);
    }
    return {
      totalMs,
      functions: [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs),
      files: [...byFile].map(([source, selfMs]) => ({ source, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
    };
  } finally {
    await page.close();
  }
}
