/**
 * Binance spot REST answers, read strictly (https://developers.binance.com/docs/binance-spot-api-docs/rest-api,
 * "General API Information" and "Market Data endpoints: Kline/Candlestick data"):
 *  - `GET /api/v3/klines` answers an array of arrays, oldest first, each
 *    `[openTime, "open", "high", "low", "close", "volume", closeTime, "quoteAssetVolume", numberOfTrades,
 *    "takerBuyBaseAssetVolume", "takerBuyQuoteAssetVolume", "ignore"]`, times in epoch milliseconds;
 *  - any error is `{"code": -1121, "msg": "Invalid symbol."}` with a 4xx status; 429 means the request
 *    weight limit was broken and 418 that the IP is banned for not backing off, both with `Retry-After`
 *    (seconds); 5xx are the service's own failures.
 */
import { excerpt, type HttpAnswer } from './http-answer.js';
import { SourceAnswerError } from './source-errors.js';

export const binance = 'Binance';

export interface Kline {
  /** Epoch milliseconds. */
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Base asset volume. */
  volume: number;
  closeTime: number;
  quoteVolume: number;
  trades: number;
  takerBuyBaseVolume: number;
  takerBuyQuoteVolume: number;
}

export type BinanceProblem =
  | { kind: 'rate-limited' | 'banned'; status: number; code?: number; message: string; retryAfterMs?: number }
  | { kind: 'refused' | 'unavailable'; status: number; code?: number; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function binanceProblem(answer: HttpAnswer): BinanceProblem | undefined {
  if (answer.status >= 200 && answer.status < 300) return undefined;
  const body = answer.json;
  const code = isRecord(body) && typeof body.code === 'number' ? body.code : undefined;
  const message =
    isRecord(body) && typeof body.msg === 'string'
      ? `${code ?? ''} "${body.msg}"`.trim()
      : `HTTP ${answer.status} ${excerpt(answer.text)}`;
  const status = answer.status;
  if (status === 429 || status === 418) {
    const seconds = Number(answer.headers.get('retry-after'));
    return {
      kind: status === 418 ? 'banned' : 'rate-limited',
      status,
      code,
      message,
      ...(Number.isFinite(seconds) && seconds >= 0 ? { retryAfterMs: seconds * 1000 } : {}),
    };
  }
  return { kind: status >= 500 ? 'unavailable' : 'refused', status, code, message };
}

/** The klines of an answer, each row checked against the documented layout. */
export function parseKlines(symbol: string, answer: HttpAnswer): Kline[] {
  const fail = (why: string) =>
    new SourceAnswerError(
      binance,
      `${binance} answered klines for ${symbol} in an unexpected format: ${why}`,
    );
  if (!Array.isArray(answer.json)) throw fail(`the body is not a JSON array: ${excerpt(answer.text)}`);
  return answer.json.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length < 11) throw fail(`row ${i} is not an array of 11 or 12 fields`);
    const at = (j: number, name: string) => {
      const raw: unknown = row[j];
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
      if (!Number.isFinite(value)) throw fail(`row ${i} ${name} is ${JSON.stringify(raw)}, not a number`);
      return value;
    };
    return {
      openTime: at(0, 'open time'),
      open: at(1, 'open'),
      high: at(2, 'high'),
      low: at(3, 'low'),
      close: at(4, 'close'),
      volume: at(5, 'volume'),
      closeTime: at(6, 'close time'),
      quoteVolume: at(7, 'quote asset volume'),
      trades: at(8, 'number of trades'),
      takerBuyBaseVolume: at(9, 'taker buy base asset volume'),
      takerBuyQuoteVolume: at(10, 'taker buy quote asset volume'),
    };
  });
}
