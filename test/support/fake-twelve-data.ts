/**
 * A local Twelve Data: a real HTTP server answering `/time_series` and `/quote`, and a real WebSocket server
 * (the `ws` package) at `/v1/quotes/price`, in the service's documented formats (see
 * lib/sources/twelve-data-answers.ts and twelve-data-stream.ts for the pages): error bodies
 * `{"code","message","status":"error"}` for a wrong key (401), a missing parameter (400), an unknown symbol
 * (404) and the free tier's limits (429 after 8 credits in a clock minute or 800 in a UTC day, on the clock
 * given, so a test can run a day in a second). The messages are the service's wording as its users quote it.
 * Three fixture symbols misbehave on purpose: BADJSON answers an HTML page, BADNUM a close of "n/a", DOWN a
 * 500 error body. How the real stream refuses a bad key is not documented: this one answers the upgrade
 * with HTTP 401.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { twelveDataDailyBars, twelveDataIntervals, twelveDataListings } from './fake-twelve-data-fixtures.js';
import { closeServer, listenOnLoopback, sendJson } from './loopback.js';

export interface FakeTwelveDataOptions {
  apiKey: string;
  now?: () => number;
  perMinute?: number;
  perDay?: number;
  /** Send error bodies with HTTP 200 (as the service also does) instead of the code's own status. */
  errorsWithHttp200?: boolean;
  /** A stream that answers nothing: no pongs to pings, no reply to heartbeats (a dead peer). */
  silentStream?: boolean;
}

export interface FakeTwelveData {
  url: string;
  wsUrl: string;
  /** REST requests that reached the endpoints (the key masked). */
  requests: URL[];
  /** Messages received on the price stream, parsed. */
  streamMessages: unknown[];
  /** Price stream connections accepted so far. */
  connections: number;
  /** Sends a price event to the sockets subscribed to `instrument` (`SYMBOL:EXCHANGE`); returns how many. */
  pushPrice(instrument: string, price: number, timestampSeconds: number): number;
  /** Sends raw text to every open socket. */
  sendRaw(text: string): void;
  /** Closes every open socket from the server's side, as a network blip would. */
  dropSockets(): void;
  /** Answers the next `n` upgrade requests with HTTP 503. */
  refuseConnections(n: number): void;
  close(): Promise<void>;
}

const error = (code: number, message: string) => ({ code, message, status: 'error' });

export async function startFakeTwelveData(options: FakeTwelveDataOptions): Promise<FakeTwelveData> {
  const now = options.now ?? (() => Date.now());
  const perMinute = options.perMinute ?? 8;
  const perDay = options.perDay ?? 800;
  const requests: URL[] = [];
  const streamMessages: unknown[] = [];
  const counts = { minute: -1, inMinute: 0, day: -1, inDay: 0 };
  let refusals = 0;
  let connections = 0;
  const subscribed = new Map<WebSocket, Set<string>>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fail = (code: number, message: string) =>
      sendJson(res, options.errorsWithHttp200 ? 200 : code, error(code, message));
    if (url.searchParams.get('apikey') !== options.apiKey)
      return fail(
        401,
        '**apikey** parameter is incorrect or not specified. You can get your free API key instantly following this link: https://twelvedata.com/pricing.',
      );
    const masked = new URL(url);
    masked.searchParams.set('apikey', '***');
    requests.push(masked);
    const minute = Math.floor(now() / 60_000);
    const day = Math.floor(now() / 86_400_000);
    if (minute !== counts.minute) Object.assign(counts, { minute, inMinute: 0 });
    if (day !== counts.day) Object.assign(counts, { day, inDay: 0 });
    counts.inMinute += 1;
    counts.inDay += 1;
    if (counts.inDay > perDay)
      return fail(
        429,
        `You have run out of API credits for the day. ${counts.inDay} API credits were used, with the current limit being ${perDay}. Wait for the next day or consider switching to a higher tier plan at https://twelvedata.com/pricing`,
      );
    if (counts.inMinute > perMinute)
      return fail(
        429,
        `You have run out of API credits for the current minute. ${counts.inMinute} API credits were used, with the current limit being ${perMinute}. Wait for the next minute or consider switching to a higher tier plan at https://twelvedata.com/pricing`,
      );
    if (url.pathname !== '/time_series' && url.pathname !== '/quote') return fail(404, 'Not found');
    const symbol = url.searchParams.get('symbol');
    if (!symbol)
      return fail(400, '**symbol** parameter is missing or invalid. Please provide a valid symbol.');
    const listing = twelveDataListings[symbol];
    const exchange = url.searchParams.get('exchange');
    if (!listing || (exchange && exchange !== listing.exchange))
      return fail(
        404,
        `**symbol** not found: ${symbol}. Please specify it correctly according to API Documentation.`,
      );
    if (symbol === 'DOWN') return fail(500, 'Internal server error. Please try again later.');
    if (symbol === 'BADJSON') {
      res.setHeader('Content-Type', 'text/html');
      return res.end('<html><body>502 Bad Gateway</body></html>');
    }
    if (url.pathname === '/quote') {
      const close = symbol === 'BADNUM' ? 'n/a' : (listing.base + 2).toFixed(5);
      return sendJson(res, 200, {
        symbol,
        name: `${symbol} Inc`,
        exchange: listing.exchange,
        currency: listing.currency,
        datetime: '2024-03-01',
        timestamp: 1709269200,
        open: (listing.base + 1).toFixed(5),
        high: (listing.base + 3).toFixed(5),
        low: listing.base.toFixed(5),
        close,
        volume: '5000000',
        previous_close: (listing.base + 1).toFixed(5),
        change: '1.00000',
        percent_change: ((1 / (listing.base + 1)) * 100).toFixed(5),
        is_market_open: false,
      });
    }
    const interval = url.searchParams.get('interval') ?? '1day';
    if (!twelveDataIntervals.has(interval))
      return fail(
        400,
        `**interval** is not supported: ${interval}. Please specify it correctly according to API Documentation.`,
      );
    const size = Number(url.searchParams.get('outputsize') ?? 30);
    let values = twelveDataDailyBars(listing, Math.min(Math.max(1, size), 5000));
    const start = url.searchParams.get('start_date');
    const end = url.searchParams.get('end_date');
    values = values.filter((v) => (!start || v.datetime! >= start) && (!end || v.datetime! <= end));
    if (symbol === 'BADNUM') values[0]!.close = 'n/a';
    return sendJson(res, 200, {
      meta: {
        symbol,
        interval,
        currency: listing.currency,
        exchange_timezone: listing.exchange === 'TSX' ? 'America/Toronto' : 'America/New_York',
        exchange: listing.exchange,
        type: listing.type,
      },
      values,
      status: 'ok',
    });
  });

  const wss = new WebSocketServer({ noServer: true, autoPong: !options.silentStream });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: string) =>
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    if (url.pathname !== '/v1/quotes/price') return refuse('404 Not Found');
    if (url.searchParams.get('apikey') !== options.apiKey) return refuse('401 Unauthorized');
    if (refusals > 0) {
      refusals -= 1;
      return refuse('503 Service Unavailable');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections += 1;
      subscribed.set(ws, new Set());
      ws.on('close', () => subscribed.delete(ws));
      ws.on('message', (data) => onStreamMessage(ws, data.toString()));
    });
  });

  function onStreamMessage(ws: WebSocket, text: string) {
    let message: { action?: string; params?: { symbols?: string } };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return ws.send(
        JSON.stringify({ event: 'subscribe-status', status: 'error', messages: ['Cant parse message'] }),
      );
    }
    streamMessages.push(message);
    if (options.silentStream) return;
    if (message.action === 'heartbeat') return ws.send(JSON.stringify({ event: 'heartbeat', status: 'ok' }));
    if (message.action !== 'subscribe' && message.action !== 'unsubscribe') return;
    const mine = subscribed.get(ws)!;
    const success: object[] = [];
    const fails: object[] = [];
    for (const requested of (message.params?.symbols ?? '').split(',').filter(Boolean)) {
      const [symbol, exchange] = requested.split(':');
      const listing = twelveDataListings[symbol!];
      if (!listing || (exchange && exchange !== listing.exchange)) {
        fails.push({ symbol: requested });
        continue;
      }
      const id = `${symbol}:${listing.exchange}`;
      if (message.action === 'subscribe') mine.add(id);
      else mine.delete(id);
      success.push({ symbol, exchange: listing.exchange, country: listing.country, type: listing.type });
    }
    const status = fails.length === 0 ? 'ok' : success.length === 0 ? 'error' : 'warning';
    ws.send(JSON.stringify({ event: `${message.action}-status`, status, success, fails }));
  }

  const url = await listenOnLoopback(server);
  return {
    url,
    wsUrl: `${url.replace('http', 'ws')}/v1/quotes/price`,
    requests,
    streamMessages,
    get connections() {
      return connections;
    },
    pushPrice(instrument, price, timestampSeconds) {
      const [symbol, exchange] = instrument.split(':');
      const listing = twelveDataListings[symbol!]!;
      const event = {
        event: 'price',
        symbol,
        currency: listing.currency,
        exchange,
        type: listing.type,
        timestamp: timestampSeconds,
        price,
        day_volume: 27631112,
      };
      let sent = 0;
      for (const [ws, ids] of subscribed) {
        if (ids.has(instrument)) {
          ws.send(JSON.stringify(event));
          sent += 1;
        }
      }
      return sent;
    },
    sendRaw(text) {
      for (const ws of subscribed.keys()) ws.send(text);
    },
    dropSockets() {
      for (const ws of subscribed.keys()) ws.terminate();
    },
    refuseConnections(n) {
      refusals = n;
    },
    async close() {
      for (const ws of subscribed.keys()) ws.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}
