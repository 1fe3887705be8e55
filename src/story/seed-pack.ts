// The story pack that ships with the extension: Li Qiang's visit to Moscow, August 2024.
import seedJson from './seed-pack.json';
import type { StoryPack } from './schema';
import { parsePack } from './validate-pack';

function loadSeedPack(): StoryPack {
  // Checked like any imported pack, so the rest of the code can rely on the same guarantees.
  const result = parsePack(seedJson);
  if (!result.ok) throw new Error(`The built-in story pack is invalid:\n${result.errors.join('\n')}`);
  return result.pack;
}

export const SEED_PACK: StoryPack = loadSeedPack();
