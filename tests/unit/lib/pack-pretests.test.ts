// The pre-test kept beside each imported pack, as a build keeps it (PRETEST_FORMAT set): written
// with the pack, read first by the content script, written again for packs an earlier version
// stored. (Unbuilt, none is kept: packs.test.ts.)
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from './fake-browser';
import { samplePack as pack } from '../../support/sample-pack';

vi.mock('../../../src/lib/browser', async () => ({ default: (await import('./fake-browser')).fakeBrowser }));
vi.stubGlobal('BACKSTORY_PRETEST_FORMAT', 'format-b');

const packs = await import('../../../src/lib/packs');
const { SEED_PACK } = await import('../../../src/story/seed-pack');
const { PagePretest, preparePretest } = await import('../../../src/match');

const { local } = fakeBrowser.storage;
const KEY = 'pretest:harbour-strike';

beforeEach(() => resetFakeBrowser());

/** Whether the stored pre-test of the sample pack passes text. */
const storedPasses = (text: string): boolean => {
  const { prepared } = local.data.get(KEY) as { prepared: string };
  return PagePretest.fromPrepared(prepared).mightContain(text);
};

describe('the pre-test kept beside an imported pack', () => {
  it('is written with the pack, in the same write', async () => {
    const writes = local.writes;
    expect((await packs.importPack(JSON.stringify(pack()))).status).toBe('imported');
    expect(local.writes).toBe(writes + 1);
    expect(local.data.get(KEY)).toEqual({ format: 'format-b', prepared: preparePretest(pack() as never) });
    expect(storedPasses('The harbour was closed.')).toBe(true);
    expect(storedPasses('The airport was closed.')).toBe(false);
  });

  it('is what the content script reads of the pack in use, and the pack is not read', async () => {
    await packs.importPack(JSON.stringify(pack()));
    const get = vi.spyOn(local, 'get');
    const story = await packs.loadActiveStory({ activePack: 'harbour-strike' });
    expect(story).toEqual({ id: 'harbour-strike', pretest: PagePretest.fromPrepared(preparePretest(pack() as never)) });
    const { pretest } = story as { pretest: InstanceType<typeof PagePretest> };
    expect(pretest.mightContain('The harbour was closed.')).toBe(true);
    expect(pretest.mightContain('The airport was closed.')).toBe(false);
    expect(get.mock.calls).toEqual([[KEY]]);
    get.mockRestore();
  });

  it('is not read where it is of another form, or does not read as a pre-test: the pack is', async () => {
    await packs.importPack(JSON.stringify(pack()));
    const { prepared } = local.data.get(KEY) as { prepared: string };
    for (const item of [{ format: 'format-a', prepared }, { format: 'format-b', prepared: 'some\n=harbour' }, { format: 'format-b' }, 'some', null]) {
      local.data.set(KEY, item);
      const story = await packs.loadActiveStory({ activePack: 'harbour-strike' });
      expect(story).toMatchObject({ pack: { id: 'harbour-strike' } });
    }
  });

  it('is not read for the built-in pack, which the build prepared', async () => {
    const get = vi.spyOn(local, 'get');
    expect(await packs.loadActiveStory({ activePack: SEED_PACK.id })).toMatchObject({ pack: SEED_PACK });
    expect(get).not.toHaveBeenCalled();
    get.mockRestore();
  });

  it('is replaced with its pack, and removed with it', async () => {
    await packs.importPack(JSON.stringify(pack('harbour-strike', 'Dockers strike', ['Harbour'])));
    await packs.storePack(pack('harbour-strike', 'The strike ends', ['Quayside']) as never, { replace: true });
    expect(storedPasses('On the quayside')).toBe(true);
    expect(storedPasses('At the harbour')).toBe(false);
    await packs.removePack('harbour-strike');
    expect([...local.data.keys()]).toEqual([]);
  });

  it('counts in the room the pack takes', async () => {
    await packs.importPack(JSON.stringify(pack()));
    const [, entry] = await packs.listPacks();
    expect(entry!.bytes).toBe(packs.jsonBytes(pack()) + packs.jsonBytes(local.data.get(KEY)));
  });
});

describe('after the extension is installed or updated', () => {
  it('writes the pre-test of packs that have none of this form, drops those of packs gone or no longer valid, and leaves the rest', async () => {
    local.data.set('pack:harbour-strike', pack());
    local.data.set('pack:old-form', pack('old-form', 'Old form', ['Quayside']));
    local.data.set('pretest:old-form', { format: 'format-a', prepared: 'some\nharbour' });
    await packs.importPack(JSON.stringify(pack('current', 'Current', ['Lighthouse'])));
    const current = local.data.get('pretest:current');
    local.data.set('pretest:gone', { format: 'format-b', prepared: 'some\nferry' });
    local.data.set('pack:broken', { id: 'broken' });
    local.data.set('pretest:broken', { format: 'format-b', prepared: 'some\nbroken' });
    await packs.prepareStoredPretests();
    expect(storedPasses('The harbour was closed.')).toBe(true);
    expect(local.data.get('pretest:old-form')).toEqual({ format: 'format-b', prepared: preparePretest(pack('old-form', 'Old form', ['Quayside']) as never) });
    expect(local.data.get('pretest:current')).toBe(current);
    expect(local.data.has('pretest:gone')).toBe(false);
    expect(local.data.has('pretest:broken')).toBe(false);
    expect(local.data.has('pack:broken')).toBe(true);
  });
});
