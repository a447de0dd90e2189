/** The instruments and bars the local Twelve Data (fake-twelve-data.ts) serves. */

export interface Listing {
  exchange: string;
  country: string;
  type: string;
  currency: string;
  base: number;
}

/** The symbols this fake lists, by symbol; `exchange` is where it trades. */
export const twelveDataListings: Record<string, Listing> = {
  AAPL: { exchange: 'NASDAQ', country: 'United States', type: 'Common Stock', currency: 'USD', base: 180 },
  MSFT: { exchange: 'NASDAQ', country: 'United States', type: 'Common Stock', currency: 'USD', base: 400 },
  RY: { exchange: 'TSX', country: 'Canada', type: 'Common Stock', currency: 'CAD', base: 130 },
  BADJSON: { exchange: 'NASDAQ', country: 'United States', type: 'Common Stock', currency: 'USD', base: 1 },
  BADNUM: { exchange: 'NASDAQ', country: 'United States', type: 'Common Stock', currency: 'USD', base: 1 },
  DOWN: { exchange: 'NASDAQ', country: 'United States', type: 'Common Stock', currency: 'USD', base: 1 },
};

export const twelveDataIntervals = new Set([
  '1min',
  '5min',
  '15min',
  '30min',
  '45min',
  '1h',
  '2h',
  '4h',
  '1day',
  '1week',
  '1month',
]);

/** Weekdays ending 2024-03-01, newest first, as the service orders them. */
export function twelveDataDailyBars(listing: Listing, count: number) {
  const out: Record<string, string>[] = [];
  const day = new Date(Date.UTC(2024, 2, 1));
  for (let i = 0; out.length < count; i++) {
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) {
      const close = listing.base + (count - out.length);
      out.push({
        datetime: day.toISOString().slice(0, 10),
        open: (close - 0.5).toFixed(5),
        high: (close + 1).toFixed(5),
        low: (close - 1).toFixed(5),
        close: close.toFixed(5),
        volume: String(1_000_000 + out.length),
      });
    }
    day.setUTCDate(day.getUTCDate() - 1);
  }
  return out;
}
