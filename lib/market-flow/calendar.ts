/**
 * Time as epoch days (days since 1970-01-01 UTC, fractional for intraday timestamps), and the period a
 * time falls in at each frequency. Periods are integers that grow with time, so two series resampled to
 * the same frequency align on equal keys.
 */

export const frequencies = ['intraday', 'daily', 'weekly', 'monthly', 'quarterly', 'annual'] as const;
export type Frequency = (typeof frequencies)[number];

const msPerDay = 86_400_000;

/** `2024-03-01` or `2024-03-01T14:30:00Z` to epoch days; NaN when the text is not a date. */
export function epochDay(text: string): number {
  const iso = text.length === 10 ? `${text}T00:00:00Z` : text;
  return Date.parse(iso) / msPerDay;
}

/** Epoch days back to text: a date when the time is midnight, an ISO timestamp otherwise. */
export function formatEpochDay(day: number): string {
  const iso = new Date(Math.round(day * msPerDay)).toISOString();
  return Number.isInteger(day) ? iso.slice(0, 10) : iso;
}

/** Calendar months back from `day`, keeping the time of day and clamping the day of month (Mar 31 − 1M = Feb 29). */
export function subtractMonths(day: number, months: number): number {
  const date = new Date(Math.round(day * msPerDay));
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  const timeOfDay = day - Math.floor(day);
  return Math.round(target.getTime() / msPerDay) + timeOfDay;
}

/** The period `day` falls in: minutes, days, Monday-based weeks, months, quarters or years since 1970. */
export function periodKey(day: number, frequency: Frequency): number {
  switch (frequency) {
    case 'intraday':
      return Math.round(day * 1440);
    case 'daily':
      return Math.floor(day);
    case 'weekly':
      // Epoch day 0 was a Thursday; shifting by 3 starts each week on a Monday.
      return Math.floor((Math.floor(day) + 3) / 7);
    default: {
      const date = new Date(Math.floor(day) * msPerDay);
      const month = (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
      if (frequency === 'monthly') return month;
      return frequency === 'quarterly' ? Math.floor(month / 3) : Math.floor(month / 12);
    }
  }
}

/** Index of the last time at or before `day` in ascending `times`, -1 when there is none. */
export function lastIndexAtOrBefore(times: Float64Array, day: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
