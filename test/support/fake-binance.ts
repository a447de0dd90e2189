/**
 * A local Binance spot REST server for `GET /api/v3/klines`, in the documented formats (see
 * lib/sources/binance-answers.ts): klines as arrays of 12 fields, oldest first, `startTime`/`endTime`/
 * `limit` (default 500, at most 1000) honoured; `{"code","msg"}` errors (-1121 invalid symbol, -1120
 * invalid interval, -1130 invalid limit); `X-MBX-USED-WEIGHT-1M` on every answer, 2 per klines request,
 * counted per clock minute on the clock given; 429 with `Retry-After` past the weight limit, and 418 (a ban)
 * for a client that keeps asking after `banAfter` 429s in a minute. The -1003 messages are the service's
 * wording as its users quote it. BADROWUSDT answers a row with a non-number, HTMLUSDT an HTML page.
 */
import { createServer } from 'node:http';
import { closeServer, listenOnLoopback, sendJson } from './loopback.js';

const intervalMs: Record<string, number> = {
  '1s': 1_000,
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '8h': 28_800_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
  '3d': 259_200_000,
  '1w': 604_800_000,
};

/** Listed symbols: the first kline opens at `listed`, closes rise by `step` per kline from `base`. */
export const binanceListings: Record<string, { listed: number; base: number; step: number }> = {
  BTCUSDT: { listed: Date.UTC(2024, 0, 1), base: 40_000, step: 10 },
  ETHUSDT: { listed: Date.UTC(2024, 0, 1), base: 2_000, step: 1 },
  BADROWUSDT: { listed: Date.UTC(2024, 0, 1), base: 1, step: 1 },
  HTMLUSDT: { listed: Date.UTC(2024, 0, 1), base: 1, step: 1 },
};

export interface FakeBinanceOptions {
  now?: () => number;
  weightPerMinute?: number;
  /** 429s answered in one minute before the next request is answered 418 (default 3). */
  banAfter?: number;
  /** Seconds of the ban a 418 announces (default 120, the documented shortest). */
  banSeconds?: number;
}

export interface FakeBinance {
  url: string;
  requests: URL[];
  close(): Promise<void>;
}

/** The k-th kline of a listing at an interval, as the service writes it. */
function kline(listing: { listed: number; base: number; step: number }, ms: number, k: number) {
  const openTime = listing.listed + k * ms;
  const close = listing.base + listing.step * k;
  return [
    openTime,
    (close - listing.step / 2).toFixed(8),
    (close + listing.step).toFixed(8),
    (close - listing.step).toFixed(8),
    close.toFixed(8),
    '12.50000000',
    openTime + ms - 1,
    (12.5 * close).toFixed(8),
    100 + k,
    '6.25000000',
    (6.25 * close).toFixed(8),
    '0',
  ];
}

export async function startFakeBinance(options: FakeBinanceOptions = {}): Promise<FakeBinance> {
  const now = options.now ?? (() => Date.now());
  const limit = options.weightPerMinute ?? 6_000;
  const banAfter = options.banAfter ?? 3;
  const requests: URL[] = [];
  const minute = { index: -1, weight: 0, refused: 0 };
  let bannedUntil = 0;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const t = now();
    if (Math.floor(t / 60_000) !== minute.index)
      Object.assign(minute, { index: Math.floor(t / 60_000), weight: 0, refused: 0 });
    if (t < bannedUntil) {
      res.setHeader('Retry-After', String(Math.ceil((bannedUntil - t) / 1000)));
      return sendJson(res, 418, {
        code: -1003,
        msg: `Way too much request weight used; IP banned until ${bannedUntil}. Please use WebSocket Streams for live updates to avoid bans.`,
      });
    }
    minute.weight += 2;
    res.setHeader('X-MBX-USED-WEIGHT-1M', String(minute.weight));
    if (minute.weight > limit) {
      minute.refused += 1;
      if (minute.refused > banAfter) {
        bannedUntil = t + (options.banSeconds ?? 120) * 1000;
        res.setHeader('Retry-After', String(options.banSeconds ?? 120));
        return sendJson(res, 418, {
          code: -1003,
          msg: `Way too much request weight used; IP banned until ${bannedUntil}. Please use WebSocket Streams for live updates to avoid bans.`,
        });
      }
      res.setHeader('Retry-After', String(Math.ceil(((minute.index + 1) * 60_000 - t) / 1000)));
      return sendJson(res, 429, {
        code: -1003,
        msg: `Too many requests; current limit of IP(127.0.0.1) is ${limit} requests per minute. Please use WebSocket Streams for live updates to avoid polling the API.`,
      });
    }
    if (url.pathname !== '/api/v3/klines') return sendJson(res, 404, { code: -1000, msg: 'Not found.' });
    const listing = binanceListings[url.searchParams.get('symbol') ?? ''];
    if (!listing) return sendJson(res, 400, { code: -1121, msg: 'Invalid symbol.' });
    const ms = intervalMs[url.searchParams.get('interval') ?? ''];
    if (!ms) return sendJson(res, 400, { code: -1120, msg: 'Invalid interval.' });
    const count = Number(url.searchParams.get('limit') ?? 500);
    if (!Number.isInteger(count) || count < 1 || count > 1000)
      return sendJson(res, 400, { code: -1130, msg: "Data sent for parameter 'limit' is not valid." });
    const symbol = url.searchParams.get('symbol')!;
    if (symbol === 'HTMLUSDT') {
      res.setHeader('Content-Type', 'text/html');
      return res.end('<html>Service temporarily unavailable</html>');
    }
    // Klines that have opened by now; startTime/endTime select by open time, inclusive.
    const lastOpened = Math.floor((t - listing.listed) / ms);
    const start = url.searchParams.get('startTime');
    const end = url.searchParams.get('endTime');
    const first = start ? Math.max(0, Math.ceil((Number(start) - listing.listed) / ms)) : undefined;
    const last = Math.min(lastOpened, end ? Math.floor((Number(end) - listing.listed) / ms) : lastOpened);
    const from = first ?? Math.max(0, last - count + 1);
    const rows = [];
    for (let k = from; k <= last && rows.length < count; k++) rows.push(kline(listing, ms, k));
    if (symbol === 'BADROWUSDT' && rows[1]) rows[1][4] = 'abc';
    return sendJson(res, 200, rows);
  });

  const url = await listenOnLoopback(server);
  return { url, requests, close: () => closeServer(server) };
}
