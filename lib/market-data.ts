/**
 * Daily OHLCV market data in columns, its CSV form, and the validation that decides which rows are kept.
 * Canonical CSV: `date,symbol,open,high,low,close,volume`, sorted by symbol then date. The dataset hash is
 * the SHA-256 of that text, so the same data always lands under the same key.
 */

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

/** A problem with the data as a whole: the dataset is refused and nothing is written. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

const required = ['date', 'open', 'high', 'low', 'close', 'volume'] as const;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

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

function rowProblem(date: string, o: number, h: number, l: number, c: number, v: number): string | undefined {
  if (!isoDate.test(date) || Number.isNaN(Date.parse(date)))
    return `date ${JSON.stringify(date)} is not YYYY-MM-DD`;
  for (const [name, value] of [
    ['open', o],
    ['high', h],
    ['low', l],
    ['close', c],
    ['volume', v],
  ] as const) {
    if (!Number.isFinite(value)) return `${name} is not a number`;
    if (value < 0) return `${name} is negative (${value})`;
  }
  if (o === 0 || h === 0 || l === 0 || c === 0) return 'a price is zero';
  if (h < l) return `high ${h} is below low ${l}`;
  if (h < Math.max(o, c) || l > Math.min(o, c)) return 'open or close outside the high-low range';
  return undefined;
}

/**
 * Parses and validates a CSV of daily bars. Fatal problems (missing columns, no usable rows, more bad rows
 * than `maxBadFraction`) throw DatasetError; row problems send the row to the quarantine list.
 */
export function parseMarketCsv(
  text: string,
  options: { defaultSymbol: string; maxBadFraction?: number; source?: string },
): { data: MarketData; report: ValidationReport } {
  const { defaultSymbol, maxBadFraction = 0.05, source = 'the CSV' } = options;
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new DatasetError(
      `${source} lacks the column(s) ${missing.join(', ')}; the header is "${lines[0] ?? ''}" and must contain ` +
        `${required.join(',')} (symbol optional)`,
    );
  }
  const col = Object.fromEntries([...required, 'symbol'].map((name) => [name, header.indexOf(name)]));
  const rows: { date: string; symbol: string; o: number; h: number; l: number; c: number; v: number }[] = [];
  const quarantined: QuarantinedRow[] = [];
  let rowsRead = 0;
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    rowsRead++;
    const cells = raw.split(',');
    if (cells.length !== header.length) {
      quarantined.push({
        line: i + 1,
        reason: `${cells.length} fields, the header has ${header.length}`,
        raw,
      });
      continue;
    }
    const num = (name: string) => (cells[col[name]!]!.trim() === '' ? Number.NaN : Number(cells[col[name]!]));
    const date = cells[col.date!]!.trim();
    const symbol = col.symbol! >= 0 ? cells[col.symbol!]!.trim() || defaultSymbol : defaultSymbol;
    const [o, h, l, c, v] = [num('open'), num('high'), num('low'), num('close'), num('volume')];
    const problem = rowProblem(date, o, h, l, c, v);
    if (problem) quarantined.push({ line: i + 1, reason: problem, raw });
    else rows.push({ date, symbol, o, h, l, c, v });
  }
  const warnings: string[] = [];
  const sorted = rows.every(
    (r, i) =>
      i === 0 ||
      rows[i - 1]!.symbol < r.symbol ||
      (rows[i - 1]!.symbol === r.symbol && rows[i - 1]!.date < r.date),
  );
  if (!sorted) {
    warnings.push('rows were not sorted by symbol and date; they were sorted');
    rows.sort((a, b) =>
      a.symbol === b.symbol ? (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) : a.symbol < b.symbol ? -1 : 1,
    );
  }
  // Duplicates (same symbol and date) are quarantined, keeping the first occurrence.
  const kept = rows.filter((r, i) => {
    const prev = rows[i - 1];
    if (prev && prev.symbol === r.symbol && prev.date === r.date) {
      quarantined.push({ line: -1, reason: `duplicate ${r.symbol} ${r.date}`, raw: `${r.date},${r.symbol}` });
      return false;
    }
    return true;
  });
  if (kept.length === 0)
    throw new DatasetError(`${source} has no valid rows (${rowsRead} read, all quarantined)`);
  if (quarantined.length > maxBadFraction * rowsRead) {
    const examples = quarantined
      .slice(0, 3)
      .map((q) => `line ${q.line}: ${q.reason}`)
      .join('; ');
    throw new DatasetError(
      `${source}: ${quarantined.length} of ${rowsRead} rows are invalid, more than the ${maxBadFraction * 100}% allowed (${examples})`,
    );
  }
  const data = emptyMarketData(kept.length);
  kept.forEach((r, i) => {
    data.date[i] = r.date;
    data.symbol[i] = r.symbol;
    data.open[i] = r.o;
    data.high[i] = r.h;
    data.low[i] = r.l;
    data.close[i] = r.c;
    data.volume[i] = r.v;
    const prev = kept[i - 1];
    if (prev && prev.symbol === r.symbol && Date.parse(r.date) - Date.parse(prev.date) > 7 * 86_400_000) {
      warnings.push(`${r.symbol}: gap from ${prev.date} to ${r.date}`);
    }
  });
  return { data, report: { rowsRead, rowsKept: kept.length, quarantined, warnings } };
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
