// Writes assets/demo/index.html, the local demo page, from the seed article text.
// Run after editing assets/demo/article.txt: tsx scripts/make-demo.ts
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './build';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function demoHtml(): Promise<string> {
  const article = await readFile(path.join(ROOT, 'assets/demo/article.txt'), 'utf8');
  const paragraphs = article
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `      <p>${escapeHtml(paragraph)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Putin hails trade with China as Premier Li Qiang visits Moscow — Backstory demo</title>
    <link rel="stylesheet" href="demo.css" />
  </head>
  <body>
    <header class="masthead">Backstory demo page · the seed article, served locally</header>
    <article>
      <h1>Putin hails flourishing trade with China as Premier Li Qiang visits Moscow</h1>
      <p class="byline">CNN · Wednesday 21 August 2024</p>
${paragraphs}
    </article>
  </body>
</html>
`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'scripts/make-demo.ts')) {
  await writeFile(path.join(ROOT, 'assets/demo/index.html'), await demoHtml());
  console.log('Wrote assets/demo/index.html');
}
