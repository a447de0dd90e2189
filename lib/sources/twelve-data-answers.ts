/**
 * Twelve Data's REST answers, read strictly. Documented formats (https://twelvedata.com/docs, "Core data":
 * time_series and quote; the fields as the official generated client types them, twelvedata/twelvedata-node
 * src/models/GetTimeSeries200Response.ts and GetQuote200Response.ts):
 *  - time_series: `{"meta": {"symbol","interval","currency","exchange_timezone","exchange","type",...},
 *    "values": [{"datetime","open","high","low","close","volume"}, ...], "status": "ok"}`, numbers as
 *    strings, newest first;
 *  - quote: `{"symbol","name","exchange","currency","datetime","timestamp","open","high","low","close",
 *    "volume","previous_close","change","percent_change","is_market_open",...}`;
 *  - errors: `{"code": 400|401|403|404|414|429|500, "message": "...", "status": "error"}`, sent with that
 *    HTTP status or with HTTP 200 (the official clients check `status` whatever the HTTP status:
 *    twelvedata/twelvedata-python src/twelvedata/http_client.py). A 429's message says which limit:
 *    "You have run out of API credits for the current minute" or "... for the day".
 */
import { excerpt, type HttpAnswer } from './http-answer.js';
import { SourceAnswerError } from './source-errors.js';

export const twelveData = 'Twelve Data';

export type TwelveDataProblem =
  | { kind: 'refused' | 'unavailable'; code: number; message: string }
  | { kind: 'minute-limit' | 'daily-quota'; code: number; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The error an answer carries (in its body or its status), or `undefined` for a data answer. */
export function twelveDataProblem(answer: HttpAnswer): TwelveDataProblem | undefined {
  const body = answer.json;
  const errorBody = isRecord(body) && body.status === 'error';
  if (!errorBody && answer.status >= 200 && answer.status < 300) return undefined;
  const code = errorBody && typeof body.code === 'number' ? body.code : answer.status;
  const message =
    errorBody && typeof body.message === 'string'
      ? body.message
      : `HTTP ${answer.status} ${excerpt(answer.text)}`;
  if (code === 429)
    return { kind: /for the day|daily/i.test(message) ? 'daily-quota' : 'minute-limit', code, message };
  if (code >= 500) return { kind: 'unavailable', code, message };
  return { kind: 'refused', code, message };
}

export interface TwelveDataSeries {
  /** `SYMBOL:EXCHANGE` as asked. */
  instrument: string;
  interval: string;
  currency?: string;
  exchangeTimezone?: string;
  /** Ascending (the service answers newest first). Dates `YYYY-MM-DD`, intraday `YYYY-MM-DD HH:MM:SS`. */
  datetimes: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** NaN where the service gives no volume (indices, forex). */
  volume: Float64Array;
}

export interface TwelveDataQuote {
  instrument: string;
  name?: string;
  currency?: string;
  /** The bar's datetime in the exchange's time zone, as given. */
  datetime: string;
  /** Epoch milliseconds of the bar. */
  timestamp: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume?: number;
  previousClose?: number;
  change?: number;
  percentChange?: number;
  isMarketOpen?: boolean;
}

function malformed(instrument: string, endpoint: string, why: string): SourceAnswerError {
  return new SourceAnswerError(
    twelveData,
    `${twelveData} answered ${endpoint} for ${instrument} in an unexpected format: ${why}`,
  );
}

/** A documented number-as-string (or number) field; `undefined` when absent and optional. */
function numberField(
  record: Record<string, unknown>,
  name: string,
  fail: (why: string) => SourceAnswerError,
  optional = false,
): number | undefined {
  const raw = record[name];
  if ((raw === undefined || raw === null || raw === '') && optional) return undefined;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) throw fail(`"${name}" is ${JSON.stringify(raw)}, not a number`);
  return value;
}

export function parseTimeSeries(instrument: string, answer: HttpAnswer): TwelveDataSeries {
  const fail = (why: string) => malformed(instrument, 'time_series', why);
  const body = answer.json;
  if (!isRecord(body)) throw fail(`the body is not a JSON object: ${excerpt(answer.text)}`);
  if (!isRecord(body.meta) || !Array.isArray(body.values)) throw fail('no "meta" object and "values" array');
  const rows = body.values.map((row, i) => {
    if (!isRecord(row) || typeof row.datetime !== 'string') throw fail(`values[${i}] has no "datetime"`);
    const at = (why: string) => fail(`values[${i}] (${row.datetime as string}): ${why}`);
    return {
      datetime: row.datetime,
      open: numberField(row, 'open', at)!,
      high: numberField(row, 'high', at)!,
      low: numberField(row, 'low', at)!,
      close: numberField(row, 'close', at)!,
      volume: numberField(row, 'volume', at, true) ?? Number.NaN,
    };
  });
  rows.sort((a, b) => a.datetime.localeCompare(b.datetime));
  rows.forEach((row, i) => {
    if (i > 0 && row.datetime === rows[i - 1]!.datetime) throw fail(`${row.datetime} appears twice`);
  });
  const meta = body.meta;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const column = (name: 'open' | 'high' | 'low' | 'close' | 'volume') =>
    Float64Array.from(rows, (r) => r[name]);
  return {
    instrument,
    interval: text(meta.interval) ?? '',
    ...(text(meta.currency) ? { currency: text(meta.currency) } : {}),
    ...(text(meta.exchange_timezone) ? { exchangeTimezone: text(meta.exchange_timezone) } : {}),
    datetimes: rows.map((r) => r.datetime),
    open: column('open'),
    high: column('high'),
    low: column('low'),
    close: column('close'),
    volume: column('volume'),
  };
}

export function parseQuote(instrument: string, answer: HttpAnswer): TwelveDataQuote {
  const fail = (why: string) => malformed(instrument, 'quote', why);
  const body = answer.json;
  if (!isRecord(body)) throw fail(`the body is not a JSON object: ${excerpt(answer.text)}`);
  if (typeof body.datetime !== 'string') throw fail('no "datetime"');
  const optional = (name: string) => numberField(body, name, fail, true);
  const quote: TwelveDataQuote = {
    instrument,
    datetime: body.datetime,
    timestamp: numberField(body, 'timestamp', fail)! * 1000,
    open: numberField(body, 'open', fail)!,
    high: numberField(body, 'high', fail)!,
    low: numberField(body, 'low', fail)!,
    close: numberField(body, 'close', fail)!,
  };
  if (typeof body.name === 'string') quote.name = body.name;
  if (typeof body.currency === 'string') quote.currency = body.currency;
  if (typeof body.is_market_open === 'boolean') quote.isMarketOpen = body.is_market_open;
  const extras = { volume: 'volume', previousClose: 'previous_close', change: 'change' } as const;
  for (const [key, field] of Object.entries(extras)) {
    const value = optional(field);
    if (value !== undefined) quote[key as keyof typeof extras] = value;
  }
  const percent = optional('percent_change');
  if (percent !== undefined) quote.percentChange = percent;
  return quote;
}
