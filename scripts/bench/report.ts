// Turns the measurements into the markdown block written into README.md (between the bench
// markers) and printed to stdout: the tables, the targets, the bundle weight and the profiles.
import { readFile, writeFile } from 'node:fs/promises';
import { METHOD_LABELS, METHODS, type MethodId, type PageStats } from './harness-api';
import type { BundleWeight } from './bundles';
import type { Machine } from './machine';
import type { CpuProfile, Measurement } from './runner';
import type { MainThreadTasks } from './trace';

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

export interface PageInfo {
  id: string;
  label: string;
  htmlBytes: number;
  madeOf: string;
  stats?: PageStats;
  loadMs?: number;
}

export interface Cell {
  pageId: string;
  packLabel: string;
  method: MethodId;
  runs: Measurement[];
  /** Set when the run was stopped at the time limit. */
  timedOut?: { capMs: number; progress?: { done: number; total: number }; tasks?: MainThreadTasks };
  /** Set when the run was not made, and why. */
  skipped?: string;
}

export interface PackInfo {
  label: string;
  aliasCount: number;
  /** Distinct alias texts, what the usual way searches for. */
  aliasTexts: number;
}

export interface ProfileRun {
  title: string;
  profile: CpuProfile;
}

export interface Report {
  machine: Machine;
  pages: PageInfo[];
  packs: PackInfo[];
  cells: Cell[];
  bundle: BundleWeight;
  profiles: ProfileRun[];
  capMs: number;
  repeats: string;
  totalSeconds: number;
}

export interface Summary {
  busyMs: number;
  wallMs: number;
  renderMs: number;
  longestMs: number;
  longestKind: string;
  longTaskEntries: number;
  firstScreenMs: number | null;
  marks: number;
  found: number;
  heapMB: number;
  compileMs?: number;
  packReadMs?: number;
  startSyncMs?: number;
  firstMs: number;
  /** Of busyMs, the time in rendering frames (trace). */
  framesMs: number;
  /** The longest task that was not a rendering frame. */
  longestOutsideFramesMs: number;
  mentionsCallMs?: number;
  error?: string;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export function summarise(cell: Cell): Summary | null {
  const runs = cell.runs.filter((run) => run.run && run.tasks && run.analysis);
  if (runs.length === 0) return null;
  const longest = runs.reduce((top, run) => (run.tasks!.longestMs > top.tasks!.longestMs ? run : top));
  const screens = runs.map((run) => run.analysis!.firstScreenMs).filter((value): value is number => value !== null);
  const compile = runs.map((run) => run.run!.compileMs).filter((value): value is number => value !== undefined);
  const packRead = runs.map((run) => run.run!.packReadMs).filter((value): value is number => value !== undefined);
  const startSync = runs.map((run) => run.run!.startSyncMs).filter((value): value is number => value !== undefined);
  const mentionsCalls = runs.map((run) => run.analysis!.mentionsCallMs).filter((value): value is number => value !== undefined);
  return {
    busyMs: median(runs.map((run) => run.tasks!.busyMs)),
    wallMs: median(runs.map((run) => run.run!.wallMs)),
    renderMs: median(runs.map((run) => (run.times ? run.times.layout + run.times.style : 0))),
    longestMs: longest.tasks!.longestMs,
    longestKind: longest.tasks!.longestKind,
    longTaskEntries: Math.max(...runs.map((run) => run.run!.longTasks.length)),
    firstScreenMs: screens.length > 0 ? median(screens) : null,
    marks: runs[0]!.analysis!.marks,
    found: runs[0]!.analysis!.found,
    heapMB: median(runs.map((run) => ((run.heapGrowth?.js ?? 0) + (run.heapGrowth?.dom ?? 0)) / 1024 ** 2)),
    compileMs: compile.length > 0 ? median(compile) : undefined,
    packReadMs: packRead.length > 0 ? median(packRead) : undefined,
    startSyncMs: startSync.length > 0 ? median(startSync) : undefined,
    framesMs: median(runs.map((run) => run.tasks!.renderingMs)),
    longestOutsideFramesMs: Math.max(...runs.map((run) => run.tasks!.longestOutsideFramesMs ?? 0)),
    firstMs: median(runs.map((run) => run.tasks!.firstMs)),
    mentionsCallMs: mentionsCalls.length > 0 ? median(mentionsCalls) : undefined,
    error: runs.find((run) => run.error)?.error,
  };
}

const group = (value: number): string => Math.round(value).toLocaleString('en-US').replace(/,/g, '\u202f');

/** What reading an imported pack cost on a page that passed its pre-test, or that the page did not. */
function packReadPart(large: Summary, small: Summary): string {
  if (!large.packReadMs && !small.packReadMs) return 'the pack not read: the page fails the pre-test';
  return `pack read and checked ${ms(large.packReadMs ?? 0)} vs ${ms(small.packReadMs ?? 0)} ms`;
}

function ms(value: number): string {
  if (value >= 100) return group(value);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function sizeOf(chars: number): string {
  return chars >= 1e6 ? `${(chars / 1e6).toFixed(2)} M` : `${(chars / 1e3).toFixed(0)} k`;
}

export function findCell(report: Pick<Report, 'cells'>, pageId: string, packLabel: string, method: MethodId): Cell | undefined {
  return report.cells.find((cell) => cell.pageId === pageId && cell.packLabel === packLabel && cell.method === method);
}

function resultsTable(report: Report, pack: PackInfo): string {
  const lines = [
    '| Page | Method | Main thread, ms | × floor | of it style + layout, ms | Done after, ms | Longest task, ms | First screen marked, ms | Marks | Heap growth, MB |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const page of report.pages) {
    const floorCell = findCell(report, page.id, pack.label, 'floor');
    const floor = floorCell ? summarise(floorCell) : null;
    for (const method of METHODS) {
      const cell = findCell(report, page.id, pack.label, method);
      if (!cell) continue;
      const name = method === 'floor' ? page.label : '';
      const label = METHOD_LABELS[method];
      const summary = summarise(cell);
      if (!summary) {
        const note = cell.timedOut ? timedOutNote(cell.timedOut) : `not run: ${cell.skipped ?? 'no result'}`;
        lines.push(`| ${name} | ${label} | ${note} | | | | | | | |`);
        continue;
      }
      const ratio = floor && method !== 'floor' ? `${(summary.busyMs / floor.busyMs).toFixed(1)}×` : method === 'floor' ? '1×' : '';
      const marks =
        method === 'floor'
          ? `— (${group(summary.found)} nodes hit)`
          : method === 'backstory' && summary.found !== summary.marks
            ? `${group(summary.marks)} (${group(summary.found)} mentions)`
            : group(summary.marks);
      const longest = `${ms(summary.longestMs)}${summary.longestMs > 50 ? ` (${summary.longestKind})` : ''}`;
      lines.push(
        `| ${name} | ${label}${summary.error ? ` ⚠ ${summary.error}` : ''} | ${ms(summary.busyMs)} | ${ratio} | ${ms(summary.renderMs)} | ${ms(summary.wallMs)} | ${longest} | ${summary.firstScreenMs === null ? '—' : ms(summary.firstScreenMs)} | ${marks} | ${summary.heapMB.toFixed(1)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Backstory's run taken apart, seed pack: what the first task holds, and how much is frames. */
function backstorySplit(report: Report): string {
  const seed = report.packs[0]!.label;
  const lines = [
    "### Where Backstory's time goes (seed pack)",
    '',
    'First task = `compileMatcher` + the synchronous part of `start()` (it sets up the observer; the pre-test reads the page in slices after it). Frames = rendering tasks (style, layout, pre-paint, paint) between slices, from the trace. `mentions()` = one call of `annotator.mentions()` after the scan, which the hover cards repeat on every refresh while a page is scanned.',
    '',
    '| Page | Main thread, ms | compileMatcher, ms | start() before its first await, ms | Frames, ms | Longest task, ms | Longest outside frames, ms | mentions(), ms |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const page of report.pages) {
    const cell = findCell(report, page.id, seed, 'backstory');
    const summary = cell ? summarise(cell) : null;
    const stopped = cell?.timedOut?.tasks;
    if (!summary && stopped && cell?.timedOut) {
      lines.push(
        `| ${page.label} | > ${group(cell.timedOut.capMs / 1000)} s, stopped | — | — (first task ${ms(stopped.firstMs)}) | — | ${ms(stopped.longestMs)} (${stopped.longestKind}) | ${ms(stopped.longestOutsideFramesMs)} | — |`,
      );
      continue;
    }
    if (!summary) continue;
    const optional = (value: number | undefined) => (value === undefined ? '—' : ms(value));
    lines.push(
      `| ${page.label} | ${ms(summary.busyMs)} | ${optional(summary.compileMs)} | ${optional(summary.startSyncMs)} | ${ms(summary.framesMs)} | ${ms(summary.longestMs)} (${summary.longestKind}) | ${ms(summary.longestOutsideFramesMs)} | ${optional(summary.mentionsCallMs)} |`,
    );
  }
  return lines.join('\n') + '\n';
}

/** What scrolling on after the run cost: the first run of each method that scrolled. */
function readingOnSection(report: Report): string {
  const seed = report.packs[0]!.label;
  const rows: string[] = [];
  for (const page of report.pages) {
    for (const method of METHODS) {
      const reading = findCell(report, page.id, seed, method)?.runs.find((run) => run.readingOn)?.readingOn;
      if (!reading) continue;
      const { tasks } = reading;
      rows.push(
        `| ${page.label} | ${METHOD_LABELS[method]} | ${reading.screens} | ${ms(tasks.busyMs)} | ${ms(tasks.renderingMs)} | ${ms(tasks.longestMs)} (${tasks.longestKind}) | ${ms(tasks.longestOutsideFramesMs)} | ${group(reading.marks)} |`,
      );
    }
  }
  if (rows.length === 0) return '';
  return [
    '### Reading on (seed pack)',
    '',
    'After its run, the page is scrolled down one viewport every 250 ms (a quick reader paging through), from the top, and traced again until what the method does on the way is done: the floor shows what scrolling the page costs with no marks, mark.js what it costs with every mark written before, Backstory what writing (or, on a page of more than 50 000 elements, painting) the marks of the blocks the reader comes near adds.',
    '',
    '| Page | Method | Screens | Main thread, ms | Of it frames, ms | Longest task, ms | Longest outside frames, ms | Marks by then |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
    ...rows,
    '',
    ...oneMarkNote(report),
  ].join('\n');
}

/** The frame after one word is wrapped in a <mark> by hand, on each page as the floor left it. */
function oneMarkCost(report: Report, pageId: string): MainThreadTasks | undefined {
  return findCell(report, pageId, report.packs[0]!.label, 'floor')?.runs.find((run) => run.oneMark)?.oneMark;
}

function oneMarkNote(report: Report): string[] {
  const costs = report.pages.flatMap((page) => {
    const tasks = oneMarkCost(report, page.id);
    return tasks ? [`${ms(tasks.longestMs)} ms on the ${page.label} page`] : [];
  });
  if (costs.length === 0) return [];
  return [
    `What the browser itself charges for a highlight: one word wrapped in a \`<mark>\` by hand in the first paragraph that has one (no extension, after the floor's reading on, the paragraph scrolled into view first), then two frames; the longest task that followed took ${costs.join(', ')}. Every screen Backstory writes marks on brings at least one such frame: on a page of more than 50 000 elements (here the 1.4 MB, 7 MB and tiny-nodes pages) it paints them instead (CSS Custom Highlight API), which changes no element, and writes a mention's \`<mark>\` only where the keyboard, the popup or a printout needs it.`,
    '',
  ];
}

function timedOutNote({ capMs, progress, tasks }: NonNullable<Cell['timedOut']>): string {
  const limit = `> ${group(capMs / 1000)} s`;
  if (tasks && tasks.count > 0 && !progress?.total) {
    // The renderer goes on rendering until the trace is collected, so only task lengths are told.
    return `${limit} (stopped; until then: longest task ${ms(tasks.longestMs)} ms (${tasks.longestKind}), first task ${ms(tasks.firstMs)} ms)`;
  }
  if (!progress || progress.done === 0) return `${limit} (stopped)`;
  const projected = (capMs / progress.done) * progress.total;
  return `${limit} (stopped after ${progress.done} of ${progress.total} aliases: ≈ ${group(projected / 1000)} s in all)`;
}

export interface TargetResult {
  target: string;
  measured: string;
  pass: boolean | null;
  note: string;
}

export function evaluateTargets(report: Report): TargetResult[] {
  const seed = report.packs[0]!.label;
  const results: TargetResult[] = [];
  const get = (pageId: string, packLabel: string, method: MethodId) => {
    const cell = findCell(report, pageId, packLabel, method);
    return cell ? summarise(cell) : null;
  };

  const floor = get('story-1.4m', seed, 'floor');
  const backstory = get('story-1.4m', seed, 'backstory');
  if (floor && backstory) {
    const ratio = backstory.busyMs / floor.busyMs;
    results.push({
      target: 'Whole-page annotation of the 1.4 MB page ≤ 2× the floor',
      measured: `${ms(backstory.busyMs)} ms vs ${ms(floor.busyMs)} ms: ${ratio.toFixed(1)}× (every mention found; marks written, or on a page of more than 50 000 elements painted, for the first screens, the rest as the reader comes near them)`,
      pass: ratio <= 2,
      note: ratio <= 2 ? '' : `missed by ${(ratio / 2).toFixed(1)}× (${ms(backstory.busyMs - 2 * floor.busyMs)} ms over)`,
    });
  }

  const big = get('story-7m', seed, 'backstory');
  const bigStopped = findCell(report, 'story-7m', seed, 'backstory')?.timedOut;
  if (big) {
    const reading = findCell(report, 'story-7m', seed, 'backstory')?.runs.find((run) => run.readingOn)?.readingOn;
    const longest = Math.max(big.longestMs, reading?.tasks.longestMs ?? 0);
    const kind = reading && reading.tasks.longestMs > big.longestMs ? reading.tasks.longestKind : big.longestKind;
    const oneMark = oneMarkCost(report, 'story-7m');
    const readingOn =
      (reading
        ? `; reading on (${reading.screens} screens): longest ${ms(reading.tasks.longestMs)} ms (${reading.tasks.longestKind}), outside frames ${ms(reading.tasks.longestOutsideFramesMs)} ms`
        : '') + (oneMark ? `; one word wrapped in a \`<mark>\` by hand, no extension: ${ms(oneMark.longestMs)} ms (${oneMark.longestKind})` : '');
    results.push({
      target: 'No task longer than 50 ms on the 7 MB page',
      measured:
        `longest ${ms(big.longestMs)} ms (${big.longestKind}); longest outside rendering frames ${ms(big.longestOutsideFramesMs)} ms; ` +
        `first task (compile, start() before its first await, first slice) ${ms(big.firstMs)} ms; ${big.longTaskEntries} 'longtask' entries${readingOn}`,
      pass: longest <= 50,
      note: longest <= 50 ? '' : `missed by ${ms(longest - 50)} ms (${kind})`,
    });
  } else if (bigStopped?.tasks) {
    const { longestMs, longestKind, firstMs } = bigStopped.tasks;
    results.push({
      target: 'No task longer than 50 ms on the 7 MB page',
      measured: `run stopped at ${group(bigStopped.capMs / 1000)} s; until then longest ${ms(longestMs)} ms (${longestKind}), first task ${ms(firstMs)} ms`,
      pass: longestMs <= 50 ? null : false,
      note: longestMs <= 50 ? 'not finished' : `missed by ${ms(longestMs - 50)} ms at least`,
    });
  }

  const unrelated = get('unrelated-100k', seed, 'backstory');
  if (unrelated) {
    results.push({
      target: 'At most 3 ms in total on the unrelated 100 KB page',
      measured: `${ms(unrelated.wallMs)} ms call to idle (of it compileMatcher ${ms(unrelated.compileMs ?? 0)} ms); ${ms(unrelated.busyMs)} ms main thread with the harness call and two frames`,
      pass: unrelated.wallMs <= 3,
      note: unrelated.wallMs <= 3 ? '' : `missed by ${(unrelated.wallMs / 3).toFixed(1)}× (${ms(unrelated.wallMs - 3)} ms over)`,
    });
  }

  const few = report.packs.find((pack) => pack.aliasCount === 50);
  const many = report.packs.find((pack) => pack.aliasCount === 10_000);
  if (few && many) {
    for (const pageId of ['story-1.4m', 'story-140k', 'unrelated-100k']) {
      const small = get(pageId, few.label, 'backstory');
      const large = get(pageId, many.label, 'backstory');
      if (!small || !large) continue;
      const ratio = large.busyMs / small.busyMs;
      const judged = pageId === 'story-1.4m';
      results.push({
        target: `10 000 aliases ≤ 2× the time of 50 aliases (${report.pages.find((page) => page.id === pageId)?.label ?? pageId}${judged ? '' : ', for reference'})`,
        measured: `${ms(large.busyMs)} ms vs ${ms(small.busyMs)} ms: ${ratio.toFixed(2)}× (stored pre-test read back ${ms(large.compileMs ?? 0)} vs ${ms(small.compileMs ?? 0)} ms; ${packReadPart(large, small)})`,
        pass: judged ? ratio <= 2 : null,
        note: ratio <= 2 ? '' : `missed by ${(ratio / 2).toFixed(1)}×`,
      });
    }
  }

  results.push({
    target: 'The content script bundle stays small',
    measured: `${kb(report.bundle.raw)} minified, ${kb(report.bundle.gzip)} gzip`,
    pass: null,
    note: `biggest: ${report.bundle.groups
      .slice(0, 4)
      .map((entry) => `${entry.name} ${kb(entry.bytes)}`)
      .join(', ')}`,
  });
  return results;
}

function targetsTable(targets: TargetResult[]): string {
  const lines = ['| Target | Measured | Result |', '|---|---|---|'];
  for (const target of targets) {
    const verdict = target.pass === null ? 'info' : target.pass ? '**pass**' : `**fail**: ${target.note}`;
    lines.push(`| ${target.target} | ${target.measured} | ${target.pass === null && target.note ? `info: ${target.note}` : verdict} |`);
  }
  return lines.join('\n');
}

function pagesTable(report: Report): string {
  const lines = [
    '| Page | Text as read | body.textContent | Text nodes | Elements | HTML | Made of | Pre-test passes | Load + show, ms |',
    '|---|--:|--:|--:|--:|--:|---|---|--:|',
  ];
  for (const page of report.pages) {
    const stats = page.stats;
    lines.push(
      `| ${page.label} | ${stats ? sizeOf(stats.textChars) : '?'} chars | ${stats ? sizeOf(stats.textContentChars) : '?'} chars | ${stats ? group(stats.textNodes) : '?'} | ${stats ? group(stats.elements) : '?'} | ${(page.htmlBytes / 1e6).toFixed(1)} MB | ${page.madeOf} | ${stats ? (stats.mightMention ? 'yes' : 'no') : '?'} | ${page.loadMs === undefined ? '?' : group(page.loadMs)} |`,
    );
  }
  return lines.join('\n');
}

function bundleSection(bundle: BundleWeight): string {
  const lines = [
    `\`dist/chrome/content.js\`: **${kb(bundle.raw)}** minified, **${kb(bundle.gzip)}** gzip (level 9). ` +
      `What it is made of (esbuild metafile, bytes each input puts in the output${bundle.metafileBytes === bundle.raw ? '' : `; the metafile build came to ${kb(bundle.metafileBytes)}`}):`,
    '',
    '| Package or folder | Bytes | Files |',
    '|---|--:|--:|',
    ...bundle.groups.slice(0, 10).map((entry) => `| ${entry.name} | ${kb(entry.bytes)} | ${entry.files} |`),
    '',
    'Biggest single inputs: ' + bundle.inputs.slice(0, 8).map((input) => `${input.path} (${kb(input.bytes)})`).join(', ') + '.',
  ];
  return lines.join('\n');
}

/** A name for a table cell: a RegExp is named by its source, which can run to hundreds of characters and holds "|". */
function tableText(name: string): string {
  const shown = name.length > 48 ? `${name.slice(0, 47)}…` : name;
  return shown.replaceAll('|', '\\|');
}

function profileSection(profiles: ProfileRun[]): string {
  const parts: string[] = [];
  for (const { title, profile } of profiles) {
    parts.push(`**${title}**: ${ms(profile.totalMs)} ms sampled (profiler on, unminified bundle).`, '');
    parts.push('| Self time, ms | % | Function | Where |', '|--:|--:|---|---|');
    for (const entry of profile.functions.slice(0, 12)) {
      parts.push(`| ${ms(entry.selfMs)} | ${((entry.selfMs / profile.totalMs) * 100).toFixed(0)} | ${tableText(entry.name)} | ${entry.source} |`);
    }
    // Puppeteer's own wrapper of the call is no file of the project's.
    const files = profile.files.filter((file) => !file.source.startsWith('pptr:'));
    parts.push('', 'By file: ' + files.slice(0, 8).map((file) => `${file.source} ${ms(file.selfMs)}`).join(', ') + '.', '');
  }
  return parts.join('\n');
}

export function renderReport(report: Report): string {
  const { machine } = report;
  const targets = evaluateTargets(report);
  const sections = [
    `Measured by \`npm run bench\` on ${machine.date}: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, ` +
      `Chromium ${machine.chromium} (headless), Node ${machine.node}. The whole run took ${group(report.totalSeconds)} s; ` +
      `the 1-minute load average was ${machine.loadAverage} when it started${machine.loadAverage > machine.cores / 2 ? ' (other work was running: expect noise of tens of per cent between runs)' : ''}.`,
    '',
    '### How it is measured',
    '',
    '- Each method runs on a fresh load of the page, in which nothing has read the page\'s text or run Backstory\'s code before (the figures of the Pages table come from a load of their own), in headless Chromium, through a harness bundled with the content script\'s own esbuild options (IIFE, minified, chrome120). Backstory is `compileMatcher(pack, prepared)` then `createAnnotator({ doc, matcher, wanted, viewportObserver: IntersectionObserver, paintApi }).start()` and `idle()`, as the content script runs it (without the hover cards); `prepared` is the pre-test the build writes down for the built-in pack (the seed pack runs with it); the 50- and 10 000-alias packs run as imported packs do: `pendingMatcher(PagePretest.fromPrepared(prepared), read)`, from the pre-test worked out beforehand (as on import), with the pack parsed from JSON once the page passes it, in a task of its own (as the extension\'s storage answers), then checked a slice at a time (`parsePackInSlices`) and compiled. Backstory finds every mention on the page, writes the marks of the first screens as it reads, and past them only those of blocks within a viewport of the one shown: the rest are written as the reader scrolls to them (the popup and the keyboard count and reach them meanwhile). On a page of more than 50 000 elements it paints them instead (CSS Custom Highlight API; a mark is written only where the keyboard, the popup or a printout needs one), and a painted mention counts as a mark here. Its **Marks** are those written or painted by the end of the run, with the mentions found on the whole page in brackets; **Reading on** measures the scrolling.',
    '- **Main thread, ms**: the sum of the page\'s main-thread tasks from the call until two frames after the method finished (Chromium trace, `toplevel` category; code resumed after `scheduler.yield()` runs in the task\'s microtask checkpoint and is counted with it). It includes the style, layout and paint the marks cause; **of it style + layout** is from CDP `Performance.getMetrics`. **× floor** divides by the floor\'s figure on the same page. **Done after** is wall time (`performance.now()`) from the call until the method finished (Backstory: `idle()` resolved).',
    '- **Longest task**: exact, from the same trace (the `longtask` entries, which only cover tasks over 50 ms, agree). **First screen marked**: until the last mark inside the first 1280×800 viewport was inserted (a MutationObserver timestamps every mark).',
    '- **Heap growth**: V8 heap plus Blink\'s (DOM) heap after a forced GC, after the run minus before it. Median of the repeats for times; the longest task is the worst of them.',
    `- **Floor**: a TreeWalker over the body\'s text nodes (skipping script and style) and one case-insensitive RegExp of all alias texts, escaped and joined by \`|\`, tested on each; it changes nothing, and its count is the number of text nodes with a hit (any substring: "Li" hits "Lithuania"). **mark.js, array**: \`new Mark(document.body).mark(aliases, { separateWordSearch: false, accuracy: { value: "exactly", limiters }, diacritics: false })\`, the way keyword highlighters call it. **mark.js, one RegExp**: \`markRegExp\` with one pattern equivalent to that (same boundaries, longest alias first). mark.js runs are stopped at ${group(report.capMs / 1000)} s (a page where one did is not tried with bigger pages); the projection assumes each alias costs what the finished ones did.`,
    '- **Why the counts differ**: mark.js needs white space or punctuation around a name, so it misses Chinese names inside Chinese text, declined Russian and Ukrainian forms (Путина, Мішустіна) and names split by markup, and it marks short forms ("Li", "Xi", "sanctions") anywhere. Backstory reads words per script (Han segmentation, Cyrillic endings), joins text across inline elements, marks a short form only on a page that names the entity in full, reads trade figures in context, and leaves code, `pre`, form fields and editable regions alone. A name split across inline elements takes one mark per piece, so Backstory\'s marks can exceed its mentions.',
    `- Repeats: ${report.repeats}. The 7 MB page (its load alone takes half a minute here) and the tiny-nodes page run with the seed pack only; the 50- and 10 000-alias runs use the other three pages. Pages are built at run time from \`../shared/corpus\` and the seed article, with scripts made inert, image sources and frames removed, and served on 127.0.0.1 under a CSP that loads nothing.`,
    '',
    '### Pages',
    '',
    pagesTable(report),
    '',
    '### Targets',
    '',
    targetsTable(targets),
    '',
  ];
  for (const pack of report.packs) {
    sections.push(`### Results: ${pack.label} (${group(pack.aliasCount)} aliases, ${group(pack.aliasTexts)} distinct texts)`, '', resultsTable(report, pack), '');
  }
  sections.push(backstorySplit(report));
  const readingOn = readingOnSection(report);
  if (readingOn) sections.push(readingOn);
  sections.push('### Content script bundle', '', bundleSection(report.bundle), '', '### Where Backstory spends its time', '', profileSection(report.profiles));
  return sections.join('\n').trimEnd() + '\n';
}

export function targetsSummary(report: Report): string {
  return evaluateTargets(report)
    .map((target) => `${target.pass === null ? 'INFO' : target.pass ? 'PASS' : 'FAIL'}  ${target.target}: ${target.measured}${target.note ? ` — ${target.note}` : ''}`)
    .join('\n');
}

/** Replaces what is between the markers; adds them under "## Performance" at the end when missing. */
export async function writeIntoReadme(readmePath: string, block: string): Promise<void> {
  const readme = await readFile(readmePath, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  let next: string;
  if (start >= 0 && end > start) {
    next = `${readme.slice(0, start + README_START.length)}\n${block}${readme.slice(end)}`;
  } else {
    next = `${readme.trimEnd()}\n\n## Performance\n\n${README_START}\n${block}${README_END}\n`;
  }
  await writeFile(readmePath, next);
}
