// The demo page is written from assets/demo/article.txt by scripts/make-demo.ts; the two must not
// drift apart (an edit to one without the other would show the demo a text the pack was not made for).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoHtml } from '../../../scripts/make-demo';

describe('demo page', () => {
  it('is the page scripts/make-demo.ts writes from the article', async () => {
    const page = readFileSync(path.join(import.meta.dirname, '../../../assets/demo/index.html'), 'utf8');
    expect(page, 'run: npx tsx scripts/make-demo.ts').toBe(await demoHtml());
  });
});
