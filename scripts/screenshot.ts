// Takes the README's screenshots in headless Chromium with the built extension:
// assets/screenshot.png (a highlighted page). Run: npm run screenshot
import path from 'node:path';
import { build, ROOT } from './build';
import { launchChromium } from './browsers';
import { startServer } from './static-server';

await build();
const server = await startServer();
const { browser } = await launchChromium({ extension: path.join(ROOT, 'dist/chrome') });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 760, deviceScaleFactor: 1 });
  await page.goto(server.url('/demo/'), { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('mark.backstory-mark').length > 10);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ROOT, 'assets/screenshot.png') });
  console.log('Wrote assets/screenshot.png');
} finally {
  await browser.close();
  await server.close();
}
