import { describe, expect, it } from 'vitest';
import { pagePairs, type Pair } from './mention-pairs';

/** Each word of `forms`, separated by commas, must be a mention of `entityId` as written. */
function expectForms(forms: readonly string[], entityId: string): void {
  const text = forms.join(', ');
  expect(pagePairs(text)).toEqual(forms.map((form): Pair => [form, entityId]));
}

describe('Russian declension', () => {
  it('accepts the cases of a surname', () => {
    expectForms(['Мишустин', 'Мишустина', 'Мишустину', 'Мишустиным', 'Мишустине'], 'mikhail-mishustin');
    expectForms(['Путин', 'Путина', 'Путину', 'Путиным', 'Путине'], 'vladimir-putin');
  });

  it('declines every word of a multi-word alias', () => {
    expectForms(['Ли Цян', 'Ли Цяна', 'Ли Цяну', 'Ли Цяном'], 'li-qiang');
    expectForms(['Владимир Путин', 'Владимира Путина', 'Владимиру Путину', 'Владимиром Путиным'], 'vladimir-putin');
    expectForms(['Михаила Мишустина', 'Михаилом Мишустиным'], 'mikhail-mishustin');
    expectForms(['Российская Федерация', 'Российской Федерации', 'Российскую Федерацию'], 'russia');
  });

  it('accepts stems that change their final vowel or soft sign', () => {
    expectForms(['Россия', 'России', 'Россию', 'Россией'], 'russia');
    expectForms(['Москва', 'Москвы', 'Москве', 'Москву', 'Москвой'], 'moscow');
    expectForms(['Китай', 'Китая', 'Китаю', 'Китаем', 'Китае'], 'china');
    expectForms(['Кремль', 'Кремля', 'Кремлю', 'Кремле', 'Кремлем'], 'kremlin');
    expectForms(['Украина', 'Украины', 'Украине', 'Украину'], 'ukraine');
    expectForms(['Киев', 'Киева', 'Киеве'], 'kyiv');
  });

  it('counts adjective forms of Kursk ("Курская область")', () => {
    expectForms(['Курск', 'Курска', 'Курском', 'Курская', 'Курской', 'Курскую', 'Курский'], 'kursk');
    expect(pagePairs('бои в Курской области')).toEqual([['Курской', 'kursk']]);
  });

  it('covers the whole declined word and nothing after it', () => {
    const text = 'Встреча Мишустина и Ли Цяна.';
    expect(pagePairs(text)).toEqual([
      ['Мишустина', 'mikhail-mishustin'],
      ['Ли Цяна', 'li-qiang'],
    ]);
  });

  it('does not take derived words for the name', () => {
    // Adjectives and -isms are other words, as "Chinese" is not "China".
    expect(pagePairs('Путинизм, путинский режим, китайский рынок, российский газ, московский')).toEqual([]);
    expect(pagePairs('Китайская делегация и китайцы')).toEqual([]);
  });

  it('ignores stress marks', () => {
    expect(pagePairs('Мишусти\u0301на и Пу\u0301тина')).toEqual([
      ['Мишусти\u0301на', 'mikhail-mishustin'],
      ['Пу\u0301тина', 'vladimir-putin'],
    ]);
  });

  it('keeps short indeclinable words exact', () => {
    // "Си" does not decline, so "сие" (archaic "this") is not Xi.
    expect(pagePairs('Си Цзиньпин; сие')).toEqual([['Си Цзиньпин', 'xi-jinping']]);
    expect(pagePairs('Си Цзиньпина')).toEqual([['Си Цзиньпина', 'xi-jinping']]);
  });
});

describe('Ukrainian declension', () => {
  it('accepts the cases of names', () => {
    expectForms(['Мішустін', 'Мішустіна', 'Мішустіну', 'Мішустіним'], 'mikhail-mishustin');
    expectForms(['Путін', 'Путіна', 'Путіним'], 'vladimir-putin');
    expectForms(['Лі Цян', 'Лі Цяна', 'Лі Цяном'], 'li-qiang');
  });

  it('accepts places, including the і/е alternation of Київ', () => {
    expectForms(['Курськ', 'Курська', 'Курську', 'Курськом'], 'kursk');
    expectForms(['Україна', 'України', 'Україні', 'Україну', 'Україною'], 'ukraine');
    expectForms(['Росія', 'Росії', 'Росію', 'Росією'], 'russia');
    expectForms(['Київ', 'Києва', 'Києві'], 'kyiv');
    expectForms(['Китай', 'Китаю', 'Китаєм'], 'china');
  });

  it('counts Kursk region adjectives but not country adjectives', () => {
    expect(pagePairs('у Курській області; Курської області')).toEqual([
      ['Курській', 'kursk'],
      ['Курської', 'kursk'],
    ]);
    expect(pagePairs('китайський ринок, російська армія, путінський режим')).toEqual([]);
  });
});
