// Live pages in both browsers: text added later, frameworks that rewrite text, shadow DOM,
// frames, forbidden elements, and switching off with an exact restore.
import { build as esbuild } from 'esbuild';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { ROOT } from '../../scripts/build';
import { startServer, type TestServer } from '../../scripts/static-server';
import { BROWSERS, launchWithExtension, waitForMarks, type ExtensionBrowser } from './extension-browser';

const page = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test page</title>${head}</head><body>${body}</body></html>`;

const FORBIDDEN_PAGE = page(`
  <p id="prose">Mishustin met Li Qiang.</p>
  <input id="input" value="Kursk and Mishustin">
  <textarea id="textarea">Kursk and Mishustin</textarea>
  <select><option>Kursk</option></select>
  <div contenteditable="true" id="editable">Kursk and <b>Mishustin</b> in an editor</div>
  <div contenteditable="plaintext-only">Kursk here too</div>
  <script type="text/plain">Kursk in a script</script>
  <style>/* Kursk */</style>
  <noscript>Kursk without script</noscript>
  <template><p>Kursk in a template</p></template>
  <pre>Kursk in preformatted text</pre>
  <p>Code: <code>Kursk</code></p>
  <svg><text x="0" y="15">Kursk in SVG</text></svg>
  <p title="Kursk" data-note="Mishustin"><img alt="Kursk" src="data:,">A picture</p>
`);

const LIVE_PAGE = page(`<main id="feed"><p>Live: Li Qiang arrives in Moscow.</p></main>`);

const SHADOW_PAGE = page(
  `<p>Li Qiang in the light DOM.</p><news-card></news-card>`,
  `<script src="/shadow.js"></script>`,
);
const SHADOW_SCRIPT = `customElements.define('news-card', class extends HTMLElement {
  constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<p>Mishustin inside a shadow root</p>'; }
});
setTimeout(() => {
  const late = document.createElement('news-card');
  document.body.append(late);
  setTimeout(() => { late.shadowRoot.querySelector('p').append(' and Kursk'); }, 200);
}, 300);`;

const FRAME_PAGE = page(`<p>Li Qiang in the top frame.</p><iframe src="/frame"></iframe>`);
const FRAME_CHILD = page(`<p>Mishustin in a frame.</p>`);

const REACT_PAGE = page(`<div id="root"></div>`, `<script src="/react-app.js" defer></script>`);

/** Captures the body as the page built it, before the content script could touch it. */
const CAPTURE_BEFORE = `document.addEventListener('DOMContentLoaded', () => { window.__before = document.body.cloneNode(true); });`;

async function markTexts(target: Page, selector = 'mark.backstory-mark'): Promise<string[]> {
  return target.$$eval(selector, (marks) => marks.map((mark) => mark.textContent ?? ''));
}

describe.each(BROWSERS)('%s: live pages', (name) => {
  let server: TestServer;
  let extension: ExtensionBrowser;

  beforeAll(async () => {
    server = await startServer();
    server.route('/forbidden', { body: FORBIDDEN_PAGE });
    server.route('/live', { body: LIVE_PAGE });
    server.route('/shadow', { body: SHADOW_PAGE });
    server.route('/shadow.js', { body: SHADOW_SCRIPT, type: 'text/javascript' });
    server.route('/frames', { body: FRAME_PAGE });
    server.route('/frame', { body: FRAME_CHILD });
    server.route('/react', { body: REACT_PAGE });
    const bundle = await esbuild({
      entryPoints: [path.join(ROOT, 'tests/browser/fixtures/react-app.tsx')],
      bundle: true,
      write: false,
      format: 'iife',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"development"' },
      logLevel: 'silent',
    });
    server.route('/react-app.js', { body: bundle.outputFiles[0]!.text, type: 'text/javascript' });
    extension = await launchWithExtension(name);
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  it('never highlights inside form fields, editors, code or attributes', async () => {
    const tab = await extension.open(server.url('/forbidden'));
    await waitForMarks(tab, 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await markTexts(tab)).toEqual(['Mishustin', 'Li Qiang']);
    const inForbidden = await tab.$$eval('mark.backstory-mark', (marks) =>
      marks.filter((mark) => mark.closest('input, textarea, select, [contenteditable], script, style, noscript, template, pre, code, svg')).length,
    );
    expect(inForbidden).toBe(0);
    expect(await tab.$eval('#input', (input) => (input as HTMLInputElement).value)).toBe('Kursk and Mishustin');
    // Typing into an editor does not highlight either.
    await tab.click('#editable');
    await tab.keyboard.type(' Putin and Kursk');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await tab.$$eval('#editable mark', (marks) => marks.length)).toBe(0);
    await tab.close();
  });

  it('highlights text added later, and never twice', async () => {
    const tab = await extension.open(server.url('/live'));
    await waitForMarks(tab, 2);
    await tab.evaluate(() => {
      const feed = document.getElementById('feed')!;
      for (let index = 1; index <= 30; index++) {
        setTimeout(() => {
          const post = document.createElement('p');
          post.textContent = `Post ${index}: Mishustin spoke about Kursk.`;
          feed.append(post);
        }, index * 20);
      }
      // Text appended into an existing paragraph, as an inline edit would.
      setTimeout(() => feed.firstElementChild!.append(' Putin met him.'), 300);
    });
    await waitForMarks(tab, 2 + 60 + 1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const marks = await markTexts(tab);
    expect(marks.filter((text) => text === 'Mishustin')).toHaveLength(30);
    expect(marks.filter((text) => text === 'Kursk')).toHaveLength(30);
    expect(marks).toContain('Putin');
    expect(await tab.$$eval('mark mark', (nested) => nested.length)).toBe(0);
    expect(await tab.$eval('#feed', (feed) => feed.textContent)).toContain('Post 30: Mishustin spoke about Kursk.');
    await tab.close();
  });

  it('follows single-page navigation', async () => {
    const tab = await extension.open(server.url('/live'));
    await waitForMarks(tab, 2);
    await tab.evaluate(() => {
      history.pushState({}, '', '/live/next');
      document.getElementById('feed')!.replaceChildren(
        Object.assign(document.createElement('h2'), { textContent: 'Golovchenko awaits Li Qiang in Belarus' }),
      );
    });
    await tab.waitForFunction(() => document.querySelectorAll('#feed mark.backstory-mark').length >= 3);
    expect(await markTexts(tab, '#feed mark.backstory-mark')).toEqual(['Golovchenko', 'Li Qiang', 'Belarus']);
    await tab.close();
  });

  it('highlights inside open shadow roots, including ones added later', async () => {
    const tab = await extension.open(server.url('/shadow'));
    await tab.waitForFunction(
      () => [...document.querySelectorAll('news-card')].filter((card) => card.shadowRoot?.querySelector('mark')).length === 2,
    );
    await tab.waitForFunction(() =>
      [...document.querySelectorAll('news-card')].some((card) => card.shadowRoot?.querySelector('mark[data-entity="kursk"]')),
    );
    const shadowMarks = await tab.evaluate(() =>
      [...document.querySelectorAll('news-card')].flatMap((card) =>
        [...card.shadowRoot!.querySelectorAll('mark')].map((mark) => `${mark.dataset.entity}:${getComputedStyle(mark).backgroundColor !== 'rgba(0, 0, 0, 0)'}`),
      ),
    );
    expect(shadowMarks).toEqual(['mikhail-mishustin:true', 'mikhail-mishustin:true', 'kursk:true']);
    await tab.close();
  });

  it('runs in frames', async () => {
    const tab = await extension.open(server.url('/frames'));
    await waitForMarks(tab, 1);
    const frame = tab.frames().find((candidate) => candidate.url().endsWith('/frame'))!;
    await frame.waitForFunction(() => document.querySelector('mark[data-entity="mikhail-mishustin"]') !== null);
    await tab.close();
  });

  it('keeps a React app’s text exactly as React rendered it', async () => {
    const tab = await extension.open(server.url('/react'));
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(String(error)));
    await waitForMarks(tab, 3);
    // Let React re-render some twenty times over the marks.
    for (let check = 0; check < 12; check++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const { shown, rendered } = await tab.evaluate(() => ({
        shown: [document.getElementById('first')!.textContent, document.getElementById('second')!.textContent],
        rendered: (window as unknown as { rendered: string[] }).rendered,
      }));
      // The app may have ticked between the two reads; both must be a whole rendering.
      expect(shown[0]).toMatch(/^Update \d+: fighting continues in Kursk, \d villages reported$/);
      expect(shown[1]).toMatch(/^Li Qiang and Mishustin met in Moscow \(\d+ minutes ago\)$/);
      expect(rendered).toHaveLength(2);
    }
    await tab.waitForFunction(() => document.querySelector('#first mark[data-entity="kursk"]') !== null);
    const finalText = await tab.evaluate(() => document.getElementById('first')!.textContent);
    expect(finalText).toMatch(/^Update \d+: fighting continues in Kursk, \d villages reported$/);
    expect(errors).toEqual([]);
    await tab.close();
  });

  it('switching off everywhere, or for the site, restores the page exactly', async () => {
    for (const off of [{ enabled: false }, { disabledSites: ['127.0.0.1'] }] as const) {
      const tab = await extension.browser.newPage();
      await tab.evaluateOnNewDocument(CAPTURE_BEFORE);
      await tab.goto(server.url('/demo/'), { waitUntil: 'load' });
      await waitForMarks(tab, 20);
      expect(await tab.evaluate(() => (window as any).__before.isEqualNode(document.body))).toBe(false);
      await extension.setStorage('sync', off);
      await tab.bringToFront();
      await tab.waitForFunction(() => document.querySelectorAll('mark.backstory-mark').length === 0, { polling: 100 });
      expect(await tab.evaluate(() => (window as any).__before.isEqualNode(document.body))).toBe(true);
      // And back on: the highlights return at once.
      await extension.setStorage('sync', { enabled: true, disabledSites: [] });
      await tab.bringToFront();
      await waitForMarks(tab, 20);
      await tab.close();
    }
  });
});
