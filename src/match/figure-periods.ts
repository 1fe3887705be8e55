// A story may give several percentages (growth in 2023, growth in January-July 2024). A percentage
// found on a page is tied to the one whose period the sentence names nearest to it.

export interface PeriodCues {
  years: ReadonlySet<number>;
  months: ReadonlySet<number>;
}

/**
 * Years and end months of a period written "2023", "2024-07" or "2024-01/2024-07". Only the ends
 * of a range are kept: that is how text names it ("between January and July").
 */
export function readPeriod(period: string): PeriodCues {
  const years = new Set<number>();
  const months = new Set<number>();
  for (const part of period.split('/')) {
    const [year, month] = part.trim().split('-');
    if (year && /^\d{4}$/.test(year)) years.add(Number(year));
    if (month && /^\d{2}$/.test(month)) {
      const number = Number(month);
      if (number >= 1 && number <= 12) months.add(number);
    }
  }
  return { years, months };
}

/** A year or month named in a sentence, with where it is written. */
export interface PeriodMention {
  start: number;
  end: number;
  /** The clause it is in (see numberSentences). */
  clause: number;
  year?: number;
  month?: number;
}

export function supports(cues: PeriodCues, mention: PeriodMention): boolean {
  if (mention.year !== undefined) return cues.years.has(mention.year);
  return mention.month !== undefined && cues.months.has(mention.month);
}
