// Every mention a careful reader would mark in assets/demo/article.txt with the seed pack, in
// order, reviewed against the article. Descriptions that are not names ("the Chinese premier",
// "the Russian prime minister", "a senior Chinese official") are not marked; "Chinese" and
// "Russian" are adjectives, not the countries. Where a longer name holds a shorter one, the
// longer is the mention ("war in Ukraine", not "Ukraine").
export const SEED_ARTICLE_EXPECTED: readonly (readonly [text: string, entityId: string])[] = [
  // Russian President Vladimir Putin hailed flourishing trade re…
  ['Vladimir Putin', 'vladimir-putin'],
  ['China', 'china'],
  ['Moscow', 'moscow'],
  // Addressing Chinese Premier Li Qiang, Putin said that large-s…
  ['Li Qiang', 'li-qiang'],
  ['Putin', 'vladimir-putin'],
  ['Russia', 'russia'],
  ['China', 'china'],
  ['Kremlin', 'kremlin'],
  // Li, China's number two under leader Xi Jinping, traveled to …
  ['Li', 'li-qiang'], // short form
  ['China', 'china'],
  ['Xi Jinping', 'xi-jinping'],
  ['Moscow', 'moscow'],
  ['Kremlin', 'kremlin'],
  ['Beijing', 'beijing'],
  ['Ukraine', 'ukraine'],
  // In his speech to Putin, the Chinese premier praised the effo…
  ['Putin', 'vladimir-putin'],
  ['Xi', 'xi-jinping'], // short form
  // Li's four-day trip, which will include a stop in Russia's al…
  ['Li', 'li-qiang'], // short form
  ['Russia', 'russia'],
  ['Belarus', 'belarus'],
  ['Russia', 'russia'],
  ['Kremlin', 'kremlin'],
  ['Ukraine', 'ukraine'],
  ['Kursk', 'kursk'],
  // Russia is struggling to repel the assault, which marks the f…
  ['Russia', 'russia'],
  ['World War II', 'world-war-ii'],
  ['war in Ukraine', 'war-in-ukraine'],
  ['Russia', 'russia'],
  ['full-scale invasion', 'war-in-ukraine'], // short form
  // The Kremlin has become increasingly dependent on the Chinese…
  ['Kremlin', 'kremlin'],
  ['international sanctions', 'sanctions'],
  ['Moscow', 'moscow'],
  ['Beijing', 'beijing'],
  // During his meeting with Russian Prime Minister Mikhail Mishu…
  ['Mikhail Mishustin', 'mikhail-mishustin'],
  ['Li', 'li-qiang'], // short form
  ['China', 'china'],
  ['Russia', 'russia'],
  // Some countries are hindering the collective rise of emerging…
  ['United States', 'united-states'],
  // An official report of the meeting released by the Chinese Fo…
  ['Chinese Foreign Ministry', 'chinese-foreign-ministry'],
  ['war in Ukraine', 'war-in-ukraine'],
  // Addressing Li, Mishustin said that Russia and China are in a…
  ['Li', 'li-qiang'], // short form
  ['Mishustin', 'mikhail-mishustin'],
  ['Russia', 'russia'],
  ['China', 'china'],
  ['sanctions', 'sanctions'], // short form
  ['Russia', 'russia'],
  ['China', 'china'],
  // Beijing faces increasing Western scrutiny and pressure to li…
  ['Beijing', 'beijing'],
  ['dual-use goods', 'dual-use-goods'],
  ['Russia', 'russia'],
  ['kyiv', 'kyiv'],
  ['Russia', 'russia'],
  // Chinese officials have sought to portray the country as neut…
  ['kyiv', 'kyiv'],
  ['Moscow', 'moscow'],
  // Last month, China hosted a senior Ukrainian official for the…
  ['China', 'china'],
  ['Russia', 'russia'],
  // Last week, in response to a media inquiry on the situation i…
  ['Kursk', 'kursk'],
  ['Chinese Foreign Ministry', 'chinese-foreign-ministry'],
  ['China', 'china'],
  // Wednesday's meeting between Li and Mishustin is part of annu…
  ['Li', 'li-qiang'], // short form
  ['Mishustin', 'mikhail-mishustin'],
  ['annual talks', 'annual-talks'],
  ['Xi', 'xi-jinping'], // short form
  ['Putin', 'vladimir-putin'],
  // Trade between China and Russia hit record highs last year, s…
  ['China', 'china'],
  ['Russia', 'russia'],
  ['$240 billion', 'trade-target-240bn'],
  ['Russia', 'russia'],
  ['international sanctions', 'sanctions'],
  ['invasion of Ukraine', 'war-in-ukraine'],
  // Bilateral trade increased by more than a quarter year-on-yea…
  ['more than a quarter', 'trade-growth-2023'],
  ['1.6%', 'trade-growth-2024'],
  ['Chinese customs', 'chinese-customs'],
  // Li is expected to end his four-day trip in Belarus, where he…
  ['Li', 'li-qiang'], // short form
  ['Belarus', 'belarus'],
  ['Roman Golovchenko', 'roman-golovchenko'],
  ['Chinese Foreign Ministry', 'chinese-foreign-ministry'],
];
