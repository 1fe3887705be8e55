// The options page in both browsers: categories, hover delay, badge, on everywhere, the list of
// sites where Backstory is off, story packs (import, bad imports, duplicates, choose, export,
// remove), defaults, and the one-time notice about healed settings. Changes reach open tabs at once.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startServer, type TestServer } from '../../scripts/static-server';
import { SEED_PACK } from '../../src/story/seed-pack';
import { BROWSERS, badgeOf, launchWithExtension, readStorage, waitForMarks, type ExtensionBrowser } from './extension-browser';
import { samplePack as pack } from '../support/sample-pack';

const POLL = { polling: 100, timeout: 10_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const markCount = (tab: Page, selector = 'mark.backstory-mark') => tab.$$eval(selector, (marks) => marks.length);

async function waitForCount(tab: Page, selector: string, count: number): Promise<void> {
  await tab.waitForFunction((s: string, n: number) => document.querySelectorAll(s).length === n, POLL, selector, count);
}

const LITERAL_ALIASES = ['C++', 'a.b*c', '(x|y)+', '[a-z]', '$100 ^up', 'back\\slash', '.*'];

describe.each(BROWSERS)('%s: the options page', (name) => {
  let server: TestServer;
  let extension: ExtensionBrowser;
  let demo: Page;
  let options: Page;
  let dir: string;

  const text = (selector: string) => options.$eval(selector, (element) => element.textContent ?? '');
  const sync = () => readStorage(extension, 'sync');

  async function upload(fileName: string, contents: string | Buffer): Promise<void> {
    const file = path.join(dir, fileName);
    await writeFile(file, contents);
    const input = await options.$('input[type=file]');
    await input!.uploadFile(file);
  }

  async function waitForResult(): Promise<string> {
    await options.waitForFunction(() => !document.getElementById('import-result')!.hidden, POLL);
    return text('#import-result');
  }

  const packIds = () => options.$$eval('#pack-list li', (items) => items.map((item) => (item as HTMLElement).dataset.pack));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'backstory-options-'));
    server = await startServer();
    server.route('/literal', {
      body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Literal</title></head><body><p>We use C++ and a.b*c daily, and (x|y)+ too; [a-z] costs $100 ^up. Not abbbc, xyyy, C, or any other text.</p></body></html>',
    });
    extension = await launchWithExtension(name);
    demo = await extension.open(server.url('/demo/'));
    await waitForMarks(demo, 10);
  });
  beforeEach(async () => {
    await options?.close();
    options = await extension.openExtensionPage('options/options.html');
    await options.waitForFunction(() => document.body.dataset.ready === 'true', POLL);
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('switches categories off and on, at once in an open tab', async () => {
    const people = await markCount(demo, 'mark[data-category="person"]');
    const places = await markCount(demo, 'mark[data-category="place"]');
    expect(people).toBeGreaterThan(5);
    await options.click('#categories input[value="person"]');
    await waitForCount(demo, 'mark[data-category="person"]', 0);
    // The page is highlighted again in slices: wait for it to finish before comparing.
    await waitForCount(demo, 'mark[data-category="place"]', places);
    expect((await sync()).categories).toMatchObject({ person: false, place: true });
    await options.click('#categories input[value="person"]');
    await waitForCount(demo, 'mark[data-category="person"]', people);
  });

  it('saves the hover delay once the slider rests, not at every step', async () => {
    await options.evaluate(() => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      (window as any).hoverWrites = 0;
      api.storage.onChanged.addListener((changes: Record<string, unknown>, area: string) => {
        if (area === 'sync' && 'hoverDelay' in changes) (window as any).hoverWrites += 1;
      });
    });
    await options.focus('#hover-delay');
    for (let step = 0; step < 10; step++) await options.keyboard.press('ArrowRight');
    expect(await text('#hover-delay-value')).toBe('800 ms');
    await options.waitForFunction(() => (window as any).hoverWrites > 0, POLL);
    await sleep(600);
    expect(await options.evaluate(() => (window as any).hoverWrites)).toBe(1);
    expect((await sync()).hoverDelay).toBe(800);
  });

  it('turns the badge off and on', async () => {
    await sleep(500);
    expect((await badgeOf(extension, demo)).text).not.toBe('');
    await options.click('#show-badge');
    await options.waitForFunction(() => !(document.getElementById('show-badge') as HTMLInputElement).checked, POLL);
    expect((await sync()).showBadge).toBe(false);
    await expect.poll(async () => (await badgeOf(extension, demo)).text, { timeout: 10_000 }).toBe('');
    await options.click('#show-badge');
    await expect.poll(async () => (await badgeOf(extension, demo)).text, { timeout: 10_000 }).not.toBe('');
  });

  it('pauses Backstory everywhere and resumes it', async () => {
    await options.click('#enabled');
    await waitForCount(demo, 'mark.backstory-mark', 0);
    await options.click('#enabled');
    await waitForMarks(demo, 10);
  });

  it('edits the list of sites where Backstory is off, with a clear message for a bad host name', async () => {
    const add = async (value: string) => {
      await options.$eval('#site-input', (input) => void ((input as HTMLInputElement).value = ''));
      await options.type('#site-input', value);
      await options.click('#add-site button[type=submit]');
    };
    const sites = () => options.$$eval('#site-list li', (items) => items.map((item) => (item as HTMLElement).dataset.site));

    await add('not a host!');
    await options.waitForFunction(() => document.getElementById('site-error')!.textContent !== '', POLL);
    expect(await text('#site-error')).toBe('“not a host!” is not a website address. Enter a host name such as example.com.');
    expect((await sync()).disabledSites ?? []).toEqual([]);

    await add('https://www.Example.com/news');
    await options.waitForFunction(() => document.querySelectorAll('#site-list li').length === 1, POLL);
    expect(await sites()).toEqual(['example.com']);
    expect(await text('#site-error')).toBe('');

    await add('example.com');
    await options.waitForFunction(() => document.getElementById('site-error')!.textContent !== '', POLL);
    expect(await text('#site-error')).toBe('example.com is already on the list.');

    // The open tab's own site: its marks go at once, and come back when it is removed.
    await add(new URL(server.origin).hostname);
    await waitForCount(demo, 'mark.backstory-mark', 0);
    expect(await sites()).toEqual(['127.0.0.1', 'example.com']);
    await options.click('#site-list li[data-site="127.0.0.1"] button');
    await waitForMarks(demo, 10);
    await options.click('#site-list li[data-site="example.com"] button');
    await options.waitForFunction(() => document.querySelectorAll('#site-list li').length === 0, POLL);
    expect((await sync()).disabledSites).toEqual([]);
  });

  it('rejects malformed JSON and changes nothing', async () => {
    await upload('broken.json', '{"schemaVersion": 1, "id": "broken",');
    const result = await waitForResult();
    expect(result).toContain('“broken.json” was not imported, and nothing was changed:');
    expect(result).toMatch(/not valid JSON/);
    expect(await packIds()).toEqual([SEED_PACK.id]);
  });

  it('rejects a pack that breaks the schema, saying which field is wrong and why', async () => {
    const broken = pack('broken-pack', 'Broken') as Record<string, any>;
    broken.story.date = '1 March';
    broken.entities[0].category = 'city';
    await upload('schema.json', JSON.stringify(broken));
    await options.waitForFunction(() => document.querySelectorAll('#import-result li').length > 0, POLL);
    const lines = await options.$$eval('#import-result li', (items) => items.map((item) => item.textContent));
    expect(lines).toEqual([
      'story.date: must be a date written YYYY, YYYY-MM or YYYY-MM-DD',
      'entities[0] (harbour).category: must be one of person, place, organisation, event, figure',
    ]);
    expect(await packIds()).toEqual([SEED_PACK.id]);
    expect(Object.keys(await readStorage(extension, 'local')).filter((key) => key.startsWith('pack:'))).toEqual([]);
  });

  it('rejects a 10 MB file', async () => {
    const shell = JSON.stringify({ ...pack('big-pack', 'Big'), padding: '' });
    const big = JSON.stringify({ ...pack('big-pack', 'Big'), padding: 'x'.repeat(10 * 1024 * 1024 - shell.length) });
    expect(big.length).toBe(10 * 1024 * 1024);
    await upload('big.json', big);
    const result = await waitForResult();
    expect(result).toContain('“big.json” was not imported');
    expect(result).toMatch(/too large \(10 MB\); the size limit is 5 MB/);
    expect(await packIds()).toEqual([SEED_PACK.id]);
  });

  it('rejects a pack that takes the built-in story’s id', async () => {
    await upload('seed.json', JSON.stringify({ ...SEED_PACK, story: { ...SEED_PACK.story, headline: 'Impostor' } }));
    const result = await waitForResult();
    expect(result).toContain(`id: “${SEED_PACK.id}” is the built-in story's id`);
    expect(await packIds()).toEqual([SEED_PACK.id]);
  });

  it('imports aliases full of pattern characters as literal text, and highlights them once chosen', async () => {
    await upload('literal.json', JSON.stringify(pack('literal-pack', 'Pattern characters', LITERAL_ALIASES)));
    expect(await waitForResult()).toBe('Imported “Pattern characters”. Choose it above to use it.');
    await options.waitForFunction(() => document.querySelector('#pack-list li[data-pack="literal-pack"]') !== null, POLL);
    await options.click('#pack-list li[data-pack="literal-pack"] input[type=radio]');
    await expect.poll(async () => (await sync()).activePack, { timeout: 10_000 }).toBe('literal-pack');
    await options.waitForFunction(() => document.querySelector('#pack-list li.active')?.getAttribute('data-pack') === 'literal-pack', POLL);
    const tab = await extension.open(server.url('/literal'));
    await waitForMarks(tab, 3);
    await sleep(300);
    const marks = await tab.$$eval('mark.backstory-mark', (nodes) => nodes.map((node) => node.textContent));
    expect(marks).toEqual(['C++', 'a.b*c', '(x|y)+', '[a-z]', '$100 ^up']);
    // Pages are tested with the pre-test kept beside the pack (one that passes every page: ".*"
    // has no word to look for); the pack, and with it the cards, is read once one passes.
    expect((await readStorage(extension, 'local'))['pretest:literal-pack']).toMatchObject({ prepared: expect.stringMatching(/^always\n/) });
    await tab.hover('mark.backstory-mark');
    await tab.waitForFunction(() => document.querySelector('backstory-card')?.shadowRoot?.querySelector('.name')?.textContent === 'The harbour', POLL);
    // The demo page names nothing of this story.
    await waitForCount(demo, 'mark.backstory-mark', 0);
    await tab.close();
  });

  it('asks before replacing a pack with the same id', async () => {
    await upload('first.json', JSON.stringify(pack('harbour-strike', 'Dockers strike')));
    expect(await waitForResult()).toContain('Imported “Dockers strike”');
    await upload('second.json', JSON.stringify(pack('harbour-strike', 'The strike ends')));
    await options.waitForFunction(() => !document.getElementById('replace-confirm')!.hidden, POLL);
    expect(await text('#replace-question')).toBe(
      'A pack with the id “harbour-strike” is already imported. Replace it with the pack from “second.json”?',
    );
    await options.click('#replace-no');
    const headline = () => text('#pack-list li[data-pack="harbour-strike"] .pack-headline');
    expect(await headline()).toBe('Dockers strike');
    await upload('second.json', JSON.stringify(pack('harbour-strike', 'The strike ends')));
    await options.waitForFunction(() => !document.getElementById('replace-confirm')!.hidden, POLL);
    await options.click('#replace-yes');
    expect(await waitForResult()).toBe('Replaced the pack “harbour-strike”.');
    await options.waitForFunction(
      () => document.querySelector('#pack-list li[data-pack="harbour-strike"] .pack-headline')?.textContent === 'The strike ends',
      POLL,
    );
  });

  it('exports a pack, the built-in one too, as its JSON', async () => {
    const exported = async (id: string): Promise<unknown> => {
      if (name === 'chromium') {
        const downloads = await mkdtemp(path.join(dir, 'downloads-'));
        const session = await extension.browser.target().createCDPSession();
        await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
        await options.click(`#pack-list li[data-pack="${id}"] button.export`);
        await expect.poll(async () => (await readdir(downloads)).filter((file) => file.endsWith('.json')), { timeout: 10_000 }).toEqual([`${id}.json`]);
        return JSON.parse(await readFile(path.join(downloads, `${id}.json`), 'utf8'));
      }
      // Firefox asks where to save a download; catch the link the page clicks instead, and read it.
      await options.evaluate(() => {
        HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
          (window as any).exported = fetch(this.href).then(async (response) => ({ name: this.download, text: await response.text() }));
        };
      });
      await options.click(`#pack-list li[data-pack="${id}"] button.export`);
      const file = await options.evaluate(() => (window as any).exported as Promise<{ name: string; text: string }>);
      expect(file.name).toBe(`${id}.json`);
      return JSON.parse(file.text);
    };
    expect(await exported(SEED_PACK.id)).toEqual(SEED_PACK);
    expect(await exported('harbour-strike')).toEqual(pack('harbour-strike', 'The strike ends'));
  });

  it('removes an imported pack; the built-in story takes over when it was in use', async () => {
    expect((await sync()).activePack).toBe('literal-pack');
    await options.click('#pack-list li[data-pack="literal-pack"] button.remove');
    await options.waitForFunction(() => document.querySelector('#pack-list li[data-pack="literal-pack"]') === null, POLL);
    expect((await sync()).activePack).toBe(SEED_PACK.id);
    expect(await options.$eval(`#pack-list li[data-pack="${SEED_PACK.id}"] input`, (radio) => (radio as HTMLInputElement).checked)).toBe(true);
    expect(await packIds()).toEqual([SEED_PACK.id, 'harbour-strike']);
    // The built-in pack has no remove button.
    expect(await options.$(`#pack-list li[data-pack="${SEED_PACK.id}"] button.remove`)).toBeNull();
  });

  it('restores the defaults after asking, keeping imported packs', async () => {
    await options.click('#categories input[value="event"]');
    await options.click('#show-badge');
    await expect.poll(async () => (await sync()).showBadge, { timeout: 10_000 }).toBe(false);
    await options.click('#reset');
    await options.waitForFunction(() => !document.getElementById('reset-confirm')!.hidden, POLL);
    await options.click('#reset-yes');
    await options.waitForFunction(() => (document.getElementById('show-badge') as HTMLInputElement).checked, POLL);
    const settings = await sync();
    expect(settings).toMatchObject({ showBadge: true, hoverDelay: 300, enabled: true, disabledSites: [], activePack: SEED_PACK.id });
    expect(settings.categories).toEqual({ person: true, place: true, organisation: true, event: true, figure: true });
    expect(await options.$$eval('#categories input', (boxes) => boxes.every((box) => (box as HTMLInputElement).checked))).toBe(true);
    expect(await text('#hover-delay-value')).toBe('300 ms');
    expect(await packIds()).toEqual([SEED_PACK.id, 'harbour-strike']);
  });

  it('says once that a corrupted setting was put back to its default, keeping the others', async () => {
    await options.evaluate(async () => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      await api.storage.sync.set({ categories: 'everything', hoverDelay: 450 });
    });
    await options.waitForFunction(() => !document.getElementById('healed')!.hidden, POLL);
    expect(await text('#healed')).toBe('Some settings could not be read and were put back to their defaults: categories to highlight.');
    expect((await sync()).hoverDelay).toBe(450);
    await options.close();
    options = await extension.openExtensionPage('options/options.html');
    await options.waitForFunction(() => document.body.dataset.ready === 'true', POLL);
    await sleep(300);
    expect(await options.$eval('#healed', (notice) => (notice as HTMLElement).hidden)).toBe(true);
  });
});
