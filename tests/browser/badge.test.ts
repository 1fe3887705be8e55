// The toolbar badge in both browsers: each tab's own count of mentions, kept up as the page changes,
// cleared on navigation, and switched off and on by the showBadge option.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startServer, type TestServer } from '../../scripts/static-server';
import { BROWSERS, badgeOf, launchWithExtension, waitForMarks, type ExtensionBrowser } from './extension-browser';

const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Badge</title></head><body>${body}</body></html>`;

const markCount = (tab: Page) => tab.$$eval('mark.backstory-mark', (marks) => marks.length);

describe.each(BROWSERS)('%s: the badge', (name) => {
  let server: TestServer;
  let extension: ExtensionBrowser;

  /** Polls the badge until it reads `text`, or fails with what it read last. */
  async function waitForBadge(tab: Page, text: string, timeout = 20_000): Promise<{ text: string; title: string }> {
    const deadline = Date.now() + timeout;
    let badge = await badgeOf(extension, tab);
    while (badge.text !== text && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      badge = await badgeOf(extension, tab);
    }
    expect(badge.text).toBe(text);
    return badge;
  }

  beforeAll(async () => {
    server = await startServer();
    server.route('/two', { body: page('<p id="feed">Mishustin met Li Qiang.</p>') });
    server.route('/none', { body: page('<p>Nothing about the story here.</p>') });
    extension = await launchWithExtension(name);
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  it('shows the page’s count of mentions, with a title that says what it counts', async () => {
    const demo = await extension.open(server.url('/demo/'));
    await waitForMarks(demo, 10);
    // The annotator may still be adding marks: wait until the count settles.
    let count = await markCount(demo);
    for (let previous = -1; previous !== count; ) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      [previous, count] = [count, await markCount(demo)];
    }
    const badge = await waitForBadge(demo, String(count));
    expect(badge.title).toBe(`Backstory: ${count} mentions of the story on this page`);
    await demo.close();
  });

  it('keeps each tab’s own count, and follows the page as it changes', async () => {
    const first = await extension.open(server.url('/two'));
    const second = await extension.open(server.url('/two?again'));
    await waitForMarks(first, 2);
    await waitForBadge(first, '2');
    await waitForBadge(second, '2');
    await first.evaluate(() => {
      const more = document.createElement('p');
      more.textContent = 'Later, Putin spoke about Kursk.';
      document.body.append(more);
    });
    await waitForBadge(first, '4');
    expect((await badgeOf(extension, second)).text).toBe('2');
    await first.close();
    await second.close();
  });

  it('clears the count when the tab goes to another page', async () => {
    const tab = await extension.open(server.url('/two'));
    await waitForBadge(tab, '2');
    await tab.goto(server.url('/none'), { waitUntil: 'load' });
    const badge = await waitForBadge(tab, '');
    expect(badge.title).toBe('Backstory');
    await tab.close();
  });

  it('hides the badge in every tab when the option is off, and shows it again when on', async () => {
    const first = await extension.open(server.url('/two'));
    const demo = await extension.open(server.url('/demo/'));
    await waitForMarks(demo, 10);
    await waitForBadge(first, '2');
    await extension.setStorage('sync', { showBadge: false });
    await waitForBadge(first, '');
    await waitForBadge(demo, '');
    // A page that reports while the badge is off shows nothing either.
    await first.evaluate(() => document.body.append(Object.assign(document.createElement('p'), { textContent: 'Putin again.' })));
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await badgeOf(extension, first)).text).toBe('');
    await extension.setStorage('sync', { showBadge: true });
    await waitForBadge(first, '3');
    expect(Number((await badgeOf(extension, demo)).text)).toBeGreaterThan(10);
    await first.close();
    await demo.close();
  });
});
