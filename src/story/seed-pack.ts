// The story pack that ships with the extension: Li Qiang's visit to Moscow, August 2024.
// It is validated by the unit tests (tests/unit/story), not at run time: the content script runs on
// every page, and checking the same constant data there each time would only cost the user.
import seedJson from './seed-pack.json';
import type { StoryPack } from './schema';

export const SEED_PACK = seedJson as StoryPack;
