// Fuzzes the page annotator for a long run: random pages and random page scripts
// (tests/unit/content/fuzz), in happy-dom through vitest, then in Chromium (and Firefox with
// --firefox) with the annotator bundled into a page.
//
//   npm run fuzz                               10 000 pages and 10 000 page scripts per environment
//   npm run fuzz -- --seed 42 --runs 500       another seed, fewer cases
//   npm run fuzz -- --seed 42 --path "12:3:0"  replay the one case a failure printed
//   npm run fuzz -- --only chromium            one environment: happy-dom, chromium or firefox
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { launchChromium, launchFirefox } from './browsers';
import { ROOT } from './build';
import { bundleFuzz, fuzzInBrowser } from '../tests/unit/content/fuzz/run-in-browser';

const ENVIRONMENTS = ['happy-dom', 'chromium', 'firefox'] as const;
type Environment = (typeof ENVIRONMENTS)[number];

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    runs: { type: 'string', default: '10000' },
    path: { type: 'string' },
    only: { type: 'string' },
    firefox: { type: 'boolean', default: false },
  },
});

const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const runs = Number(values.runs);
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(runs) || runs <= 0) {
  console.error('Usage: npm run fuzz -- [--seed N] [--runs M] [--path P] [--only happy-dom|chromium|firefox] [--firefox]');
  process.exit(2);
}
const only = values.only as Environment | undefined;
if (only && !ENVIRONMENTS.includes(only)) {
  console.error(`--only takes one of: ${ENVIRONMENTS.join(', ')}`);
  process.exit(2);
}
const environments: Environment[] = only ? [only] : values.firefox ? [...ENVIRONMENTS] : ['happy-dom', 'chromium'];
const replay = (environment: Environment) =>
  `npm run fuzz -- --only ${environment} --seed ${seed} --runs ${runs}${values.path ? ` --path "${values.path}"` : ''}`;

console.log(`fuzz: seed ${seed}, ${runs} pages and ${runs} page scripts in ${environments.join(', ')}`);

const failed: Environment[] = [];
for (const environment of environments) {
  const started = Date.now();
  let ok: boolean;
  if (environment === 'happy-dom') {
    const result = spawnSync('npx', ['vitest', 'run', '--project', 'unit', 'tests/unit/content/fuzz/annotator-fuzz.test.ts'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        FUZZ_SEED: String(seed),
        FUZZ_RUNS: String(runs),
        ...(values.path ? { FUZZ_PATH: values.path } : {}),
      },
    });
    ok = result.status === 0;
  } else {
    const { browser } = environment === 'chromium' ? await launchChromium() : await launchFirefox();
    try {
      const result = await fuzzInBrowser(browser, { seed, runs, ...(values.path ? { path: values.path } : {}) }, await bundleFuzz());
      ok = result.failure === null;
      console.log(`${environment}: ${result.cases} cases ${ok ? 'passed' : 'run, then a failure:'}`);
      if (result.failure) console.log(result.failure);
    } finally {
      await browser.close();
    }
  }
  console.log(`${environment}: ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`);
  if (!ok) {
    failed.push(environment);
    console.log(`Replay with: ${replay(environment)}, adding --path "…" from the report above for the one case`);
  }
}
process.exit(failed.length === 0 ? 0 : 1);
