// Builds dist/chrome and dist/firefox from the one manifest.json and src/.
// Usage: tsx scripts/build.ts [--watch]
import { build as esbuild, context, type BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { preparePretest } from '../src/match';
import { SEED_PACK } from '../src/story/seed-pack';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TARGETS = ['chrome', 'firefox'] as const;
export type Target = (typeof TARGETS)[number];
export const distDir = (target: Target) => path.join(ROOT, 'dist', target);

const ENTRY_POINTS = {
  content: 'src/content/index.ts',
  background: 'src/background/index.ts',
  'popup/popup': 'src/popup/popup.ts',
  'options/options': 'src/options/options.ts',
};

/** Files copied as they are: [from, to] relative to ROOT and to the target's folder. */
const STATIC_FILES: [string, string][] = [
  ['src/content/highlight.css', 'content.css'],
  ['src/lib/theme.css', 'theme.css'],
  ['src/popup/popup.html', 'popup/popup.html'],
  ['src/popup/popup.css', 'popup/popup.css'],
  ['src/options/options.html', 'options/options.html'],
  ['src/options/options.css', 'options/options.css'],
  ['assets/icons', 'icons'],
  ['assets/_locales', '_locales'],
];

type Manifest = Record<string, unknown> & {
  background: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: unknown;
};

/** Each browser gets only the background key it uses; only Firefox gets the gecko settings. */
export function manifestFor(source: Manifest, target: Target): Manifest {
  const manifest: Manifest = structuredClone(source);
  if (target === 'chrome') {
    manifest.background = { service_worker: source.background.service_worker! };
    delete manifest.browser_specific_settings;
  } else {
    manifest.background = { scripts: source.background.scripts! };
  }
  return manifest;
}

/**
 * What a pre-test written down by this build's code looks like, as a short hash of the code that
 * writes and reads it (src/match). Imported packs keep their pre-test in storage with it, and one
 * that another build wrote is not used (see src/lib/pack-pretests.ts).
 */
export function pretestFormat(): string {
  const folder = path.join(ROOT, 'src/match');
  const hash = createHash('sha256');
  for (const file of readdirSync(folder).sort()) hash.update(`${file}\n${readFileSync(path.join(folder, file), 'utf8')}\n`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * How every bundle is built for a browser (the bench harness too), short of its entry points.
 * The built-in pack's pre-test is worked out here, once, rather than on every page the content
 * script runs on (see compileMatcher). Not while watching: the pack or the matcher may change
 * between rebuilds, and the pre-test worked out at the start would no longer fit them; the
 * content script then works it out itself, and the pre-tests of imported packs are neither kept
 * nor read.
 */
export function bundleOptions(target: Target, { prepareSeedPretest = true } = {}): BuildOptions {
  return {
    absWorkingDir: ROOT,
    bundle: true,
    format: 'iife',
    target: target === 'chrome' ? 'chrome120' : 'firefox128',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: {
      'process.env.NODE_ENV': '"production"',
      ...(prepareSeedPretest
        ? { BACKSTORY_SEED_PRETEST: JSON.stringify(preparePretest(SEED_PACK)), BACKSTORY_PRETEST_FORMAT: JSON.stringify(pretestFormat()) }
        : {}),
    },
    // Names in Cyrillic and Chinese take 2-3 bytes each as UTF-8, 6 as \u escapes.
    charset: 'utf8',
  };
}

function esbuildOptions(target: Target, watching = false): BuildOptions {
  return { ...bundleOptions(target, { prepareSeedPretest: !watching }), entryPoints: ENTRY_POINTS, outdir: distDir(target) };
}

async function copyStatic(target: Target): Promise<void> {
  const out = distDir(target);
  for (const [from, to] of STATIC_FILES) {
    await cp(path.join(ROOT, from), path.join(out, to), { recursive: true });
  }
  const source = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8')) as Manifest;
  await writeFile(path.join(out, 'manifest.json'), JSON.stringify(manifestFor(source, target), null, 2) + '\n');
}

export async function build(): Promise<void> {
  for (const target of TARGETS) {
    await rm(distDir(target), { recursive: true, force: true });
    await mkdir(distDir(target), { recursive: true });
    await esbuild(esbuildOptions(target));
    await copyStatic(target);
  }
}

async function watch(): Promise<void> {
  await build();
  for (const target of TARGETS) {
    const ctx = await context({
      ...esbuildOptions(target, true),
      plugins: [{ name: 'copy-static', setup: (b) => b.onEnd(() => copyStatic(target)) }],
    });
    await ctx.watch();
  }
  console.log('Watching src/ for changes…');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  if (process.argv.includes('--watch')) {
    await watch();
  } else {
    await build();
    console.log(`Built dist/chrome and dist/firefox in ${Math.round(performance.now() - started)} ms`);
  }
}
