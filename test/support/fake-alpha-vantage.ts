/**
 * A local Alpha Vantage answering `/query?function=FX_DAILY` in the documented format (see
 * lib/sources/alpha-vantage-fx.ts), every answer HTTP 200 as the service does, errors included: a wrong
 * key or an unknown currency gets an "Error Message", and the free key's 25 requests a day (counted on the
 * clock given, per UTC day) are enforced with the service's "Information" notice. Currency codes that
 * misbehave on purpose: LIM answers the older per-minute "Note", BST the burst notice, HTM an HTML page,
 * BAD a close of "abc".
 */
import { createServer } from 'node:http';
import { closeServer, listenOnLoopback, sendJson } from './loopback.js';

export interface FakeAlphaVantage {
  url: string;
  requests: URL[];
  close(): Promise<void>;
}

/** Rates of the fixture pairs: `base + step × k` on the k-th weekday from 2024-01-01 (150 weekdays). */
const pairs: Record<string, { base: number; step: number }> = {
  'EUR/USD': { base: 1.1, step: 0.001 },
  'USD/JPY': { base: 140, step: 0.1 },
  'BAD/USD': { base: 1, step: 0 },
};

export function fxFixture(pair: string) {
  const spec = pairs[pair]!;
  const rows: { date: string; close: number }[] = [];
  const day = new Date(Date.UTC(2024, 0, 1));
  while (rows.length < 150) {
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6)
      rows.push({ date: day.toISOString().slice(0, 10), close: spec.base + spec.step * rows.length });
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return rows;
}

export async function startFakeAlphaVantage(options: {
  apiKey: string;
  now?: () => number;
  perDay?: number;
}): Promise<FakeAlphaVantage> {
  const now = options.now ?? (() => Date.now());
  const requests: URL[] = [];
  const today = { day: -1, count: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const q = (name: string) => url.searchParams.get(name) ?? '';
    if (q('apikey') !== options.apiKey)
      return sendJson(res, 200, {
        'Error Message':
          'the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key). It should take less than 20 seconds.',
      });
    const day = Math.floor(now() / 86_400_000);
    if (day !== today.day) Object.assign(today, { day, count: 0 });
    today.count += 1;
    if (today.count > (options.perDay ?? 25))
      return sendJson(res, 200, {
        Information:
          'Thank you for using Alpha Vantage! Our standard API rate limit is 25 requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.',
      });
    const from = q('from_symbol');
    if (from === 'LIM')
      return sendJson(res, 200, {
        Note: 'Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day. Please visit https://www.alphavantage.co/premium/ if you would like to target a higher API call frequency.',
      });
    if (from === 'BST')
      return sendJson(res, 200, {
        Information:
          'Thank you for using Alpha Vantage! Please consider spreading out your free API requests more sparingly (1 request per second). You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to lift the free key rate limit (25 requests per day), raise the per-minute rate limit, and remove the per-second burst rate limit.',
      });
    if (from === 'HTM') {
      res.setHeader('Content-Type', 'text/html');
      return res.end('<html><body>Bad gateway</body></html>');
    }
    const pair = `${from}/${q('to_symbol')}`;
    if (q('function') !== 'FX_DAILY' || !pairs[pair])
      return sendJson(res, 200, {
        'Error Message':
          'Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for FX_DAILY.',
      });
    const rows = fxFixture(pair);
    const shown = q('outputsize') === 'full' ? rows : rows.slice(-100);
    const series = Object.fromEntries(
      shown.reverse().map(({ date, close }) => [
        date,
        {
          '1. open': (close - 0.0005).toFixed(5),
          '2. high': (close + 0.001).toFixed(5),
          '3. low': (close - 0.001).toFixed(5),
          '4. close': pair === 'BAD/USD' ? 'abc' : close.toFixed(5),
        },
      ]),
    );
    return sendJson(res, 200, {
      'Meta Data': {
        '1. Information': 'Forex Daily Prices (open, high, low, close)',
        '2. From Symbol': from,
        '3. To Symbol': q('to_symbol'),
        '4. Output Size': q('outputsize') === 'full' ? 'Full size' : 'Compact',
        '5. Last Refreshed': rows.at(-1)!.date,
        '6. Time Zone': 'UTC',
      },
      'Time Series FX (Daily)': series,
    });
  });
  const url = await listenOnLoopback(server);
  return { url: `${url}/query`, requests, close: () => closeServer(server) };
}
