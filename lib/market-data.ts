/**
 * Daily OHLCV market data in columns and its CSV form: read from any CSV the product accepts (records by
 * csv-records.ts, dialect by csv-dialect.ts, row rules by market-validation.ts), written canonically.
 * Canonical CSV: `date,symbol,open,high,low,close,volume`, sorted by symbol then date. The dataset hash is
 * the SHA-256 of that text, so the same data always lands under the same key.
 */

import { forEachCsvRecord } from './csv-records.js';
import { delimiterProblem, describeNumberProblem, parseNumberCell } from './csv-dialect.js';
import { DatasetError } from './dataset-error.js';
import { finishMarketData, RowCollector } from './market-validation.js';

export interface MarketData {
  date: string[];
  symbol: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export interface QuarantinedRow {
  line: number;
  reason: string;
  raw: string;
}

export interface ValidationReport {
  rowsRead: number;
  rowsKept: number;
  quarantined: QuarantinedRow[];
  /** Not errors: calendar gaps longer than a week, input that was not sorted, ... */
  warnings: string[];
}

export { DatasetError } from './dataset-error.js';

const required = ['date', 'open', 'high', 'low', 'close', 'volume'] as const;
const numeric = ['open', 'high', 'low', 'close', 'volume'] as const;

export function emptyMarketData(n: number): MarketData {
  return {
    date: new Array<string>(n),
    symbol: new Array<string>(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
}

/** The rows at `indexes`, in that order, as market data of their own. */
export function selectRows(data: MarketData, indexes: readonly number[]): MarketData {
  const pick = (a: Float64Array) => Float64Array.from(indexes, (i) => a[i]!);
  return {
    date: indexes.map((i) => data.date[i]!),
    symbol: indexes.map((i) => data.symbol[i]!),
    open: pick(data.open),
    high: pick(data.high),
    low: pick(data.low),
    close: pick(data.close),
    volume: pick(data.volume),
  };
}

/**
 * Parses and validates a CSV of daily bars (RFC 4180: quoted fields, BOM, LF or CRLF). Fatal problems
 * (another delimiter, missing columns, no usable rows, more bad rows than `maxBadFraction`, a decimal
 * comma throughout) throw DatasetError; row problems send the row to the quarantine list.
 */
export function parseMarketCsv(
  text: string,
  options: { defaultSymbol: string; maxBadFraction?: number; source?: string },
): { data: MarketData; report: ValidationReport } {
  const { defaultSymbol, maxBadFraction = 0.05, source = 'the CSV' } = options;
  const rows = new RowCollector();
  let header: string[] | undefined;
  let col: Record<string, number> = {};
  let decimalCommaRows = 0;
  let firstDecimalComma = '';
  forEachCsvRecord(text, source, ({ fields, line, raw, problem }) => {
    if (!header) {
      header = fields.map((h) => h.trim().toLowerCase());
      col = Object.fromEntries([...required, 'symbol'].map((name) => [name, header!.indexOf(name)]));
      checkHeader(header, raw, source);
      return;
    }
    if (problem) return rows.reject(line, problem, raw);
    if (fields.length !== header.length) {
      // An unquoted number with a thousands separator splits in two: the commonest cause of extra fields.
      const hint =
        fields.length > header.length
          ? ' (quote numbers written with a thousands separator: "3,244.67")'
          : '';
      return rows.reject(line, `${fields.length} fields, the header has ${header.length}${hint}`, raw);
    }
    const values: number[] = [];
    for (const name of numeric) {
      const cell = fields[col[name]!]!;
      const parsed = parseNumberCell(cell);
      if (parsed.problem !== undefined) {
        const reason = describeNumberProblem(name, cell, parsed.problem);
        if (parsed.problem === 'decimal-comma' && decimalCommaRows++ === 0) {
          firstDecimalComma = `line ${line}: ${reason}`;
        }
        return rows.reject(line, reason, raw);
      }
      values.push(parsed.value);
    }
    const symbol = col.symbol! >= 0 ? fields[col.symbol!]!.trim() || defaultSymbol : defaultSymbol;
    const [o, h, l, c, v] = values as [number, number, number, number, number];
    rows.add(line, raw, fields[col.date!]!.trim(), symbol, o, h, l, c, v);
  });
  if (!header) throw new DatasetError(`${source} has no header line: expected ${required.join(',')}`);
  const formatProblem =
    decimalCommaRows > rows.quarantined.length / 2
      ? `numbers have a comma as the decimal mark (${firstDecimalComma}); ` +
        'the product reads a point as the decimal mark: export the file with "." decimals'
      : undefined;
  return finishMarketData(rows, { source, maxBadFraction, ...(formatProblem ? { formatProblem } : {}) });
}

function checkHeader(header: string[], raw: string, source: string): void {
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length === 0) return;
  const delimiter = delimiterProblem(raw, required);
  if (delimiter) throw new DatasetError(`${source}: ${delimiter}`);
  const shown = raw.length > 200 ? `${raw.slice(0, 200)}...` : raw;
  throw new DatasetError(
    `${source} lacks the column(s) ${missing.join(', ')}; the header is "${shown}" and must contain ` +
      `${required.join(',')} (symbol optional)`,
  );
}

export function toCanonicalCsv(data: MarketData): string {
  const parts: string[] = ['date,symbol,open,high,low,close,volume'];
  for (let i = 0; i < data.date.length; i++) {
    parts.push(
      `${data.date[i]},${data.symbol[i]},${data.open[i]},${data.high[i]},${data.low[i]},${data.close[i]},${data.volume[i]}`,
    );
  }
  return parts.join('\n') + '\n';
}

/** Index ranges [start, end) of each symbol's rows (data sorted by symbol then date). */
export function symbolRanges(data: MarketData): { symbol: string; start: number; end: number }[] {
  const ranges: { symbol: string; start: number; end: number }[] = [];
  for (let i = 0; i < data.symbol.length; i++) {
    const last = ranges[ranges.length - 1];
    if (last && last.symbol === data.symbol[i]) last.end = i + 1;
    else ranges.push({ symbol: data.symbol[i]!, start: i, end: i + 1 });
  }
  return ranges;
}
