// Renders assets/icons/icon.svg to the PNG sizes the manifest names. Run after editing the SVG:
// tsx scripts/make-icons.ts
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './build';
import { launchChromium } from './browsers';

const SIZES = [16, 32, 48, 128];
const svg = await readFile(path.join(ROOT, 'assets/icons/icon.svg'), 'utf8');
const { browser } = await launchChromium();
const page = await browser.newPage();
for (const size of SIZES) {
  await page.setViewport({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  await page.screenshot({ path: path.join(ROOT, `assets/icons/icon-${size}.png`), omitBackground: true });
}
await browser.close();
console.log(`Wrote icon-{${SIZES.join(',')}}.png`);
