import { describe, expect, it } from 'vitest';
import { pagePairs } from './mention-pairs';

describe('case', () => {
  it('matches names whatever their case (en)', () => {
    expect(pagePairs('Western leaders and kyiv say so. PUTIN MEETS LI QIANG IN MOSCOW. putin')).toEqual([
      ['kyiv', 'kyiv'],
      ['PUTIN', 'vladimir-putin'],
      ['LI QIANG', 'li-qiang'],
      ['MOSCOW', 'moscow'],
      ['putin', 'vladimir-putin'],
    ]);
  });

  it('matches Cyrillic names in capitals, declined or not (ru, uk)', () => {
    expect(pagePairs('ПУТИН ПРИНЯЛ ЛИ ЦЯНА В КРЕМЛЕ')).toEqual([
      ['ПУТИН', 'vladimir-putin'],
      ['ЛИ ЦЯНА', 'li-qiang'],
      ['КРЕМЛЕ', 'kremlin'],
    ]);
    expect(pagePairs('ЛІ ЦЯН ПРИБУВ ДО МОСКВИ')).toEqual([
      ['ЛІ ЦЯН', 'li-qiang'],
      ['МОСКВИ', 'moscow'],
    ]);
  });

  it('takes a name that is also a common word only with its capital, where the pack says so', () => {
    // China the country, china the porcelain; the Kremlin of Moscow, the kremlin of another town.
    expect(pagePairs('Bone china from China. CHINA DAILY. The kremlin of Kazan; the Kremlin said.')).toEqual([
      ['China', 'china'],
      ['CHINA', 'china'],
      ['Kremlin', 'kremlin'],
    ]);
    expect(pagePairs('Казанский кремль. В Кремле сказали. КРЕМЛЬ. Новгородского кремля.')).toEqual([
      ['Кремле', 'kremlin'],
      ['КРЕМЛЬ', 'kremlin'],
    ]);
    // The other names of such an entity count in any case, as other names do.
    expect(pagePairs('Bone china, bought in китай')).toEqual([['китай', 'china']]);
  });

  it('treats ё and е alike (ru)', () => {
    expect(pagePairs('Встреча с Кремлём')).toEqual([['Кремлём', 'kremlin']]);
  });
});

describe('word boundaries', () => {
  it('never matches inside another word (en)', () => {
    expect(pagePairs('Lithium prices; Putintseva won; Xinjiang; Li Qiang')).toEqual([['Li Qiang', 'li-qiang']]);
    expect(pagePairs('Moscowitz and Kremlinology, Beijinger, Chinatown, Russian')).toEqual([]);
  });

  it('does not run on into digits written against a name', () => {
    expect(pagePairs('Putin2024 and 2024Putin, but Putin 2024')).toEqual([['Putin', 'vladimir-putin']]);
  });

  it('reads a word hyphenated with soft hyphens (invisible until a line breaks there) as the word', () => {
    // As pages that hyphenate long words write them: "Vladi&shy;mir", "Ми&shy;шу&shy;сти&shy;на".
    expect(pagePairs('Russian President Vladi\u00admir Putin met Ми\u00adшу\u00adсти\u00adна and Mishu\u00adstin\u00ad.')).toEqual([
      ['Vladi\u00admir Putin', 'vladimir-putin'],
      ['Ми\u00adшу\u00adсти\u00adна', 'mikhail-mishustin'],
      ['Mishu\u00adstin\u00ad', 'mikhail-mishustin'],
    ]);
    // A soft hyphen joins only what is one word: "Li\u00adQiang" is not "Li Qiang".
    expect(pagePairs('Li\u00adQiang and Putin\u00adtseva')).toEqual([]);
  });

  it('counts possessives, covering the name only (en)', () => {
    const text = "Putin's aide, Mishustin’s deputy and the Kremlin's view";
    expect(pagePairs(text)).toEqual([
      ['Putin', 'vladimir-putin'],
      ['Mishustin', 'mikhail-mishustin'],
      ['Kremlin', 'kremlin'],
    ]);
  });

  it('reads letters past an apostrophe as more of the word, a possessive or a contraction aside', () => {
    // Xi'an, the city, is no mention of Xi; "l'Ukraine" (French) is one of Ukraine.
    expect(pagePairs("Xi Jinping went to Xi'an and Xi’an; Xi's aides said Xi'd stay. Kyiv'in, l'Ukraine.")).toEqual([
      ['Xi Jinping', 'xi-jinping'],
      ['Xi', 'xi-jinping'],
      ['Xi', 'xi-jinping'],
      ['Ukraine', 'ukraine'],
    ]);
  });

  it('never matches inside another word (ru, uk)', () => {
    expect(pagePairs('Путинцева выиграла; Москвич; Кремлёвский; Путінізм')).toEqual([]);
  });

  it('lets names stand next to punctuation and other scripts', () => {
    expect(pagePairs('(Putin), «Путин», "Li Qiang"; 访问Moscow')).toEqual([
      ['Putin', 'vladimir-putin'],
      ['Путин', 'vladimir-putin'],
      ['Li Qiang', 'li-qiang'],
      ['Moscow', 'moscow'],
    ]);
  });

  it('reads a zero-width space (which editors leave in text) as the space it is', () => {
    expect(pagePairs('Premier Li \u200bQiang met\u200bPutin; Li\u200bQiang')).toEqual([
      ['Li \u200bQiang', 'li-qiang'],
      ['Putin', 'vladimir-putin'],
      ['Li\u200bQiang', 'li-qiang'],
    ]);
  });

  it('needs the whitespace of the alias: "LiQiang" is one other word', () => {
    expect(pagePairs('LiQiang and Li  Qiang and Li\nQiang')).toEqual([
      ['Li  Qiang', 'li-qiang'],
      ['Li\nQiang', 'li-qiang'],
    ]);
  });

  it('does not join a name across a blank line', () => {
    expect(pagePairs('Meeting with Li\n\nQiang')).toEqual([]);
  });
});

describe('Chinese word boundaries', () => {
  it('finds names inside a run of Han characters', () => {
    expect(pagePairs('李强总理访问莫斯科')).toEqual([
      ['李强', 'li-qiang'],
      ['莫斯科', 'moscow'],
    ]);
    expect(pagePairs('俄罗斯总统普京在克里姆林宫会见中国总理李强。')).toEqual([
      ['俄罗斯', 'russia'],
      ['普京', 'vladimir-putin'],
      ['克里姆林宫', 'kremlin'],
      ['中国', 'china'],
      ['李强', 'li-qiang'],
    ]);
  });

  it('rejects a hit that word segmentation splits differently', () => {
    // 小李|强调: "Xiao Li stressed"; 李强 would end inside 强调.
    expect(pagePairs('小李强调')).toEqual([]);
    // 中国人 is "Chinese person", not China.
    expect(pagePairs('中国人')).toEqual([]);
  });

  it('does not take another person for Li Qiang', () => {
    expect(pagePairs('李显龙')).toEqual([]);
  });

  it('keeps a name followed by a conjunction the segmenter glues to it', () => {
    // Segmented 习|近|平和|普|京, yet 和 ("and") is a word of its own.
    expect(pagePairs('习近平和普京会晤')).toEqual([
      ['习近平', 'xi-jinping'],
      ['普京', 'vladimir-putin'],
    ]);
  });

  it('matches names written against digits and Latin letters', () => {
    expect(pagePairs('2024年8月李强访问俄罗斯')).toEqual([
      ['李强', 'li-qiang'],
      ['俄罗斯', 'russia'],
    ]);
  });

  it('does not match across a space inside a Chinese name', () => {
    expect(pagePairs('李 强')).toEqual([]);
  });
});
