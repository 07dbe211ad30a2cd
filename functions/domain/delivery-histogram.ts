/**
 * The histograms of learned delivery times (domain/delivery-learning), on their own: a store or a
 * function that only reads an aggregate loads no date library.
 */
export type Histogram = Record<number, number>;

/** Weeks counted: the current one and the eight before, so 57–63 days (about 60). */
export const learningWeeks = 9;

/** Days above this count as this (a histogram with a bounded set of buckets). */
export const maxLearnedDays = 15;

/** Weeks since the epoch, Monday to Sunday, of a calendar day. */
export const weekOf = (day: string): number => Math.floor((Date.parse(`${day}T00:00:00Z`) / 86_400_000 + 3) / 7);

/** The attribute a sample counts in, on its aggregate item: `w<week>_<days>` (handling) or `w<week>_<service>_<days>` (transit). */
export const sampleAttribute = (sample: { week: number; days: number; service?: string }) => `w${sample.week}${sample.service ? `_${sample.service}` : ''}_${sample.days}`;

/** The histogram of an aggregate item's weeks still inside the window at `now` (every service together). */
export function histogramOf(item: Record<string, unknown> | undefined, now: Date): Histogram {
  const histogram: Histogram = {};
  const from = weekOf(now.toISOString().slice(0, 10)) - learningWeeks + 1;
  for (const [name, value] of Object.entries(item ?? {})) {
    const match = /^w(\d+)_(?:.*_)?(\d+)$/.exec(name);
    if (!match || typeof value !== 'number' || Number(match[1]) < from) continue;
    const days = Number(match[2]);
    histogram[days] = (histogram[days] ?? 0) + value;
  }
  return histogram;
}

export const sampleSize = (histogram: Histogram) => Object.values(histogram).reduce((total, n) => total + n, 0);

/** The smallest number of days at or below which at least share `p` of the samples fall. */
export function percentileOf(histogram: Histogram, p: number): number {
  const n = sampleSize(histogram);
  let seen = 0;
  for (const days of Object.keys(histogram).map(Number).sort((a, b) => a - b)) {
    seen += histogram[days] ?? 0;
    if (seen >= p * n - 1e-9) return days;
  }
  return 0;
}
