/**
 * The rules that decide which daily bars are kept, shared by every source (a CSV, a data service, the
 * synthetic generator), so what ingestion stores is exactly what the later stages read back: a bar with an
 * impossible price goes to the quarantine list with its reason; rows are sorted by symbol then date;
 * duplicates are dropped; a dataset with more bad rows than allowed is refused as a whole.
 */
import { DatasetError } from './dataset-error.js';
import type { MarketData, QuarantinedRow, ValidationReport } from './market-data.js';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** The canonical CSV writes symbols unquoted, so these cannot be part of one. */
const unsafeSymbol = /[,"\r\n]/;
const maxRawLength = 200;
/** Longer than a week between two bars of a symbol is worth a warning (holidays never make one). */
const weekMs = 7 * 86_400_000;

/** Epoch milliseconds of a YYYY-MM-DD date, NaN when it is not one; memoised (dates repeat per symbol). */
export class DateReader {
  private readonly known = new Map<string, number>();
  dayOf(date: string): number {
    let ms = this.known.get(date);
    if (ms === undefined) {
      ms = isoDate.test(date) ? Date.parse(date) : Number.NaN;
      this.known.set(date, ms);
    }
    return ms;
  }
}

const priceNames = ['open', 'high', 'low', 'close', 'volume'] as const;

/** Why a bar cannot be kept, or undefined. `day` is the date's epoch milliseconds (NaN: not a date). */
export function rowProblem(
  date: string,
  day: number,
  symbol: string,
  o: number,
  h: number,
  l: number,
  c: number,
  v: number,
): string | undefined {
  if (Number.isNaN(day)) return `date ${JSON.stringify(date.slice(0, 24))} is not YYYY-MM-DD`;
  if (unsafeSymbol.test(symbol))
    return `symbol ${JSON.stringify(symbol.slice(0, 24))} has a comma, quote or line break`;
  // The common case first, without allocating: all five finite and positive.
  if (!(
    o > 0 &&
    h > 0 &&
    l > 0 &&
    c > 0 &&
    v >= 0 &&
    h < Infinity &&
    v < Infinity &&
    o < Infinity &&
    c < Infinity
  )) {
    const values = [o, h, l, c, v];
    for (let k = 0; k < 5; k++) {
      if (!Number.isFinite(values[k])) return `${priceNames[k]} is not a number`;
      if (values[k]! < 0) return `${priceNames[k]} is negative (${values[k]})`;
    }
    return 'a price is zero';
  }
  if (h < l) return `high ${h} is below low ${l}`;
  if (h < Math.max(o, c) || l > Math.min(o, c)) return 'open or close outside the high-low range';
  return undefined;
}

/** Rows accepted so far, in input order, with the line each came from. */
export class RowCollector {
  readonly date: string[] = [];
  readonly symbol: string[] = [];
  readonly open: number[] = [];
  readonly high: number[] = [];
  readonly low: number[] = [];
  readonly close: number[] = [];
  readonly volume: number[] = [];
  readonly line: number[] = [];
  /** Epoch milliseconds of each kept row's date. */
  readonly day: number[] = [];
  readonly quarantined: QuarantinedRow[] = [];
  rowsRead = 0;
  private readonly dates = new DateReader();

  /** Checks one row: kept, or quarantined with its reason. */
  add(
    line: number,
    raw: string | (() => string),
    date: string,
    symbol: string,
    o: number,
    h: number,
    l: number,
    c: number,
    v: number,
  ): void {
    this.rowsRead++;
    const day = this.dates.dayOf(date);
    const problem = rowProblem(date, day, symbol, o, h, l, c, v);
    if (problem) return this.reject(line, problem, typeof raw === 'string' ? raw : raw(), false);
    this.date.push(date);
    this.symbol.push(symbol);
    this.open.push(o);
    this.high.push(h);
    this.low.push(l);
    this.close.push(c);
    this.volume.push(v);
    this.line.push(line);
    this.day.push(day);
  }

  /** A row that could not even be read as a bar (wrong field count, a field that is not a number). */
  reject(line: number, reason: string, raw: string, read = true): void {
    if (read) this.rowsRead++;
    const shown = raw.length > maxRawLength ? `${raw.slice(0, maxRawLength)}...` : raw;
    this.quarantined.push({ line, reason, raw: shown });
  }
}

/**
 * Sorts, drops duplicates and decides whether the dataset as a whole is usable. `formatProblem` is what
 * to lead with when the file is refused because of one systematic problem (a decimal comma, ...).
 */
export function finishMarketData(
  rows: RowCollector,
  options: { source: string; maxBadFraction: number; formatProblem?: string },
): { data: MarketData; report: ValidationReport } {
  const { source, maxBadFraction } = options;
  const n = rows.date.length;
  const before = (a: number, b: number) =>
    rows.symbol[a]! < rows.symbol[b]! || (rows.symbol[a] === rows.symbol[b] && rows.date[a]! < rows.date[b]!);
  const warnings: string[] = [];
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (hasUnsortedPair(rows, n)) {
    warnings.push('rows were not sorted by symbol and date; they were sorted');
    // Stable: of two rows with the same symbol and date, the first in the file stays first and is kept.
    order.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }
  const kept: number[] = [];
  for (let k = 0; k < n; k++) {
    const [prev, i] = [order[k - 1], order[k]!];
    if (prev !== undefined && rows.symbol[prev] === rows.symbol[i] && rows.date[prev] === rows.date[i]) {
      rows.quarantined.push({
        line: rows.line[i]!,
        reason: `duplicate ${rows.symbol[i]} ${rows.date[i]}`,
        raw: `${rows.date[i]},${rows.symbol[i]}`,
      });
    } else kept.push(i);
  }
  const { quarantined, rowsRead } = rows;
  const lead = options.formatProblem ? `${source}: ${options.formatProblem}` : undefined;
  if (kept.length === 0)
    throw new DatasetError(lead ?? `${source} has no valid rows (${rowsRead} read, all quarantined)`);
  if (quarantined.length > maxBadFraction * rowsRead) {
    const examples = quarantined
      .slice(0, 3)
      .map((q) => `line ${q.line}: ${q.reason}`)
      .join('; ');
    throw new DatasetError(
      lead ??
        `${source}: ${quarantined.length} of ${rowsRead} rows are invalid, more than the ${maxBadFraction * 100}% allowed (${examples})`,
    );
  }
  const m = kept.length;
  const data: MarketData = {
    date: new Array<string>(m),
    symbol: new Array<string>(m),
    open: new Float64Array(m),
    high: new Float64Array(m),
    low: new Float64Array(m),
    close: new Float64Array(m),
    volume: new Float64Array(m),
  };
  for (let k = 0; k < m; k++) {
    const i = kept[k]!;
    data.date[k] = rows.date[i]!;
    data.symbol[k] = rows.symbol[i]!;
    data.open[k] = rows.open[i]!;
    data.high[k] = rows.high[i]!;
    data.low[k] = rows.low[i]!;
    data.close[k] = rows.close[i]!;
    data.volume[k] = rows.volume[i]!;
    const prev = kept[k - 1];
    if (
      prev !== undefined &&
      rows.symbol[i] === rows.symbol[prev] &&
      rows.day[i]! - rows.day[prev]! > weekMs
    ) {
      warnings.push(`${rows.symbol[i]}: gap from ${rows.date[prev]} to ${rows.date[i]}`);
    }
  }
  return { data, report: { rowsRead, rowsKept: kept.length, quarantined, warnings } };
}

function hasUnsortedPair(rows: RowCollector, n: number): boolean {
  for (let i = 1; i < n; i++) {
    const [a, b] = [i - 1, i];
    if (
      rows.symbol[a]! > rows.symbol[b]! ||
      (rows.symbol[a] === rows.symbol[b] && rows.date[a]! > rows.date[b]!)
    )
      return true;
  }
  return false;
}

/** Bars made in memory (a data service, the generator) through the same rules as a CSV's. */
export function validateMarketData(
  data: MarketData,
  options: { source: string; maxBadFraction?: number },
): { data: MarketData; report: ValidationReport } {
  const rows = new RowCollector();
  for (let i = 0; i < data.date.length; i++) {
    const [d, s, o, h, l, c, v] = [
      data.date[i]!,
      data.symbol[i]!,
      data.open[i]!,
      data.high[i]!,
      data.low[i]!,
      data.close[i]!,
      data.volume[i]!,
    ];
    rows.add(i + 1, () => `${d},${s},${o},${h},${l},${c},${v}`, d, s, o, h, l, c, v);
  }
  return finishMarketData(rows, { source: options.source, maxBadFraction: options.maxBadFraction ?? 0.05 });
}
