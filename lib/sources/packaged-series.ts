/**
 * Real market series from the data sets the PyPI package arch ships (lib/package-data.ts installs them with
 * their SHA-256 checked), as market-flow `MarketSeries`, each labelled with the package, file and range.
 * The files' layouts, as installed from arch 8.0.0 (CRLF line ends, dates M/D/YYYY unless said):
 *  - sp500.csv.gz, nasdaq.csv.gz: `Date,Open,High,Low,Close,Adj Close,Volume`, 5,031 trading days
 *    1999-01-04..2018-12-31 (Close and Adj Close are equal: these are indices);
 *  - wti.csv.gz: `Date,DCOILWTICO` (FRED's WTI spot, USD a barrel), 1986-01-02..2019-01-03, holidays ".";
 *  - default.csv.gz: `Date,AAA,BAA` (Moody's seasoned corporate bond yields, percent), monthly, dated the
 *    first of the month, 1919-01..2018-12;
 *  - vix.csv.gz: `Date,vix`, 2014-01-03..2019-01-03, holidays ".";
 *  - frenchdata.csv.gz: `Date,Mkt-RF,SMB,HML,RF`, Date YYYYMM, percent; RF is the month's one-month T-bill
 *    return, compounded here into a cash index (100 before the first month, dated each month's last day)
 *    so cash moves by returns like the other assets.
 * Yields are `rate` series (they move by differences, in percentage points); the rest are `price` levels.
 */
import { gunzipSync } from 'node:zlib';
import type { MarketSeries, SeriesKind } from '../market-flow/series.js';
import { packageData, readPackageData } from '../package-data.js';
import { parseArchFrenchData } from '../universe/packaged-french.js';
import { parseDatedSeries } from './package-macro.js';

type ArchMember = (typeof packageData.arch.members)[number]['path'];

interface PackagedSeriesSpec {
  member: ArchMember;
  column: string;
  kind: SeriesKind;
  what: string;
}

export const packagedSeries = {
  sp500: {
    member: 'arch/data/sp500/sp500.csv.gz',
    column: 'Close',
    kind: 'price',
    what: 'S&P 500 index, daily close',
  },
  nasdaq: {
    member: 'arch/data/nasdaq/nasdaq.csv.gz',
    column: 'Close',
    kind: 'price',
    what: 'NASDAQ Composite index, daily close',
  },
  wti: {
    member: 'arch/data/wti/wti.csv.gz',
    column: 'DCOILWTICO',
    kind: 'price',
    what: 'WTI crude oil spot, USD a barrel, daily (FRED DCOILWTICO)',
  },
  aaa: {
    member: 'arch/data/default/default.csv.gz',
    column: 'AAA',
    kind: 'rate',
    what: "Moody's Aaa corporate bond yield, percent, monthly",
  },
  baa: {
    member: 'arch/data/default/default.csv.gz',
    column: 'BAA',
    kind: 'rate',
    what: "Moody's Baa corporate bond yield, percent, monthly",
  },
  vix: { member: 'arch/data/vix/vix.csv.gz', column: 'vix', kind: 'price', what: 'CBOE VIX, daily close' },
  cash: {
    member: 'arch/data/frenchdata/frenchdata.csv.gz',
    column: 'RF',
    kind: 'price',
    what: 'cash: Fama-French RF (one-month T-bill) compounded into an index, 100 before the first month, monthly',
  },
} as const satisfies Record<string, PackagedSeriesSpec>;
export type PackagedSeriesId = keyof typeof packagedSeries;

const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
};

/** The observations of one catalogue series from its file's text (already decompressed). */
export function parsePackagedSeries(
  id: PackagedSeriesId,
  text: string,
): { dates: string[]; values: Float64Array } {
  const spec: PackagedSeriesSpec = packagedSeries[id];
  if (id === 'cash') {
    const table = parseArchFrenchData(text, spec.member);
    let level = 100;
    const values = Float64Array.from(table.columns.RF!, (rf) => (level *= 1 + rf));
    return { dates: table.months.map(lastDayOfMonth), values };
  }
  const rows = parseDatedSeries(text, spec.column);
  return { dates: rows.map((r) => r.date), values: Float64Array.from(rows, (r) => r.value) };
}

/** The labelled series of a catalogue entry, from its file's text. */
export function packagedMarketSeries(id: PackagedSeriesId, text: string): MarketSeries {
  const spec: PackagedSeriesSpec = packagedSeries[id];
  const { dates, values } = parsePackagedSeries(id, text);
  const { package: name, version } = packageData.arch;
  const range = dates.length > 0 ? `${dates[0]}..${dates.at(-1)}` : 'no data';
  return {
    id,
    dates,
    values,
    kind: spec.kind,
    source: { kind: 'real', name: `${name} ${version} ${spec.member}: ${spec.what} (${range})` },
  };
}

/** Reads the installed files (hash-checked; `PackageDataUnavailableError` says how to install them). */
export async function loadPackagedSeries(
  root: string,
  ids: readonly PackagedSeriesId[] = Object.keys(packagedSeries) as PackagedSeriesId[],
): Promise<MarketSeries[]> {
  const texts = new Map<string, string>();
  const out: MarketSeries[] = [];
  for (const id of ids) {
    const { member } = packagedSeries[id];
    if (!texts.has(member))
      texts.set(member, gunzipSync(await readPackageData(root, packageData.arch, member)).toString('utf8'));
    out.push(packagedMarketSeries(id, texts.get(member)!));
  }
  return out;
}
