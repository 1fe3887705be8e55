import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from './fake-browser';

vi.mock('../../../src/lib/browser', async () => ({ default: (await import('./fake-browser')).fakeBrowser }));

const { formatStoryDate, plural, t } = await import('../../../src/lib/i18n');

beforeEach(() => resetFakeBrowser());

describe('messages', () => {
  it('fill in their placeholders', () => {
    expect(t('popupPageMentions', ['7', '18'])).toBe('Mentions 7 of 18 story entities');
    fakeBrowser.i18n.language = 'ru';
    expect(t('popupPageMentions', ['7', '18'])).toBe('Упоминает 7 из 18 объектов сюжета');
  });

  it('fall back to the key, so a missing message shows up rather than an empty space', () => {
    expect(t('noSuchMessage')).toBe('noSuchMessage');
  });
});

describe('plural messages', () => {
  it('pick the English singular and plural', () => {
    expect(plural('badgeTitle', 1)).toBe('Backstory: 1 mention of the story on this page');
    expect(plural('badgeTitle', 12)).toBe('Backstory: 12 mentions of the story on this page');
    expect(plural('badgeTitle', 1234)).toBe('Backstory: 1,234 mentions of the story on this page');
  });

  it('read for every Russian number, including the forms that fall back to _other', () => {
    fakeBrowser.i18n.language = 'ru';
    expect(plural('popupMentionTotal', 1)).toBe('Всего 1 упоминание');
    expect(plural('popupMentionTotal', 21)).toBe('Всего 21 упоминание');
    expect(plural('popupMentionTotal', 3)).toBe('Всего упоминаний: 3');
    expect(plural('popupMentionTotal', 11)).toBe('Всего упоминаний: 11');
  });

  it('use one form in Chinese', () => {
    fakeBrowser.i18n.language = 'zh-CN';
    expect(plural('optionsPackEntities', 1)).toBe('1 个实体');
    expect(plural('optionsPackEntities', 26)).toBe('26 个实体');
  });
});

describe('story dates', () => {
  it('are written the reader’s way, as precise as the story gives them', () => {
    expect(formatStoryDate('2024-08-21')).toBe('August 21, 2024');
    expect(formatStoryDate('2024-07')).toBe('July 2024');
    expect(formatStoryDate('1996')).toBe('1996');
    fakeBrowser.i18n.language = 'ru';
    expect(formatStoryDate('2024-08-21')).toBe('21 августа 2024 г.');
  });
});
