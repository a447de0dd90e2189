/**
 * The cross-sectional stages, which need every symbol's monthly columns (small: about 100 months × 25
 * columns a symbol): the liquidity filter by rolling dollar volume, then the monthly K-means. Each month
 * is independent of the others, so both can also be split by month.
 */
import { clusterRows, type ClusterResult } from './clustering.js';
import { UniverseInputError } from './errors.js';
import { indicatorNames } from './symbol-indicators.js';
import { returnNames } from './monthly.js';
import type { UniverseOptions } from './options.js';
import type { SymbolAnalysis } from './symbol-stage.js';

export type MonthlyColumns = Pick<SymbolAnalysis, 'symbol' | 'months' | 'monthly'>;

export interface LiquidMonth {
  month: string;
  /** The most liquid symbols, most liquid first. */
  symbols: string[];
}

/**
 * Per month, the `topN` symbols with the largest rolling dollar volume (ties by symbol name); with topN
 * null, every symbol with a close that month, in name order.
 */
export function selectLiquidSymbols(
  panel: readonly MonthlyColumns[],
  options: UniverseOptions['liquidity'],
): LiquidMonth[] {
  const byMonth = new Map<string, { symbol: string; volume: number }[]>();
  for (const { symbol, months, monthly } of panel) {
    const rank = options.topN === null ? monthly.close! : monthly.dollar_volume_rolling!;
    months.forEach((month, m) => {
      if (!Number.isFinite(rank[m])) return;
      let list = byMonth.get(month);
      if (!list) byMonth.set(month, (list = []));
      list.push({ symbol, volume: options.topN === null ? 0 : rank[m]! });
    });
  }
  return [...byMonth.keys()].sort().map((month) => ({
    month,
    symbols: byMonth
      .get(month)!
      .sort((a, b) => b.volume - a.volume || (a.symbol < b.symbol ? -1 : 1))
      .slice(0, options.topN ?? undefined)
      .map((e) => e.symbol),
  }));
}

/** The default clustering features: indicators (without dollar volume), returns, then the betas present. */
export function defaultClusterFeatures(panel: readonly MonthlyColumns[]): string[] {
  const known = new Set<string>([...indicatorNames, 'dollar_volume_rolling', 'close', ...returnNames]);
  const betas = Object.keys(panel[0]?.monthly ?? {}).filter((name) => !known.has(name));
  return [...indicatorNames.filter((n) => n !== 'dollar_volume'), ...returnNames, ...betas];
}

export interface MonthClusters extends Omit<ClusterResult, 'labels'> {
  month: string;
  features: string[];
  /** Symbols clustered (liquid, with every feature known) and their labels. */
  symbols: string[];
  labels: Int32Array;
}

/** K-means of one month's liquid symbols; undefined when fewer complete rows than clusters remain. */
export function clusterMonth(
  liquid: LiquidMonth,
  panel: ReadonlyMap<string, MonthlyColumns>,
  features: string[],
  options: UniverseOptions['clustering'],
): MonthClusters | undefined {
  const symbols: string[] = [];
  const rows: number[][] = [];
  for (const symbol of liquid.symbols) {
    const entry = panel.get(symbol);
    if (!entry) continue;
    const m = entry.months.indexOf(liquid.month);
    if (m < 0) continue;
    const row = features.map((f) => entry.monthly[f]?.[m] ?? Number.NaN);
    if (!row.every(Number.isFinite)) continue;
    symbols.push(symbol);
    rows.push(row);
  }
  if (rows.length < options.seedCentroids.length) return undefined;
  const result = clusterRows(rows, { ...options, features });
  return { ...result, month: liquid.month, features, symbols };
}

/** Every month's clusters, in month order; months with too few complete rows are left out. */
export function clusterUniverse(
  panel: readonly MonthlyColumns[],
  liquid: readonly LiquidMonth[],
  options: UniverseOptions['clustering'],
): MonthClusters[] {
  if (panel.length === 0) throw new UniverseInputError('symbols', 'the universe is empty');
  const features = options.features ?? defaultClusterFeatures(panel);
  const bySymbol = new Map(panel.map((p) => [p.symbol, p]));
  return liquid.flatMap((month) => clusterMonth(month, bySymbol, features, options) ?? []);
}
