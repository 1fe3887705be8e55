import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from './fake-browser';
import { samplePack as pack } from '../../support/sample-pack';

vi.mock('../../../src/lib/browser', async () => ({ default: (await import('./fake-browser')).fakeBrowser }));

const { BUILT_IN_PACK_ID, loadSettings, saveSettings } = await import('../../../src/lib/settings');
const packs = await import('../../../src/lib/packs');
const { SEED_PACK } = await import('../../../src/story/seed-pack');
const { compileMatcher } = await import('../../../src/match');

const { local } = fakeBrowser.storage;

beforeEach(() => resetFakeBrowser());

describe('the active pack', () => {
  it('is the built-in pack by default, without reading storage', async () => {
    expect(BUILT_IN_PACK_ID).toBe(SEED_PACK.id);
    const get = vi.spyOn(local, 'get');
    const result = await packs.loadActivePack(await loadSettings());
    expect(result.pack).toBe(SEED_PACK);
    expect(result.problem).toBeUndefined();
    expect(get).not.toHaveBeenCalled();
    get.mockRestore();
  });

  it('is an imported pack once chosen', async () => {
    await packs.importPack(JSON.stringify(pack()));
    const result = await packs.loadActivePack({ activePack: 'harbour-strike' });
    expect(result.pack.story.headline).toBe('Dockers strike at the harbour');
    expect(result.problem).toBeUndefined();
  });

  it('falls back to the built-in pack, saying why, when the chosen one is missing', async () => {
    const result = await packs.loadActivePack({ activePack: 'gone-pack' });
    expect(result.pack).toBe(SEED_PACK);
    expect(result.problem).toContain('gone-pack');
  });

  it('falls back to the built-in pack, saying why, when the stored one no longer reads', async () => {
    local.data.set(packs.packKey('harbour-strike'), { ...pack(), story: { headline: '' } });
    const result = await packs.loadActivePack({ activePack: 'harbour-strike' });
    expect(result.pack).toBe(SEED_PACK);
    expect(result.problem).toMatch(/harbour-strike.*story/);
  });
});

describe('importing', () => {
  it('stores a valid pack under its own key', async () => {
    const outcome = await packs.importPack(JSON.stringify(pack()));
    expect(outcome).toMatchObject({ status: 'imported', replaced: false });
    expect(local.data.get('pack:harbour-strike')).toEqual(pack());
  });

  it('keeps no pre-test beside it where the source runs unbuilt, and the pack itself is read', async () => {
    local.data.set('pretest:harbour-strike', { format: 'from-a-build', prepared: 'some\nharbour' });
    await packs.importPack(JSON.stringify(pack()));
    expect([...local.data.keys()]).toEqual(['pack:harbour-strike']);
    expect(await packs.loadActiveStory({ activePack: 'harbour-strike' })).toEqual({ pack: pack(), prepared: undefined });
  });

  it('rejects malformed JSON with parsePack’s reason, changing nothing', async () => {
    const outcome = await packs.importPack('{"id": "x",');
    expect(outcome.status).toBe('invalid');
    expect(outcome.status === 'invalid' && outcome.errors[0]).toMatch(/^not valid JSON/);
    expect(local.writes).toBe(0);
  });

  it('names the wrong field and says why', async () => {
    const broken = pack();
    (broken.story as Record<string, unknown>).date = '1 March';
    broken.entities[0]!.category = 'city';
    const outcome = await packs.importPack(JSON.stringify(broken));
    expect(outcome.status === 'invalid' && outcome.errors).toEqual([
      'story.date: must be a date written YYYY, YYYY-MM or YYYY-MM-DD',
      'entities[0] (harbour).category: must be one of person, place, organisation, event, figure',
    ]);
    expect(local.writes).toBe(0);
  });

  it('refuses a text larger than parsePack accepts', async () => {
    const outcome = await packs.importPack(' '.repeat(10 * 1024 * 1024));
    expect(outcome.status === 'invalid' && outcome.errors[0]).toMatch(/too large \(10 MB\)/);
  });

  it('refuses the built-in pack’s id', async () => {
    const outcome = await packs.importPack(JSON.stringify(pack(BUILT_IN_PACK_ID)));
    expect(outcome).toEqual({ status: 'built-in-id', id: BUILT_IN_PACK_ID });
    expect(local.writes).toBe(0);
  });

  it('asks before replacing a pack with the same id, and replaces it when told to', async () => {
    await packs.importPack(JSON.stringify(pack()));
    const writes = local.writes;
    const second = await packs.importPack(JSON.stringify(pack('harbour-strike', 'The strike ends')));
    expect(second).toMatchObject({ status: 'exists', existing: { story: { headline: 'Dockers strike at the harbour' } } });
    expect(local.writes).toBe(writes);
    if (second.status !== 'exists') throw new Error('expected a conflict');
    expect(await packs.storePack(second.pack, { replace: true })).toMatchObject({ status: 'imported', replaced: true });
    expect((await packs.loadActivePack({ activePack: 'harbour-strike' })).pack.story.headline).toBe('The strike ends');
  });

  it('imports aliases full of pattern characters as literal text', async () => {
    const literal = pack('pattern-pack');
    literal.entities[0]!.aliases = ['a.b*c', '(x|y)+', 'C++', '[a-z]', '$1 ^start', 'back\\slash', '.*'].map((text) => ({ text, lang: 'en' }));
    const outcome = await packs.importPack(JSON.stringify(literal));
    expect(outcome.status).toBe('imported');
    const matcher = compileMatcher((await packs.loadActivePack({ activePack: 'pattern-pack' })).pack);
    const found = (text: string) => matcher.find(text).map((mention) => text.slice(mention.start, mention.end));
    expect(found('We use C++ and a.b*c daily, and (x|y)+ too.')).toEqual(['C++', 'a.b*c', '(x|y)+']);
    expect(found('abbbc and xyyy and C and any text at all')).toEqual([]);
  });

  it('keeps imported packs within their storage budget', async () => {
    // About 3 MB each: two fit in the budget, the third does not.
    const big = (id: string) => {
      const value = pack(id);
      value.entities = Array.from({ length: 400 }, (_, index) => ({
        ...pack().entities[0]!,
        id: `e${index}`,
        quotes: Array.from({ length: 4 }, () => 'q'.repeat(1900)),
      }));
      return value;
    };
    expect(packs.jsonBytes(big('one'))).toBeGreaterThan(3 * 1000 * 1000);
    expect((await packs.storePack(big('one') as never)).status).toBe('imported');
    expect((await packs.storePack(big('two') as never)).status).toBe('imported');
    const third = await packs.storePack(big('three') as never);
    expect(third.status).toBe('no-room');
    expect(third.status === 'no-room' && third.available).toBeLessThan(third.status === 'no-room' ? third.bytes : 0);
    expect(local.data.has('pack:three')).toBe(false);
    // Replacing a pack counts the room it frees.
    expect((await packs.storePack(big('two') as never, { replace: true })).status).toBe('imported');
  });
});

describe('the pack list', () => {
  it('lists the built-in pack first, then imported ones, and marks an unreadable one', async () => {
    await packs.importPack(JSON.stringify(pack('zebra-pack', 'Zebras')));
    await packs.importPack(JSON.stringify(pack('aardvark-pack', 'Aardvarks')));
    local.data.set(packs.packKey('broken-pack'), { id: 'broken-pack' });
    local.data.set('healedSettings', ['hoverDelay']);
    const list = await packs.listPacks();
    expect(list.map((entry) => entry.id)).toEqual([BUILT_IN_PACK_ID, 'aardvark-pack', 'zebra-pack', 'broken-pack']);
    expect(list[0]).toMatchObject({ builtIn: true, pack: SEED_PACK });
    expect(list[3]).toMatchObject({ builtIn: false, pack: null });
    expect(list[3]!.problem).toContain('broken-pack');
  });

  it('removes an imported pack, and the built-in pack takes over when it was in use', async () => {
    await packs.importPack(JSON.stringify(pack()));
    await saveSettings({ activePack: 'harbour-strike' });
    await packs.removePack('harbour-strike');
    expect(local.data.has('pack:harbour-strike')).toBe(false);
    expect((await loadSettings()).activePack).toBe(BUILT_IN_PACK_ID);
    await packs.removePack(BUILT_IN_PACK_ID);
    expect((await packs.listPacks())[0]!.pack).toBe(SEED_PACK);
  });

  it('exports a pack as JSON that imports again', async () => {
    const text = packs.packFileText(SEED_PACK);
    expect(JSON.parse(text)).toEqual(SEED_PACK);
    const copy = { ...JSON.parse(text), id: 'seed-copy' };
    expect((await packs.importPack(JSON.stringify(copy))).status).toBe('imported');
  });

  it('reports which packs changed', async () => {
    const changed: string[][] = [];
    const controller = new AbortController();
    packs.onPacksChanged((ids) => changed.push(ids), controller.signal);
    await packs.importPack(JSON.stringify(pack()));
    await saveSettings({ hoverDelay: 10 });
    await packs.removePack('harbour-strike');
    await vi.waitFor(() => expect(changed).toEqual([['harbour-strike'], ['harbour-strike']]));
    controller.abort();
  });
});
