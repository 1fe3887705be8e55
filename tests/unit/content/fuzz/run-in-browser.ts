// Runs the annotator fuzz (browser-entry.ts) in a browser started without the extension, on a
// blank page served from 127.0.0.1. Used by scripts/fuzz.ts and tests/browser/hostile-pages.test.ts.
import { build } from 'esbuild';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { ROOT } from '../../../../scripts/build';
import { startServer } from '../../../../scripts/static-server';
import type { BrowserFuzzOptions, BrowserFuzzResult } from './browser-entry';

const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title></title></head><body></body></html>';

export async function bundleFuzz(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'tests/unit/content/fuzz/browser-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Runs the fuzz in a new tab of `browser`. */
export async function fuzzInBrowser(browser: Browser, options: BrowserFuzzOptions, bundle?: string): Promise<BrowserFuzzResult> {
  const server = await startServer();
  server.route('/fuzz', { body: PAGE });
  server.route('/fuzz.js', { body: bundle ?? (await bundleFuzz()), type: 'text/javascript' });
  const page = await browser.newPage();
  try {
    await page.goto(server.url('/fuzz'), { waitUntil: 'load' });
    await page.addScriptTag({ url: server.url('/fuzz.js') });
    return (await page.evaluate(
      (settings: BrowserFuzzOptions) =>
        (window as unknown as { backstoryFuzz: { run(options: BrowserFuzzOptions): Promise<BrowserFuzzResult> } }).backstoryFuzz.run(settings),
      options,
    )) as BrowserFuzzResult;
  } finally {
    await page.close();
    await server.close();
  }
}
