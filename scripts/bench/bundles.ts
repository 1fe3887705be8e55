// Bundles the in-page harness the way scripts/build.ts bundles the content script, and weighs the
// content script that the build wrote.
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, bundleOptions, distDir } from '../build';

/** The options scripts/build.ts gives the Chrome content script (IIFE, minified, chrome120). */
export const CONTENT_SCRIPT_OPTIONS: BuildOptions = bundleOptions('chrome');

export const HARNESS_URL = 'backstory-bench-harness.js';

export interface HarnessBundles {
  /** As the content script is built: what the timed runs use. */
  timed: string;
  /** Not minified (so function names stay as written): for the CPU profile. */
  profiled: string;
  /** For the profiled bundle: which source file each line came from. */
  sourceOfLine: (line: number) => string;
}

async function bundle(options: BuildOptions): Promise<string> {
  const result = await build({
    ...CONTENT_SCRIPT_OPTIONS,
    ...options,
    entryPoints: [path.join(ROOT, 'scripts/bench/harness.ts')],
    write: false,
  });
  const file = result.outputFiles?.[0];
  if (!file) throw new Error('esbuild wrote no harness bundle');
  return `${file.text}\n//# sourceURL=${HARNESS_URL}\n`;
}

export async function bundleHarness(): Promise<HarnessBundles> {
  const timed = await bundle({ outfile: 'bench-harness.js' });
  const profiled = await bundle({ outfile: 'bench-harness.js', minify: false });
  // esbuild starts each module of an unminified bundle with a "// path" comment.
  const starts: { line: number; source: string }[] = [];
  profiled.split('\n').forEach((text, index) => {
    const match = /^\s*\/\/ ((?:src|scripts|node_modules)\/\S+)$/.exec(text);
    if (match) starts.push({ line: index, source: match[1]! });
  });
  const sourceOfLine = (line: number): string => {
    let found = '';
    for (const start of starts) {
      if (start.line > line) break;
      found = start.source;
    }
    return found;
  };
  return { timed, profiled, sourceOfLine };
}

export interface BundleWeight {
  raw: number;
  gzip: number;
  /** The inputs by the bytes they put in the output, biggest first, grouped by package or folder. */
  groups: { name: string; bytes: number; files: number }[];
  /** The biggest single inputs. */
  inputs: { path: string; bytes: number }[];
  /** Bytes of the metafile build, to check it matches dist/chrome/content.js. */
  metafileBytes: number;
}

function groupOf(input: string): string {
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (packageMatch) return packageMatch[1]!;
  if (input.endsWith('.json')) return input;
  return path.dirname(input);
}

export async function weighContentScript(): Promise<BundleWeight> {
  const bytes = await readFile(path.join(distDir('chrome'), 'content.js'));
  const result = await build({
    ...CONTENT_SCRIPT_OPTIONS,
    entryPoints: { content: 'src/content/index.ts' },
    outdir: path.join(ROOT, 'dist', 'bench-metafile'),
    write: false,
    metafile: true,
  });
  const metafile = result.metafile as Metafile;
  const output = Object.values(metafile.outputs).find((entry) => entry.entryPoint?.endsWith('src/content/index.ts'));
  if (!output) throw new Error('esbuild reported no output for src/content/index.ts');
  const inputs = Object.entries(output.inputs)
    .map(([input, { bytesInOutput }]) => ({ path: input, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  const groups = new Map<string, { bytes: number; files: number }>();
  for (const input of inputs) {
    const name = groupOf(input.path);
    const group = groups.get(name) ?? { bytes: 0, files: 0 };
    group.bytes += input.bytes;
    group.files += 1;
    groups.set(name, group);
  }
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    groups: [...groups].map(([name, group]) => ({ name, ...group })).sort((a, b) => b.bytes - a.bytes),
    inputs: inputs.slice(0, 12),
    metafileBytes: output.bytes,
  };
}
