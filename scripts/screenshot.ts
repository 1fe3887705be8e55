// Takes the README's screenshots in headless Chromium with the built extension:
// assets/screenshot.png (a highlighted page) and assets/screenshot-card.png (an open hover card).
// Run: npm run screenshot
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

  // The card for Li Qiang where the article first names him in its text, a third of the way down.
  const mark = (await page.$$('mark[data-entity="li-qiang"]'))[1]!;
  await mark.evaluate((element) => {
    const top = element.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top - window.innerHeight / 3);
  });
  await mark.hover();
  await page.waitForFunction(() => document.querySelector('backstory-card')?.shadowRoot?.querySelector('.card'));
  // Past the card's fade-in.
  await new Promise((resolve) => setTimeout(resolve, 400));
  await page.screenshot({ path: path.join(ROOT, 'assets/screenshot-card.png') });
  console.log('Wrote assets/screenshot-card.png');
} finally {
  await browser.close();
  await server.close();
}
