// A small valid story pack for the tests of importing, choosing and exporting packs (unit and
// browser); each test changes one thing at a time.

export function samplePack(id = 'harbour-strike', headline = 'Dockers strike at the harbour', aliases: string[] = ['Harbour']) {
  return {
    schemaVersion: 1,
    id,
    story: {
      headline,
      date: '2025-03-01',
      source: 'Test Wire',
      summary: ['Dock workers walked out.'],
      keyFigures: [] as string[],
      timeline: [{ date: '2025-03-01', text: 'The strike begins.' }],
      documents: [] as string[],
    },
    entities: [
      {
        id: 'harbour',
        category: 'place',
        name: 'The harbour',
        role: 'Where it happens',
        background: [] as { text: string; asOf: string }[],
        quotes: [] as string[],
        related: [] as string[],
        aliases: aliases.map((text) => ({ text, lang: 'en' })),
      },
    ],
  };
}
