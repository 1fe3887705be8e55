import { describe, expect, it } from 'vitest';
import { compileMatcher, resolveShortForms, type Mention } from '../../../src/match';
import { FIXTURE_PACK } from './fixture-pack';
import { blockPairs, pagePairs, pairsOf } from './mention-pairs';

describe('short forms', () => {
  it('count after the full name on the same page (en)', () => {
    expect(pagePairs('Li Qiang arrived. Li said that Premier Li and President Xi agree. Xi Jinping agreed.')).toEqual([
      ['Li Qiang', 'li-qiang'],
      ['Li', 'li-qiang'],
      ['Premier Li', 'li-qiang'],
      ['President Xi', 'xi-jinping'],
      ['Xi Jinping', 'xi-jinping'],
    ]);
  });

  it('count before the full name too: the page as a whole decides', () => {
    expect(pagePairs('Xi spoke first. Later, Xi Jinping left.')).toEqual([
      ['Xi', 'xi-jinping'],
      ['Xi Jinping', 'xi-jinping'],
    ]);
  });

  it('highlight nothing on a page without the full name', () => {
    expect(pagePairs('Li Na won the Open')).toEqual([]);
    expect(pagePairs('Louis XI and Chapter XI; Premier Li')).toEqual([]);
  });

  it('are reported by find() as candidates, marked short', () => {
    const mentions = compileMatcher(FIXTURE_PACK).find('Li won the Open');
    expect(pairsOf('Li won the Open', mentions)).toEqual([['Li', 'li-qiang']]);
    expect(mentions[0]?.short).toBe(true);
    expect(blockPairs('Li Qiang')).toEqual([['Li Qiang', 'li-qiang']]);
    expect(compileMatcher(FIXTURE_PACK).find('Li Qiang')[0]?.short).toBe(false);
  });

  it('count as names only with a capital (a headline in capitals keeps it)', () => {
    // The li of a list in a page about markup, the Greek letter xi.
    const page = 'Li Qiang arrived. Xi Jinping too. A li element; the letter xi; premier li. HE MET LI. Premier Li agreed.';
    expect(pagePairs(page)).toEqual([
      ['Li Qiang', 'li-qiang'],
      ['Xi Jinping', 'xi-jinping'],
      ['LI', 'li-qiang'],
      ['Premier Li', 'li-qiang'],
    ]);
    expect(pagePairs('Ли Цян прибыл. Слово ли и премьер Ли.')).toEqual([
      ['Ли Цян', 'li-qiang'],
      ['премьер Ли', 'li-qiang'],
    ]);
  });

  it('do not count where a short name is a Roman numeral: in capitals, with no capitals next to it', () => {
    const page = 'Xi Jinping and Li Qiang. Pope Pius XI wrote. Super Bowl LI. PUTIN MEETS XI. Chapter XI.\n\nXI\n\nHe met Xi.';
    expect(pagePairs(page)).toEqual([
      ['Xi Jinping', 'xi-jinping'],
      ['Li Qiang', 'li-qiang'],
      ['PUTIN', 'vladimir-putin'],
      ['XI', 'xi-jinping'],
      ['Xi', 'xi-jinping'],
    ]);
  });

  it('do not count where another name goes on after a short name', () => {
    // Li Keqiang, premier before Li Qiang; Li Na, a tennis player; Xi Mingze, Xi Jinping's daughter.
    const page = 'Li Qiang succeeded Li Keqiang. Li Na won. Xi Jinping and Xi Mingze. Premier Li Keqiang spoke.';
    expect(pagePairs(page)).toEqual([
      ['Li Qiang', 'li-qiang'],
      ['Xi Jinping', 'xi-jinping'],
    ]);
    // Lower case, a full stop, a comma or a possessive after it: the short name stands.
    expect(pagePairs("Li Qiang arrived. Then Li said so, and Li. Moscow greeted Li, and Li's aides.")).toEqual([
      ['Li Qiang', 'li-qiang'],
      ['Li', 'li-qiang'],
      ['Li', 'li-qiang'],
      ['Moscow', 'moscow'],
      ['Li', 'li-qiang'],
      ['Li', 'li-qiang'],
    ]);
    // A name of the story's own after it is no other person's.
    expect(pagePairs('Li Qiang arrived. Li Moscow talks began.')).toEqual([
      ['Li Qiang', 'li-qiang'],
      ['Li', 'li-qiang'],
      ['Moscow', 'moscow'],
    ]);
    expect(pagePairs('Си Цзиньпин прибыл. Си Минцзэ тоже.')).toEqual([['Си Цзиньпин', 'xi-jinping']]);
  });

  it('do not count where a name that is not the story’s comes before a short word', () => {
    const page =
      'The EU kept international sanctions. The UN tightened North Korea sanctions, and Iran sanctions eased. ' +
      'Sanctions bite; new sanctions came, and Russia sanctions too.';
    expect(pagePairs(page)).toEqual([
      ['international sanctions', 'sanctions'],
      ['Sanctions', 'sanctions'],
      ['sanctions', 'sanctions'],
      ['Russia', 'russia'],
      ['sanctions', 'sanctions'],
    ]);
  });

  it('are resolved by the full name in any language', () => {
    expect(pagePairs('李强抵达莫斯科。 Li later met Mishustin.')).toEqual([
      ['李强', 'li-qiang'],
      ['莫斯科', 'moscow'],
      ['Li', 'li-qiang'],
      ['Mishustin', 'mikhail-mishustin'],
    ]);
  });

  it('work in Russian and Ukrainian', () => {
    expect(pagePairs('Си Цзиньпин и Путин. Си сказал, что премьер Ли приедет.')).toEqual([
      ['Си Цзиньпин', 'xi-jinping'],
      ['Путин', 'vladimir-putin'],
      ['Си', 'xi-jinping'],
    ]);
    expect(pagePairs("Лі Цян прибув. Прем'єр Лі сказав.")).toEqual([
      ['Лі Цян', 'li-qiang'],
      ["Прем'єр Лі", 'li-qiang'],
    ]);
    expect(pagePairs('Лі Цян прибув. Прем\u2019єр Лі та прем\u02bcєр Лі.')).toEqual([
      ['Лі Цян', 'li-qiang'],
      ['Прем\u2019єр Лі', 'li-qiang'],
      ['прем\u02bcєр Лі', 'li-qiang'],
    ]);
    expect(pagePairs('Сі сказав')).toEqual([]);
  });

  it('work in Chinese', () => {
    expect(pagePairs('李强抵达莫斯科。李总理表示')).toEqual([
      ['李强', 'li-qiang'],
      ['莫斯科', 'moscow'],
      ['李总理', 'li-qiang'],
    ]);
    expect(pagePairs('习主席表示')).toEqual([]);
  });

  it('count, for an alias withRelated, only beside the entity or a related one named in full', () => {
    // Any two governments may hold annual talks; the story's are Li Qiang's and Mishustin's.
    expect(pagePairs('Japan and Korea held annual talks.')).toEqual([]);
    expect(pagePairs('Japan and Korea held annual talks. Li said so.')).toEqual([]);
    expect(pagePairs('Mishustin and Li Qiang held annual talks.')).toEqual([
      ['Mishustin', 'mikhail-mishustin'],
      ['Li Qiang', 'li-qiang'],
      ['annual talks', 'annual-talks'],
    ]);
    expect(pagePairs('The annual talks, or регулярная встреча глав правительств.')).toEqual([
      ['annual talks', 'annual-talks'],
      ['регулярная встреча глав правительств', 'annual-talks'],
    ]);
  });

  it('count after a capital that only starts a sentence, not after a name in capitals there', () => {
    expect(pagePairs('Western sanctions stay. Tough sanctions followed. UN sanctions were lifted.\n\nFresh sanctions came.')).toEqual([
      ['Western sanctions', 'sanctions'],
      ['sanctions', 'sanctions'],
      ['sanctions', 'sanctions'],
    ]);
  });

  it('count beside a full name withRelated that counts, not beside one that does not', () => {
    expect(pagePairs('International sanctions hit Iran. New sanctions followed.')).toEqual([]);
    expect(pagePairs('International sanctions hit Russia. New sanctions followed.')).toEqual([
      ['International sanctions', 'sanctions'],
      ['Russia', 'russia'],
      ['sanctions', 'sanctions'],
    ]);
  });

  it('resolveShortForms keeps full mentions, and those that need one only where the page has it', () => {
    const mention = (entityId: string, short: boolean, start: number, needs?: string[]): Mention => ({
      start,
      end: start + 1,
      entityId,
      category: 'person',
      short,
      ...(short || needs ? { needs: needs ?? [entityId] } : {}),
    });
    const mentions = [
      mention('xi-jinping', true, 0),
      mention('li-qiang', true, 2),
      mention('li-qiang', false, 4),
      mention('moscow', false, 6),
      // Aliases withRelated: beside a related entity named in full, and with none.
      mention('annual-talks', false, 8, ['annual-talks', 'li-qiang']),
      mention('dual-use-goods', false, 10, ['dual-use-goods', 'annual-talks', 'sanctions']),
    ];
    expect(resolveShortForms(mentions)).toEqual([mentions[1], mentions[2], mentions[3], mentions[4]]);
    expect(resolveShortForms([])).toEqual([]);
  });
});
