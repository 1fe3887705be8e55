// npm start: builds the extension and opens a browser with it loaded on the local demo page.
// Chromium by default; Firefox with `npm start -- --firefox`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build, ROOT } from './build';
import { launchChromium, MissingBrowserError, requireBrowser } from './browsers';
import { startServer } from './static-server';

const firefox = process.argv.includes('--firefox');
const DEMO_PORT = 8642;

function explainNoDisplay(demoUrl: string, interactive: boolean): void {
  console.log(`
No display was found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no browser window can open.
The extension is built. To load it by hand on a machine with a screen:

  Chrome / Chromium   open chrome://extensions, switch on "Developer mode",
                      click "Load unpacked" and choose ${path.join(ROOT, 'dist/chrome')}
  Firefox             open about:debugging#/runtime/this-firefox, click
                      "Load Temporary Add-on…" and choose ${path.join(ROOT, 'dist/firefox/manifest.json')}

The content script runs on http(s) pages only, so open the demo page from a local server:
${interactive ? `this command serves it at ${demoUrl} until you press Ctrl+C.` : `run 'npm start' in a terminal and it serves the page until you press Ctrl+C.`}
'npm test' runs everything headless.
`);
}

async function main(): Promise<void> {
  await build();
  // A fixed port keeps the demo's address the same from one run to the next, when it is free.
  const server = await startServer({}, DEMO_PORT).catch(() => startServer());
  const demoUrl = server.url('/demo/');
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());

  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    const interactive = Boolean(process.stdin.isTTY);
    explainNoDisplay(demoUrl, interactive);
    if (!interactive) await stop();
    return;
  }

  if (firefox) {
    requireBrowser('firefox');
    // web-ext reloads the add-on when dist/firefox changes, and cleans its profile up on exit.
    const child = spawn(
      path.join(ROOT, 'node_modules/.bin/web-ext'),
      ['run', '--target=firefox-desktop', `--firefox=${requireBrowser('firefox')}`, '--source-dir=dist/firefox', `--start-url=${demoUrl}`, '--no-input'],
      { cwd: ROOT, stdio: 'inherit' },
    );
    child.on('exit', () => void stop());
    return;
  }

  const { browser } = await launchChromium({
    extension: path.join(ROOT, 'dist/chrome'),
    headless: false,
  });
  const [blank] = await browser.pages();
  await (blank ?? (await browser.newPage())).goto(demoUrl);
  console.log(`Chromium is open on ${demoUrl} with Backstory loaded. Close the window to stop.`);
  browser.on('disconnected', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof MissingBrowserError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
