/**
 * The Ken French data shipped inside two PyPI packages, read from the files' own layouts (checked on the
 * installed files of arch 8.0.0 and linearmodels 7.1; both use CRLF line ends):
 *  - arch `arch/data/frenchdata/frenchdata.csv.gz`: `Date,Mkt-RF,SMB,HML,RF`, Date as YYYYMM, 1,109
 *    months 1926-07..2018-11, values in percent (as Ken French publishes them).
 *  - linearmodels `linearmodels/datasets/french/french.csv.bz2`: `dates,MktRF,SMB,HML,Mom,RF`, then 12
 *    industry portfolios (NoDur..Other) and 18 size/value and size/momentum portfolios (S1V1..S5M5), dates
 *    as YYYY-MM-01, 819 months 1949-01..2017-03, values in decimals; the portfolios are total returns (the
 *    package's examples subtract RF to make excess returns:
 *    https://bashtage.github.io/linearmodels/asset-pricing/examples/examples.html).
 * The unit is checked on the data rather than trusted: monthly market excess returns have a median size
 * of a few percent, so a median |Mkt-RF| above 0.2 can only be percent. Dates are taken as YYYYMM,
 * YYYY-MM, YYYY-MM-DD (with or without a time) or M/D/YYYY, whichever the file carries.
 */
import { gunzipSync } from 'node:zlib';
import Bunzip from 'seek-bzip';
import { UniverseInputError } from './errors.js';
import { checkFactorTable, type FactorTable } from './factors.js';

/** gzip or bzip2 bytes (told apart by their magic numbers) to text. */
export function decompressText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0x1f && buffer[1] === 0x8b) return gunzipSync(buffer).toString('utf8');
  if (buffer.subarray(0, 3).toString('latin1') === 'BZh') return Bunzip.decode(buffer).toString('utf8');
  return buffer.toString('utf8');
}

/** 'YYYY-MM' of a date cell in any of the forms the packaged files use. */
export function monthOfDateCell(cell: string): string | undefined {
  const value = cell.trim().replace(/^"|"$/g, '');
  let match = /^(\d{4})(\d{2})$/.exec(value) ?? /^(\d{4})-(\d{2})(?:-\d{2}(?:[ T][\d:.]+)?)?$/.exec(value);
  if (match) return Number(match[2]) >= 1 && Number(match[2]) <= 12 ? `${match[1]}-${match[2]}` : undefined;
  match = /^(\d{1,2})\/\d{1,2}\/(\d{4})$/.exec(value);
  if (match && Number(match[1]) >= 1 && Number(match[1]) <= 12)
    return `${match[2]}-${match[1]!.padStart(2, '0')}`;
  return undefined;
}

interface PlainTable {
  months: string[];
  columns: Record<string, Float64Array>;
}

/** A header line naming `dateColumn`, then one row per month; an unnamed leading index column is ignored. */
function parseDatedCsv(text: string, dateColumn: string, source: string): PlainTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const dateAt = header.indexOf(dateColumn);
  if (dateAt < 0) {
    throw new UniverseInputError(
      'factors',
      `${source} is not in the expected layout: no ${dateColumn} column in its header "${lines[0] ?? ''}"`,
    );
  }
  const named = header.map((name, j) => ({ name, j })).filter(({ name, j }) => j !== dateAt && name !== '');
  const months: string[] = [];
  const values = named.map(() => [] as number[]);
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    if (cells.length !== header.length) {
      throw new UniverseInputError(
        'factors',
        `${source} line ${i + 2}: ${cells.length} fields, the header has ${header.length}`,
      );
    }
    const month = monthOfDateCell(cells[dateAt]!);
    if (!month)
      throw new UniverseInputError(
        'factors',
        `${source} line ${i + 2}: ${JSON.stringify(cells[dateAt])} is not a month`,
      );
    months.push(month);
    named.forEach(({ j }, k) => {
      const cell = cells[j]!.trim();
      values[k]!.push(cell === '' ? Number.NaN : Number(cell));
    });
  });
  const columns = Object.fromEntries(named.map(({ name }, k) => [name, Float64Array.from(values[k]!)]));
  return { months, columns };
}

/** Percent or decimal, judged on the market column (see the file comment). */
function percentScale(market: Float64Array): number {
  const sizes = Array.from(market, Math.abs)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  return median > 0.2 ? 0.01 : 1;
}

function scaled(columns: Record<string, Float64Array>, scale: number): Record<string, Float64Array> {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v.map((x) => x * scale)]));
}

/** arch's frenchdata.csv(.gz): the 3 Fama-French factors and the risk-free rate, monthly. */
export function parseArchFrenchData(text: string, source = 'arch frenchdata.csv.gz'): FactorTable {
  const table = parseDatedCsv(text, 'Date', source);
  const market = table.columns['Mkt-RF'];
  for (const name of ['Mkt-RF', 'SMB', 'HML', 'RF']) {
    if (!(name in table.columns)) throw new UniverseInputError('factors', `${source} has no ${name} column`);
  }
  return checkFactorTable({
    months: table.months,
    columns: scaled(table.columns, percentScale(market!)),
    source,
  });
}

export const linearmodelsFactorColumns = {
  MktRF: 'Mkt-RF',
  SMB: 'SMB',
  HML: 'HML',
  Mom: 'Mom',
  RF: 'RF',
} as const;

export interface PackagedPortfolios {
  /** The 3 factors + momentum and the risk-free rate, renamed to Ken French's spelling (Mkt-RF). */
  factors: FactorTable;
  /** The test portfolios' total monthly returns (decimals), aligned to `factors.months`. */
  portfolios: PlainTable & { names: string[] };
}

/** linearmodels' french.csv(.bz2): factors plus the 12 industry and 18 size-sorted portfolios. */
export function parseLinearmodelsFrench(
  text: string,
  source = 'linearmodels french.csv.bz2',
): PackagedPortfolios {
  const table = parseDatedCsv(text, 'dates', source);
  const missing = Object.keys(linearmodelsFactorColumns).filter((name) => !(name in table.columns));
  if (missing.length > 0)
    throw new UniverseInputError('factors', `${source} has no ${missing.join(', ')} column(s)`);
  const scale = percentScale(table.columns.MktRF!);
  const all = scaled(table.columns, scale);
  const factorColumns = Object.fromEntries(
    Object.entries(linearmodelsFactorColumns).map(([from, to]) => [to, all[from]!]),
  );
  const names = Object.keys(all).filter((name) => !(name in linearmodelsFactorColumns));
  const factors = checkFactorTable({ months: table.months, columns: factorColumns, source });
  const portfolioColumns = Object.fromEntries(names.map((name) => [name, all[name]!]));
  return { factors, portfolios: { months: factors.months, columns: portfolioColumns, names } };
}
