import { describe, expect, it } from 'vitest';
import { PagePretest, compileMatcher, preparePretest } from '../../../src/match';
import { parsePhrase } from '../../../src/match/phrase-trie';
import { FIXTURE_ENTITIES, FIXTURE_PACK, inventedPerson, lettered, packOf } from './fixture-pack';

const matcher = compileMatcher(FIXTURE_PACK);
/** Far more than the longest name between two words. */
const FILLER = ' The weather was mild and the markets were quiet.'.repeat(10);

describe('mightMention', () => {
  it('passes pages that name the story in any language', () => {
    for (const text of [
      'He met Li Qiang.',
      'LI QIANG',
      'Встреча Мишустина',
      'Мішустіним',
      'у Києві',
      '李强总理',
      'Chinese and Russian trade grew 1.6%',
      '中俄贸易',
      'Mi\u0301shustin? no: Мишусти\u0301н has a stress mark',
      'Mishu\u00adstin, hyphenated',
      'Ми\u00adшу\u00adсти\u00adна',
    ]) {
      expect(matcher.mightMention(text), text).toBe(true);
    }
  });

  it('rules out pages with nothing to find', () => {
    for (const text of [
      '',
      'Hello world, nothing here.',
      'Li Na won the Open; President Xi is not named in full.',
      // An alias withRelated needs a related entity named in full, which passes on its own.
      'Japan and Korea held annual talks.',
      'International news from the United Nations.',
      'Chinese cuisine is popular.',
      'Погода в Берлине',
      '今天天气很好',
      // The names' letters inside other words: no word of the story starts there.
      'function getCookieValue(name) { return document.cookie; }',
      'Casino night; the Russo-Japanese War',
      'Запишите ответ: примишустинка не слово.',
      // The words of one name ("Chinese Foreign Ministry"), each somewhere: only the parties to
      // trade may be apart.
      `The Chinese ministry spoke.${FILLER} Foreign guests drank Chinese tea.`,
    ]) {
      expect(matcher.mightMention(text), text).toBe(false);
    }
    expect(matcher.mightMention(`Chinese food.${FILLER} Russian trade.`)).toBe(true);
  });

  it('is compiled once per pack', () => {
    expect(compileMatcher(FIXTURE_PACK)).toBe(matcher);
  });
});

describe('a pre-test written down', () => {
  it('reads as one only in the form it is written in', () => {
    for (const text of [
      'some', 'always', 'some\nharbour', 'some\n&chinese russian\n~李强 li=li,ли\nмишустин=мишустин,мішустін',
      'some\n?harbour ~李强 qiang\nharbour\n~李强\nqiang li',
    ]) {
      expect(PagePretest.readPrepared(text), text).not.toBeNull();
    }
    for (const text of [
      undefined, 42, '', 'sometimes', 'some\n', 'some\n=li', 'some\nli=', 'some\nli  qiang', 'some\nli,qiang', 'some\n&', 'some\n~',
      'some\n?', 'some\n?&li\nli', 'some\nli\n?li', 'some\n?li\n?li', 'some\nli?',
    ]) {
      expect(PagePretest.readPrepared(text), String(text)).toBeNull();
    }
  });

  it('reads only the requirements of the words its RegExp finds on a page', () => {
    const people = Array.from({ length: 3_000 }, (_, index) => inventedPerson(index, [{ text: `Anton Karov${lettered(index)}`, lang: 'en' }]));
    const written = preparePretest(packOf([...FIXTURE_ENTITIES, ...people]));
    const requirementsRead = (pretest: PagePretest) => (pretest as unknown as { needs: unknown[] }).needs.length;
    for (const [page, passes] of [
      ['Anton Karovcd spoke first.', true],
      [`Anton Karovcd${FILLER}`, true],
      ['Karovcd spoke first.', false],
      ['Anton Karov spoke first.', false],
    ] as const) {
      const pretest = PagePretest.fromPrepared(written);
      expect(pretest.mightContain(page), page).toBe(passes);
      expect(requirementsRead(pretest), page).toBeLessThan(5);
    }
  });

  it('passes the pages of what it was read from and of what was added to it', () => {
    const pretest = PagePretest.fromPrepared('some\n?harbour\nharbour');
    pretest.addPhrase(parsePhrase('Quayside strike', 'alias'));
    expect(pretest.prepared()).toBe('some\n?harbour quayside\nharbour\nquayside strike');
    for (const [page, passes] of [['The harbour.', true], ['A quayside strike.', true], ['A strike.', false], ['The quay.', false]] as const) {
      expect(pretest.mightContain(page), page).toBe(passes);
    }
  });
});
