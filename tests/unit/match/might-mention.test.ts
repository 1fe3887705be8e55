import { describe, expect, it } from 'vitest';
import { PagePretest, compileMatcher } from '../../../src/match';
import { FIXTURE_PACK } from './fixture-pack';

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
    ]) {
      expect(matcher.mightMention(text), text).toBe(true);
    }
  });

  it('rules out pages with nothing to find', () => {
    for (const text of [
      '',
      'Hello world, nothing here.',
      'Li Na won the Open; President Xi is not named in full.',
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
    for (const text of ['some', 'always', 'some\nharbour', 'some\n&chinese russian\n~李强 li=li,ли\nмишустин=мишустин,мішустін']) {
      expect(PagePretest.readPrepared(text), text).not.toBeNull();
    }
    for (const text of [undefined, 42, '', 'sometimes', 'some\n', 'some\n=li', 'some\nli=', 'some\nli  qiang', 'some\nli,qiang', 'some\n&', 'some\n~']) {
      expect(PagePretest.readPrepared(text), String(text)).toBeNull();
    }
  });
});
