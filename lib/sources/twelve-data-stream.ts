/**
 * Twelve Data's real-time price stream over a WebSocket (the `ws` package), in its documented protocol
 * (https://twelvedata.com/docs/llms/websocket/ws-real-time-price.md):
 *  - connect to `wss://ws.twelvedata.com/v1/quotes/price?apikey=...`;
 *  - send `{"action":"subscribe","params":{"symbols":"AAPL:NASDAQ,EUR/USD"}}` (the exchange may follow the
 *    symbol after a colon, which is this product's `SYMBOL:EXCHANGE`), `"action":"unsubscribe"` alike, and
 *    `{"action":"heartbeat"}` about every 10 seconds to keep the connection stable;
 *  - receive `{"event":"subscribe-status","status","success":[{symbol,exchange,...}],"fails":[...]}` and
 *    `{"event":"price","symbol","exchange","timestamp" (UNIX seconds),"price","day_volume"?,"bid"?,"ask"?}`.
 * The connection is watched with protocol pings (a peer must answer a ping with a pong, RFC 6455 5.5.2):
 * one unanswered ping ends it. A lost connection is reopened with exponential backoff and every
 * subscription is sent again; a refused handshake (401/403) is reported and not retried. Nothing the
 * server sends can throw out of this client: a malformed message is reported through `onError`.
 */
import WebSocket, { type RawData } from 'ws';
import { parseInstrumentId } from '../risk/instrument-id.js';
import { MissingApiKeyError } from './http-json.js';
import { excerpt } from './http-answer.js';
import {
  SourceAnswerError,
  SourceRefusedError,
  SourceUnavailableError,
  type SourceError,
} from './source-errors.js';

const service = 'Twelve Data stream';
export const twelveDataStreamUrl = 'wss://ws.twelvedata.com/v1/quotes/price';

export interface PriceTick {
  /** `SYMBOL:EXCHANGE`, as subscribed. */
  instrument: string;
  price: number;
  /** Epoch milliseconds. */
  timestamp: number;
  dayVolume?: number;
  bid?: number;
  ask?: number;
}

export interface SubscriptionStatus {
  event: 'subscribe-status' | 'unsubscribe-status';
  succeeded: string[];
  failed: string[];
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export interface TwelveDataStreamOptions {
  apiKey?: string;
  /** Default `wss://ws.twelvedata.com/v1/quotes/price`. */
  url?: string;
  onPrice: (tick: PriceTick) => void;
  onStatus?: (status: SubscriptionStatus) => void;
  onError?: (err: SourceError) => void;
  /** `open` once connected; `closed` with the delay before the next attempt (undefined: no retry). */
  onConnection?: (
    event: { state: 'open' } | { state: 'closed'; attempt: number; retryInMs?: number },
  ) => void;
  /** Heartbeat and ping period (default 10 s, as the documentation recommends). */
  heartbeatMs?: number;
  backoff?: Partial<Backoff>;
}

export interface TwelveDataStream {
  subscribe(instruments: readonly string[]): void;
  unsubscribe(instruments: readonly string[]): void;
  readonly subscriptions: string[];
  readonly connected: boolean;
  close(): Promise<void>;
}

export const defaultBackoff: Backoff = { initialMs: 1_000, maxMs: 60_000, factor: 2 };

/** The n-th retry's delay (n from 0): initial * factor^n, at most max. */
export const backoffDelay = (b: Backoff, attempt: number) =>
  Math.min(b.maxMs, b.initialMs * b.factor ** attempt);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function openTwelveDataStream(options: TwelveDataStreamOptions): TwelveDataStream {
  if (!options.apiKey) throw new MissingApiKeyError('Twelve Data', 'TWELVE_DATA_API_KEY');
  const url = new URL(options.url ?? twelveDataStreamUrl);
  url.searchParams.set('apikey', options.apiKey);
  const backoff = { ...defaultBackoff, ...options.backoff };
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const report = (err: SourceError) => options.onError?.(err);
  const wanted = new Set<string>();
  let socket: WebSocket | undefined;
  let closing = false;
  let refused = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  const send = (message: object) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };
  const symbolsMessage = (action: 'subscribe' | 'unsubscribe', ids: string[]) =>
    send({ action, params: { symbols: ids.join(',') } });

  /** The subscribed instrument a price event is for: exact `SYMBOL:EXCHANGE`, else the only one with that symbol. */
  function instrumentOf(symbol: string, exchange: unknown): string | undefined {
    const exact = typeof exchange === 'string' ? `${symbol}:${exchange}`.toUpperCase() : undefined;
    if (exact && wanted.has(exact)) return exact;
    const bySymbol = [...wanted].filter((id) => id.startsWith(`${symbol.toUpperCase()}:`));
    return bySymbol.length === 1 ? bySymbol[0] : undefined;
  }

  function onMessage(data: RawData) {
    const text = data.toString();
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return report(
        new SourceAnswerError(service, `${service} sent a message that is not JSON: ${excerpt(text)}`),
      );
    }
    if (!isRecord(message))
      return report(new SourceAnswerError(service, `${service} sent ${excerpt(text)}, not an event object`));
    if (message.event === 'price') {
      const { symbol, price, timestamp } = message;
      if (typeof symbol !== 'string' || typeof price !== 'number' || typeof timestamp !== 'number')
        return report(
          new SourceAnswerError(
            service,
            `${service} sent a price event without symbol, price and timestamp: ${excerpt(text)}`,
          ),
        );
      const instrument = instrumentOf(symbol, message.exchange);
      if (!instrument) return; // a symbol this client no longer follows
      const tick: PriceTick = { instrument, price, timestamp: timestamp * 1000 };
      if (typeof message.day_volume === 'number') tick.dayVolume = message.day_volume;
      if (typeof message.bid === 'number') tick.bid = message.bid;
      if (typeof message.ask === 'number') tick.ask = message.ask;
      return options.onPrice(tick);
    }
    if (message.event === 'subscribe-status' || message.event === 'unsubscribe-status') {
      const names = (list: unknown) =>
        Array.isArray(list)
          ? list.map((s) =>
              isRecord(s) ? [s.symbol, s.exchange].filter((p) => typeof p === 'string').join(':') : String(s),
            )
          : [];
      const status: SubscriptionStatus = {
        event: message.event,
        succeeded: names(message.success),
        failed: names(message.fails),
      };
      options.onStatus?.(status);
      if (status.failed.length > 0)
        report(
          new SourceRefusedError(
            service,
            `${service} refused to ${message.event.split('-')[0]} ${status.failed.join(', ')}`,
          ),
        );
      return;
    }
    if (message.status === 'error')
      report(new SourceRefusedError(service, `${service} reported an error: ${excerpt(text)}`));
  }

  function connect() {
    retryTimer = undefined;
    const ws = new WebSocket(url);
    socket = ws;
    let alive = true;
    let lastError = '';
    ws.on('open', () => {
      attempt = 0;
      options.onConnection?.({ state: 'open' });
      if (wanted.size > 0) symbolsMessage('subscribe', [...wanted]);
      heartbeat = setInterval(() => {
        if (!alive) return ws.terminate(); // the last ping went unanswered: the connection is dead
        alive = false;
        ws.ping();
        send({ action: 'heartbeat' });
      }, heartbeatMs);
    });
    ws.on('pong', () => (alive = true));
    ws.on('message', (data) => {
      alive = true;
      onMessage(data);
    });
    ws.on('error', (err) => {
      lastError = err.message;
      const status = /Unexpected server response: (\d+)/.exec(err.message)?.[1];
      if (status === '401' || status === '403') {
        refused = true;
        report(
          new SourceRefusedError(
            service,
            `${service} refused the connection (HTTP ${status}): check TWELVE_DATA_API_KEY`,
            Number(status),
          ),
        );
      }
    });
    ws.on('close', () => {
      clearInterval(heartbeat);
      if (socket === ws) socket = undefined;
      if (closing || refused) return options.onConnection?.({ state: 'closed', attempt });
      const retryInMs = backoffDelay(backoff, attempt);
      attempt += 1;
      if (lastError)
        report(new SourceUnavailableError(service, `${service} connection failed: ${lastError}`));
      options.onConnection?.({ state: 'closed', attempt, retryInMs });
      retryTimer = setTimeout(connect, retryInMs);
    });
  }

  connect();
  return {
    subscribe(instruments) {
      const fresh = instruments.map((i) => parseInstrumentId(i).id).filter((id) => !wanted.has(id));
      fresh.forEach((id) => wanted.add(id));
      if (fresh.length > 0) symbolsMessage('subscribe', fresh);
    },
    unsubscribe(instruments) {
      const gone = instruments.map((i) => parseInstrumentId(i).id).filter((id) => wanted.delete(id));
      if (gone.length > 0) symbolsMessage('unsubscribe', gone);
    },
    get subscriptions() {
      return [...wanted].sort();
    },
    get connected() {
      return socket?.readyState === WebSocket.OPEN;
    },
    close() {
      closing = true;
      clearTimeout(retryTimer);
      clearInterval(heartbeat);
      const ws = socket;
      if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
      return new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
        else ws.close(1000, 'client closing');
      });
    },
  };
}
