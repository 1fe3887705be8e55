// An imported pack's pre-test, kept beside it in storage: written again when the extension is
// updated (a pack an earlier version stored has none, or one of another form), and what the
// content script tests pages with before it reads the pack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { BROWSERS, launchWithExtension, waitForMarks, type ExtensionBrowser } from './extension-browser';
import { startServer, type TestServer } from '../../scripts/static-server';
import { ROOT } from '../../scripts/build';
import { samplePack } from '../support/sample-pack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test</title></head><body>${body}</body></html>`;

describe.each(BROWSERS)('%s: the pre-tests of imported packs', (name) => {
  let server: TestServer;
  let extension: ExtensionBrowser;

  beforeAll(async () => {
    server = await startServer();
    server.route('/harbour', { body: page('<p>Dockers met at the Harbour as Putin spoke in Moscow.</p>') });
    server.route('/moscow', { body: page('<p>Putin spoke in Moscow.</p>') });
    extension = await launchWithExtension(name);
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  /**
   * storage.local, read from an extension page: during an update the service worker is replaced,
   * and one that is going away may never answer.
   */
  async function localItems(): Promise<Record<string, unknown>> {
    const page = await extension.openExtensionPage('popup/popup.html');
    try {
      return await page.evaluate(async () => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        return api.storage.local.get(null) as Promise<Record<string, unknown>>;
      });
    } finally {
      await page.close();
    }
  }

  it('are written again when the extension is updated, and those of packs gone are dropped', async () => {
    // As an earlier version left storage: a pack with no pre-test, a pre-test with no pack.
    await extension.setStorage('local', { 'pack:harbour-strike': samplePack(), 'pretest:gone': { format: 'earlier', prepared: 'some\nferry' } });
    // Installing the same extension again is an update: the background's onInstalled runs.
    const installing = extension.browser.installExtension(path.join(ROOT, 'dist', name === 'chromium' ? 'chrome' : 'firefox'));
    await Promise.race([installing, sleep(20_000).then(() => Promise.reject(new Error('Installing the extension again did not finish in 20 s.')))]);
    await expect
      .poll(async () => Object.keys(await localItems()).sort(), { timeout: 20_000, interval: 250 })
      .toEqual(['pack:harbour-strike', 'pretest:harbour-strike']);
    expect((await localItems())['pretest:harbour-strike']).toMatchObject({ prepared: 'some\n?harbour\nharbour' });
  });

  it('decide which pages the pack is read on: only those that mention its story', async () => {
    await extension.setStorage('sync', { activePack: 'harbour-strike' });
    const harbour = await extension.open(server.url('/harbour'));
    await waitForMarks(harbour, 1);
    expect(await harbour.$$eval('mark.backstory-mark', (marks) => marks.map((mark) => mark.textContent))).toEqual(['Harbour']);
    await harbour.close();
    // Here the pack is not read at all: the stored pre-test rules the page out. Had the pack
    // been read and found broken, the built-in story would stand in and mark Putin and Moscow.
    await extension.setStorage('local', { 'pack:harbour-strike': { id: 'harbour-strike' } });
    const moscow = await extension.open(server.url('/moscow'));
    await sleep(1_000);
    expect(await moscow.$$eval('mark.backstory-mark', (marks) => marks.length)).toBe(0);
    // A page that passes reads it, finds it broken, and the built-in story stands in.
    const again = await extension.open(server.url('/harbour'));
    await waitForMarks(again, 2);
    expect(await again.$$eval('mark.backstory-mark', (marks) => marks.map((mark) => mark.textContent))).toEqual(['Putin', 'Moscow']);
  });
});
