// The performance benchmark: Backstory against the floor and against the usual way (mark.js), on
// pages built from real saved pages, in headless Chromium. Writes its tables into README.md
// (between the bench markers) and prints them.
//
// Usage: npm run bench [-- --cap=20 --repeats=3 --pages=story-140k,unrelated-100k --methods=floor,backstory --seed-only --no-readme]
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { compileMatcher, preparePretest } from '../src/match';
import type { StoryPack } from '../src/story/schema';
import { launchChromium, MissingBrowserError } from './browsers';
import { build, ROOT } from './build';
import { bundleHarness, HARNESS_URL, weighContentScript } from './bench/bundles';
import { MissingCorpusError, readCorpus } from './bench/corpus';
import { METHODS, type ImportedPack, type MethodId } from './bench/harness-api';
import { describeMachine } from './bench/machine';
import { aliasTexts, benchPacks } from './bench/packs';
import { PAGE_CSP, PAGE_TARGETS, readSeedArticle, storyPage, tinyNodesPage, unrelatedPage, type BenchPage } from './bench/pages';
import { renderReport, targetsSummary, writeIntoReadme, type Cell, type PageInfo, type ProfileRun, type Report } from './bench/report';
import { measure, pageStats, profileBackstory } from './bench/runner';
import { startServer } from './static-server';
import { SEED_PACK } from '../src/story/seed-pack';

interface Options {
  capMs: number;
  /** Fixed number of repeats, or by page size when absent. */
  repeats?: number;
  pages?: string[];
  methods?: string[];
  /** Only the seed pack, not the 50- and 10 000-alias packs. */
  seedOnly: boolean;
  writeReadme: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  const repeats = value('repeats');
  return {
    capMs: Number(value('cap') ?? 10) * 1000,
    repeats: repeats ? Math.max(1, Number(repeats)) : undefined,
    pages: value('pages')?.split(','),
    methods: value('methods')?.split(','),
    seedOnly: argv.includes('--seed-only'),
    writeReadme: !argv.includes('--no-readme'),
  };
}

/**
 * Pages are measured three times (the median is reported), the 7 MB one once (its load alone takes
 * half a minute); mark.js's array mode once everywhere: it takes seconds, far beyond what the
 * repeats would refine. The 1.4 MB page's target is a ratio of two medians on a noisy machine
 * (the floor's runs alone have spread from 65 to 220 ms), so there the floor and Backstory run five
 * times.
 */
function repeatsFor(page: BenchPage, method: MethodId, options: Options): number {
  if (options.repeats) return options.repeats;
  if (method === 'markjs-array' || page.approxText >= 5_000_000) return 1;
  return page.id === 'story-1.4m' && (method === 'floor' || method === 'backstory') ? 5 : 3;
}

/**
 * The floor and Backstory are stopped after this long (the usual way at the cap): a run that long
 * has already failed every target, and the trace up to the stop still tells its longest task.
 */
const SAFEGUARD_MS = 60_000;

/**
 * Loading the 7 MB page takes about half a minute on a small machine, and the number of aliases
 * has nothing to do with the cost of 100 000 text nodes: these run with the seed pack only, which
 * keeps the whole benchmark within ten minutes.
 */
const SEED_PACK_ONLY = new Set(['story-7m', 'tiny-nodes']);

/**
 * Reading on: with the seed pack, on the story pages, the first run of these methods goes on to
 * scroll this many screens (what Backstory writes as the reader goes, against the page scrolling
 * with no marks, and with every mark written at once).
 */
const READ_ON_SCREENS = 40;
const READ_ON_METHODS = new Set<MethodId>(['floor', 'markjs-regexp', 'backstory']);

const log = (message: string) => process.stderr.write(`${message}\n`);

/**
 * A pack other than the built-in one as the extension stores it on import, its pre-test worked out
 * there (here, in Node) and not on the pages it is used on; null for the built-in pack.
 */
function storedAsImported(pack: StoryPack): ImportedPack | null {
  return pack === SEED_PACK ? null : { json: JSON.stringify(pack), prepared: preparePretest(pack) };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();

  const corpus = await readCorpus();
  log(`Read ${corpus.length} saved pages from ../shared/corpus.`);

  await build();
  const bundle = await weighContentScript();
  const harness = await bundleHarness();
  log(`Built dist/ (content.js ${(bundle.raw / 1024).toFixed(1)} KB) and the bench harness.`);

  const article = await readSeedArticle(SEED_PACK.story.headline);
  // An invented surname must not occur on any benchmark page, in any language.
  const words = new Set<string>();
  const hanText = corpus.map((page) => page.allText.match(/\p{Script=Han}+/gu)?.join('\n') ?? '').join('\n');
  for (const page of corpus) for (const word of page.allText.toLowerCase().split(/[^\p{L}]+/u)) words.add(word);
  for (const word of article.paragraphs.join(' ').toLowerCase().split(/[^\p{L}]+/u)) words.add(word);
  const packs = benchPacks((word) => (/\p{Script=Han}/u.test(word) ? hanText.includes(word) : words.has(word)));
  const pretests = packs.map(({ pack }) => compileMatcher(structuredClone(pack)));

  const allPages: BenchPage[] = [
    unrelatedPage(PAGE_TARGETS.unrelatedChars, corpus, (text) => pretests.some((matcher) => matcher.mightMention(text))),
    ...PAGE_TARGETS.storySizes.map((size) => storyPage(size.id, size.label, size.chars, corpus, article)),
    tinyNodesPage(PAGE_TARGETS.tinyNodes, article),
  ].sort((a, b) => a.approxText - b.approxText);
  const unknown = [
    ...(options.pages ?? []).filter((id) => !allPages.some((page) => page.id === id)),
    ...(options.methods ?? []).filter((id) => !(METHODS as readonly string[]).includes(id)),
  ];
  if (unknown.length > 0) {
    throw new Error(`No such page or method: ${unknown.join(', ')}. Pages: ${allPages.map((page) => page.id).join(', ')}; methods: ${METHODS.join(', ')}.`);
  }
  const pages = options.pages ? allPages.filter((page) => options.pages!.includes(page.id)) : allPages;

  const server = await startServer();
  const urlOf = (page: BenchPage) => server.url(`/bench/${page.id}.html`);
  for (const page of pages) server.route(`/bench/${page.id}.html`, { body: page.html, headers: { 'content-security-policy': PAGE_CSP } });

  let browser: Browser | null = null;
  const report: Report = {
    machine: describeMachine(''),
    pages: pages.map((page): PageInfo => ({ id: page.id, label: page.label, htmlBytes: Buffer.byteLength(page.html), madeOf: page.madeOf })),
    packs: packs.map((entry) => ({ label: entry.label, aliasCount: entry.aliasCount, aliasTexts: aliasTexts(entry.pack).length })),
    cells: [],
    bundle,
    profiles: [],
    capMs: options.capMs,
    repeats: options.repeats
      ? `${options.repeats} per page and method`
      : "3 per page and method, 5 for the floor and Backstory on the 1.4 MB page, 1 on the 7 MB page and for mark.js's array mode",
    totalSeconds: 0,
  };

  try {
    ({ browser } = await launchChromium());
    report.machine = { ...describeMachine((await browser.version()).replace(/^[^/]*\//, '')), loadAverage: report.machine.loadAverage };

    for (const pack of options.seedOnly ? packs.slice(0, 1) : packs) {
      const imported = storedAsImported(pack.pack);
      /** Per method, the smallest page on which it ran out of time: bigger pages are not tried. */
      const outOfTime = new Map<MethodId, BenchPage>();
      for (const page of pages) {
        if (pack !== packs[0] && SEED_PACK_ONLY.has(page.id)) continue;
        const info = report.pages.find((entry) => entry.id === page.id)!;
        info.stats ??= await pageStats(browser, urlOf(page), harness.timed);
        for (const method of METHODS.filter((id) => !options.methods || options.methods.includes(id))) {
          const cell: Cell = { pageId: page.id, packLabel: pack.label, method, runs: [] };
          report.cells.push(cell);
          const slower = outOfTime.get(method);
          if (slower) {
            cell.skipped = `took over ${options.capMs / 1000} s on the smaller ${slower.label} page`;
            continue;
          }
          const timeoutMs = method.startsWith('markjs') ? options.capMs : SAFEGUARD_MS;
          for (let repeat = 0; repeat < repeatsFor(page, method, options); repeat++) {
            const readOnScreens =
              repeat === 0 && pack === packs[0] && page.id.startsWith('story-') && READ_ON_METHODS.has(method) ? READ_ON_SCREENS : undefined;
            // The floor leaves the page as it was: there, a mark made by hand shows what any highlight costs.
            const markOneWord = readOnScreens !== undefined && method === 'floor';
            const result = await measure(browser, { url: urlOf(page), imported, method, timeoutMs, readOnScreens, markOneWord }, harness.timed);
            info.loadMs ??= result.loadMs;
            if (result.timedOut) {
              cell.timedOut = { capMs: timeoutMs, progress: result.progress, tasks: result.tasks };
              outOfTime.set(method, page);
              log(`  ${pack.label} · ${page.label} · ${method}: stopped at ${timeoutMs / 1000} s`);
              break;
            }
            cell.runs.push(result);
            log(
              `  ${pack.label} · ${page.label} · ${method}: ${result.tasks?.busyMs.toFixed(1)} ms main thread, ` +
                `longest ${result.tasks?.longestMs.toFixed(1)} ms, ${result.analysis?.marks} marks${result.error ? `, error: ${result.error}` : ''}`,
            );
          }
        }
      }
    }

    const profileTargets: { title: string; pageId: string; packIndex: number }[] = [
      { title: 'Unrelated 100 KB page, seed pack', pageId: 'unrelated-100k', packIndex: 0 },
      { title: '1.4 MB story page, seed pack', pageId: 'story-1.4m', packIndex: 0 },
      { title: '100 000 tiny text nodes, seed pack', pageId: 'tiny-nodes', packIndex: 0 },
    ];
    for (const target of profileTargets) {
      const page = pages.find((entry) => entry.id === target.pageId);
      const pack = packs[target.packIndex];
      if (!page || !pack) continue;
      const profile = await profileBackstory(browser, urlOf(page), harness.profiled, HARNESS_URL, harness.sourceOfLine, storedAsImported(pack.pack));
      report.profiles.push({ title: target.title, profile } satisfies ProfileRun);
      log(`  profiled Backstory: ${target.title}`);
    }
  } finally {
    await browser?.close();
    await server.close();
  }

  report.totalSeconds = (performance.now() - started) / 1000;
  const block = renderReport(report);
  process.stdout.write(`${block}\n`);
  process.stdout.write(`Targets:\n${targetsSummary(report)}\n`);
  if (options.writeReadme) {
    await writeIntoReadme(path.join(ROOT, 'README.md'), block);
    log('Wrote the results into README.md (between the bench markers).');
  }
}

main().catch((error: unknown) => {
  if (error instanceof MissingCorpusError || error instanceof MissingBrowserError) {
    process.stderr.write(`npm run bench: ${error.message}\n`);
  } else {
    process.stderr.write(`npm run bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
